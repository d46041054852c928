// The guide and the glossary. Original prose: what a learner needs to get going; the terms the
// lessons lean on live in widgets/learn/glossary.cpp, where the lesson pane links them too.
#include "gui/help_pages.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

#include "learn/glossary.h"

namespace sb::app {

namespace {

QString guide() {
    return QObject::tr(
        "<h2>Getting started</h2>"
        "<p>Splitbrain runs small, exact models of distributed systems and lets you watch, break and "
        "replay them. Every run is deterministic: the same lesson and seed always do the same thing, "
        "so you can rewind and try again.</p>"
        "<h3>1. Open a lesson</h3>"
        "<p>Lessons are listed in the <b>Lessons</b> panel, grouped by topic. Click one to open it (from the "
        "keyboard: move to it and press Enter). The <b>Lesson</b> panel shows its steps; <b>Next step</b> (Page Down) runs the next one "
        "and the narration explains what you are seeing. When the last step is done, the status bar offers "
        "the next lesson and a quiz on the topic. Words in the narration in the link colour are glossary terms: "
        "click one for a short explanation.</p>"
        "<h3>2. Control time</h3>"
        "<p>Space plays and pauses, the arrow keys step one event forward or back, and the timeline "
        "slider jumps anywhere in the run. Nothing is lost by stepping back: the model is replayed.</p>"
        "<h3>3. Break things</h3>"
        "<ul><li><b>Drag a node</b> away from the others to cut it off (a partition); drag it back to heal.</li>"
        "<li><b>Right-click a node</b> to crash or restart it, or for the topic's own actions.</li>"
        "<li><b>Click a message</b> in flight to inspect it; right-click it to drop or delay it.</li></ul>"
        "<p>Every change can be undone (Ctrl+Z) and is kept when you save the session (Ctrl+S).</p>"
        "<h3>4. Compare and measure</h3>"
        "<p>View &gt; Compare side by side (Ctrl+D) runs the same scenario with one setting changed. The "
        "<b>Plots</b> panel draws the run's counters over simulated time; tick the series you want to see.</p>"
        "<h3>5. Drill the questions</h3>"
        "<p>Quiz mode (F9) asks the lessons' interview questions with spaced repetition, and "
        "&ldquo;predict&rdquo; questions that the model itself grades. View &gt; Reset layout puts the "
        "panels back where they started.</p>");
}

QString glossary() {
    QString html = QObject::tr("<h2>Glossary</h2><p>The terms the lessons use, in brief.</p><dl>");
    for (const widgets::GlossaryTerm& t : widgets::glossaryTerms())
        html += QStringLiteral("<dt><a name=\"%1\"></a><b>%1</b></dt><dd>%2</dd>").arg(t.word.toHtmlEscaped(), t.meaning.toHtmlEscaped());
    return html + QStringLiteral("</dl>");
}

}  // namespace

QString helpPageTitle(HelpPage page) {
    return page == HelpPage::Guide ? QObject::tr("Guide") : QObject::tr("Glossary");
}

QString helpPageHtml(HelpPage page) { return page == HelpPage::Guide ? guide() : glossary(); }

void showHelpPage(QWidget* parent, HelpPage page) {
    auto* dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(helpPageTitle(page));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setAccessibleName(helpPageTitle(page));
    text->setHtml(helpPageHtml(page));
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    // As tall as the page, within nine tenths of the window: at 1920x1080 the guide need not
    // scroll; the glossary, longer than any window, does.
    const int width = 560;
    QTextDocument measured;  // apart: the browser's own document is not laid out until shown
    measured.setDefaultFont(text->font());
    measured.setHtml(helpPageHtml(page));
    measured.setTextWidth(width - 60);
    const int wanted = static_cast<int>(measured.size().height()) + buttons->sizeHint().height() + 60;
    const int room = parent ? parent->height() * 9 / 10 : 620;
    dialog->resize(width, std::clamp(wanted, 320, std::max(320, room)));
    dialog->show();
}

}  // namespace sb::app
