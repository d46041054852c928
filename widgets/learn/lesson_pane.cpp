#include "learn/lesson_pane.h"

#include <QCursor>
#include <QEvent>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QUrl>
#include <QWhatsThis>
#include <algorithm>
#include <cmath>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "learn/card_deck.h"
#include "learn/glossary.h"
#include "plural.h"
#include "lesson/step_shown.h"
#include "scene/scene_palette.h"
#include "sim_controller.h"

namespace sb::widgets {

namespace {

// A measured value as a person reads it: three significant digits for a fraction ("0.0231", not
// "0.0230856"), fewer decimals the larger it is ("498.5" stays, "12.3456" reads "12.3"); whole
// numbers, words and short decimals stay as the model gave them.
QString readableValue(const std::string& actual) {
    const QString text = QString::fromStdString(actual);
    bool number = false;
    const double value = text.toDouble(&number);
    if (!number || !text.contains(QLatin1Char('.')) || text.size() <= 5 || text.contains(QLatin1Char('e'))) return text;
    const double size = std::abs(value);
    if (size < 1) return QString::number(value, 'g', 3);
    QString out = QString::number(value, 'f', size >= 10 ? 1 : 2);
    while (out.endsWith(QLatin1Char('0'))) out.chop(1);
    if (out.endsWith(QLatin1Char('.'))) out.chop(1);
    return out;
}

}  // namespace

LessonPane::LessonPane(SimController* controller, QWidget* parent) : QWidget(parent), m_controller(controller) {
    setAccessibleName(tr("Lesson pane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Lesson title"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    layout->addWidget(m_title);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Lesson sections"));
    layout->addWidget(m_tabs, 1);

    auto* stepsPage = new QWidget(m_tabs);
    auto* stepsLayout = new QVBoxLayout(stepsPage);
    stepsLayout->setContentsMargins(0, 4, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, stepsPage);
    m_split = split;
    m_steps = new QListWidget(split);
    m_steps->setAccessibleName(tr("Lesson steps"));
    // Long titles wrap rather than end in "…"; the list is as tall as its steps (fitLists).
    m_steps->setWordWrap(true);
    m_steps->setTextElideMode(Qt::ElideNone);
    m_narration = new QTextBrowser(split);
    m_narration->setAccessibleName(tr("Narration"));
    // Links are handled here: a glossary term explains itself, "lesson:" opens a lesson (the
    // welcome page), anything else goes to the browser.
    m_narration->setOpenLinks(false);
    connect(m_narration, &QTextBrowser::anchorClicked, this, &LessonPane::followLink);
    m_claims = new QListWidget(split);
    m_claims->setAccessibleName(tr("Expected outcomes"));
    m_claims->setWordWrap(true);
    m_claims->setTextElideMode(Qt::ElideNone);
    m_claims->setToolTip(tr("What should be true when the step ends; decided once it has ended"));
    // A list's own minimum (a scroll area's: about 70 px) would win over fitLists' sizes, and
    // the splitter would take the difference from the step list, cutting its last row.
    for (QListWidget* list : {m_steps, m_claims}) list->setMinimumHeight(list->fontMetrics().lineSpacing() + 8);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setStretchFactor(2, 1);
    stepsLayout->addWidget(split, 1);
    split->installEventFilter(this);
    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run this step"), stepsPage);
    m_run->setAccessibleName(tr("Run the selected step"));
    m_next = new QPushButton(tr("Next step"), stepsPage);
    m_next->setAccessibleName(tr("Run the next step"));
    m_next->setDefault(true);
    buttons->addWidget(m_run);
    buttons->addWidget(m_next);
    stepsLayout->addLayout(buttons);
    m_tabs->addTab(stepsPage, tr("Steps"));
    m_cards = new CardDeck(m_tabs);
    m_tabs->addTab(m_cards, tr("Cards"));

    // Choosing a step in the list is a navigation: the model goes to that step's end, so the
    // narration shown is never of another moment than the scene.
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_syncing || row < 0) return;
        m_controller->goToStepEnd(static_cast<std::size_t>(row) + 1);
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        m_controller->runStep(std::max<std::size_t>(m_controller->currentStep(), 1));
    });
    connect(m_next, &QPushButton::clicked, m_controller, &SimController::nextStep);
    connect(m_cards, &CardDeck::showMe, this, [this](std::size_t step) { m_controller->goToStepEnd(step); });
    connect(m_controller, &SimController::loaded, this, &LessonPane::lessonLoaded);
    connect(m_controller, &SimController::cursorChanged, this, &LessonPane::showCursor);
    lessonLoaded();
}

void LessonPane::showText(const QString& title, const QString& markdown) {
    m_title->setText(title);
    m_steps->hide();
    m_claims->hide();
    m_run->hide();
    m_next->hide();
    m_steps->clear();
    m_claims->clear();
    m_narration->setMarkdown(markdown);
    m_cards->setCards({});
    m_run->setEnabled(false);
    m_next->setEnabled(false);
}

void LessonPane::setWelcome(const QString& lessonId, const QString& title) {
    m_firstLesson = lessonId;
    m_firstTitle = title;
    if (!m_controller->lessonRun()) lessonLoaded();
}

QString LessonPane::welcomeText() const {
    QString text = tr("The scene shows a small cluster at work. Three gestures do most of the teaching:\n\n"
                      "1. **Drag a node** out of its zone to cut it off from the others (a partition); drag it "
                      "back to heal.\n"
                      "2. **Right-click a node** to crash or restart it.\n"
                      "3. **Click a message** in flight to see what it carries; right-click it to drop or delay it.\n\n"
                      "**Space** plays and pauses, the arrow keys step, and **Ctrl+Z** undoes any change.\n\n");
    if (!m_firstLesson.isEmpty())
        text += tr("**Start here:** [%1](lesson:%2), or click any lesson in the Lessons panel to open it.")
                    .arg(m_firstTitle, m_firstLesson);
    else
        text += tr("Click a lesson in the Lessons panel to open it.");
    return text;
}

void LessonPane::followLink(const QUrl& url) {
    if (url.scheme() == QLatin1String("lesson")) {
        emit lessonRequested(url.path());
    } else if (url.scheme() == QLatin1String("glossary")) {
        if (const GlossaryTerm* term = findGlossaryTerm(url.path()))
            QWhatsThis::showText(QCursor::pos(), QStringLiteral("<b>%1</b><br>%2").arg(term->word.toHtmlEscaped(), term->meaning.toHtmlEscaped()),
                                 m_narration);
    } else {
        QDesktopServices::openUrl(url);
    }
}

void LessonPane::lessonLoaded() {
    const core::LessonRun* run = m_controller->lessonRun();
    if (!run) {
        showText(tr("Welcome to Splitbrain"), welcomeText());
        return;
    }
    const core::Lesson& lesson = run->lesson();
    m_steps->show();
    m_claims->show();
    m_run->show();
    m_next->show();
    m_title->setText(QString::fromStdString(lesson.title));
    m_title->setToolTip(QString::fromStdString(lesson.summary));
    {
        const QSignalBlocker block(m_steps);
        m_steps->clear();
        for (std::size_t i = 0; i < lesson.steps.size(); ++i)
            m_steps->addItem(tr("%1. %2").arg(i + 1).arg(QString::fromStdString(lesson.steps[i].title)));
    }
    m_cards->setCards(lesson.cards);
    // A lesson without cards has nothing behind its Cards tab but a dead, empty deck: the tab
    // is off and says why, and the steps are in front.
    const bool cards = !lesson.cards.empty();
    m_tabs->setTabEnabled(1, cards);
    m_tabs->setTabToolTip(1, cards ? QString() : tr("This lesson has no cards yet"));
    if (!cards) m_tabs->setCurrentIndex(0);
    fitLists();
    m_run->setEnabled(!lesson.steps.empty());
    m_shownKey.clear();
    showCursor();
}

// Renders the lesson cursor: the highlighted step, its narration and its claims, all of the
// moment the scene shows (core::shownStep).
void LessonPane::showCursor() {
    const core::LessonRun* run = m_controller->lessonRun();
    if (!run) return;
    const core::ShownStep shown = core::shownStep(*run);
    const core::Lesson& lesson = run->lesson();
    // After the last step there is no next one: the button says so instead of doing nothing.
    const bool over = !m_controller->hasNextStep();
    m_next->setEnabled(!over);
    m_next->setToolTip(over && !lesson.steps.empty()
                           ? tr("That was the last step. Open the next lesson in the Lessons panel, or drill this one in quiz mode (F9).")
                           : QString());
    {
        m_syncing = true;
        for (int i = 0; i < m_steps->count(); ++i) {
            QFont f = m_steps->item(i)->font();
            f.setBold(static_cast<std::size_t>(i) + 1 == shown.step);
            m_steps->item(i)->setFont(f);
        }
        m_steps->setCurrentRow(static_cast<int>(shown.step) - 1);
        m_syncing = false;
    }
    QString markdown;
    if (!shown.lessonStep) {
        // The lesson's title is the pane's heading just above: the intro does not repeat it.
        markdown = QStringLiteral("### ") + tr("Before you start") + QStringLiteral("\n\n") +
                   linkGlossaryTerms(QString::fromStdString(lesson.summary)) + QStringLiteral("\n\n") +
                   tr("Press **Next step** to begin; ") +
                   countText(static_cast<qsizetype>(lesson.steps.size()), tr("the lesson has %1 step."),
                             tr("the lesson has %1 steps."));
    } else {
        markdown = QStringLiteral("### ") + QString::fromStdString(shown.lessonStep->title) + QStringLiteral("\n\n") +
                   linkGlossaryTerms(QString::fromStdString(shown.lessonStep->narration));
        if (shown.explored)
            markdown += QStringLiteral("\n\n---\n\n") +
                        tr("*You changed the run: the scene shows your version. The expected outcomes are the "
                           "lesson's own; Next step or Run this step go back to it (Undo takes your change back).*");
        else if (shown.pastEnd)
            markdown += QStringLiteral("\n\n---\n\n") + tr("*The lesson is over; the run plays on freely.*");
        else if (shown.phase == core::StepPhase::Done && shown.step == lesson.steps.size())
            // The offer of what comes next sits in the status bar, far from where the eye is.
            markdown += QStringLiteral("\n\n---\n\n") +
                        tr("*That was the last step: the status bar below says what comes next.*");
    }
    const QString key = QString::number(shown.step) + QLatin1Char('/') + QString::number(static_cast<int>(shown.phase)) +
                        QLatin1Char('/') + QString::number(shown.explored) + QString::number(shown.pastEnd);
    if (key != m_shownKey) {
        m_narration->setMarkdown(markdown);
        m_shownKey = key;
    }
    showClaims(shown);
    if (narrationHeight() != m_fittedNarration) fitLists();
}

QString LessonPane::probeDescription(const std::string& probe) const {
    // What the claim measures, in the topic's own words (its probe declaration).
    const core::Timeline* timeline = m_controller->timeline();
    if (!timeline) return {};
    const core::ProbeSpec* spec = timeline->model().info().findProbe(probe);
    return spec ? QString::fromStdString(spec->description) : QString();
}

void LessonPane::showClaims(const core::ShownStep& shown) {
    m_passing = static_cast<int>(shown.holding());
    const ScenePalette pal = ScenePalette::fromPalette(palette());
    while (m_claims->count() > static_cast<int>(shown.claims.size())) delete m_claims->takeItem(m_claims->count() - 1);
    for (std::size_t i = 0; i < shown.claims.size(); ++i) {
        const core::ShownClaim& claim = shown.claims[i];
        QListWidgetItem* item = m_claims->item(static_cast<int>(i));
        if (!item) item = new QListWidgetItem(m_claims);
        QString text = QString::fromStdString(claim.text);
        if (shown.lessonStep && i < shown.lessonStep->expect.size())
            item->setToolTip(probeDescription(shown.lessonStep->expect[i].ref.probe));
        switch (claim.mark) {
            case core::ClaimMark::NotYet: text = QStringLiteral("○ ") + text + tr(" (not yet reached)"); break;
            case core::ClaimMark::Holds:
                text = QStringLiteral("✓ ") + text + tr(" (at the end: %1)").arg(readableValue(claim.actual));
                break;
            case core::ClaimMark::Fails:
                text = QStringLiteral("✗ ") + text + tr(" (at the end: %1)").arg(readableValue(claim.actual));
                break;
        }
        if (item->text() != text) item->setText(text);
        if (claim.mark == core::ClaimMark::Holds) item->setForeground(pal.tone(core::Tone::Good));
        else if (claim.mark == core::ClaimMark::Fails) item->setForeground(pal.tone(core::Tone::Bad));
        else item->setData(Qt::ForegroundRole, QVariant());  // the view's own text colour
    }
    // A claim's words change at the step's end ("not yet reached" to what was seen), and a row
    // may wrap to another line: fit again whenever the rows' height changes, not only their count.
    if (m_claims->count() != m_fittedClaims || rowsHeight(m_claims, m_claims->count()) != m_fittedClaimsHeight) fitLists();
}

int LessonPane::rowsHeight(QListWidget* list, int maxRows) {
    // The rows as laid out at the list's width: sizeHintForRow() measures a wrapping title as one
    // line, so a long title's second line would need a scroll bar.
    list->doItemsLayout();
    int height = 2 * list->frameWidth() + 2;
    for (int i = 0; i < list->count() && i < maxRows; ++i) height += list->visualItemRect(list->item(i)).height();
    return height;
}

void LessonPane::fitLists() {
    // The step and claim lists as tall as their rows (within reason) and the narration the rest,
    // so neither list needs a scroll bar. Only the splitter inside the pane moves: the pane's own
    // size hint stays put, so the docks do not jump when a step has more claims.
    // The claims come first: they are what the step is checked by, and a cut last claim reads
    // as no claim. The narration keeps at least a quarter (it scrolls, and says so with its bar).
    // A long lesson's step list gives up its rows past the eighth, scrolled to the current step,
    // where the narration would otherwise scroll: the words being read win over a list whose
    // other rows are a click away (replication-failover's last step scrolled at 1280x800).
    m_fittedClaims = m_claims->count();
    m_fittedClaimsHeight = rowsHeight(m_claims, m_claims->count());
    m_fittedNarration = narrationHeight();
    if (!m_steps->isVisible() || m_split->height() <= 0) return;
    const int total = m_split->height() - 2 * m_split->handleWidth();
    const int claims = m_claims->count() == 0 ? 0 : std::min(m_fittedClaimsHeight, total * 2 / 5);
    int steps = std::min({rowsHeight(m_steps, 12), total * 45 / 100, total * 3 / 4 - claims});
    const int fewest = std::min(steps, rowsHeight(m_steps, kStepRowsKept));
    const int wanting = m_fittedNarration - (total - steps - claims);
    if (wanting > 0) steps = std::max(fewest, steps - wanting);
    m_split->setSizes({steps, std::max(0, total - steps - claims), claims});
    if (QListWidgetItem* current = m_steps->currentItem()) m_steps->scrollToItem(current);
}

int LessonPane::narrationHeight() const {
    // The narration's text as laid out at the browser's width, with its frame.
    return static_cast<int>(std::ceil(m_narration->document()->size().height())) + 2 * m_narration->frameWidth();
}

void LessonPane::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitLists();
}

bool LessonPane::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_split && event->type() == QEvent::Resize) fitLists();
    return QWidget::eventFilter(watched, event);
}

}  // namespace sb::widgets
