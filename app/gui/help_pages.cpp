// The guide and the glossary. Original prose: what a learner needs to get going, and the terms the
// lessons lean on, each in a sentence or two.
#include "gui/help_pages.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sb::app {

namespace {

QString guide() {
    return QObject::tr(
        "<h2>Getting started</h2>"
        "<p>Splitbrain runs small, exact models of distributed systems and lets you watch, break and "
        "replay them. Every run is deterministic: the same lesson and seed always do the same thing, "
        "so you can rewind and try again.</p>"
        "<h3>1. Open a lesson</h3>"
        "<p>Lessons are listed in the <b>Lessons</b> panel, grouped by topic. Double-click one (or select it "
        "and press Enter). The lesson pane shows its steps; <b>Next step</b> (Page Down) runs the next one "
        "and the narration explains what you are seeing. When the last step is done, the status bar offers "
        "the next lesson.</p>"
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
        "Metrics panel plots counters over simulated time; tick the series you want to see.</p>"
        "<h3>5. Drill the questions</h3>"
        "<p>Quiz mode (F9) asks the lessons' interview questions with spaced repetition, and "
        "&ldquo;predict&rdquo; questions that the model itself grades. View &gt; Reset layout puts the "
        "panels back where they started.</p>");
}

struct Term {
    const char* word;
    const char* meaning;
};

// Kept in alphabetical order; the meanings are this project's own words.
constexpr Term kTerms[] = {
    {"Anti-entropy", "A background exchange in which replicas compare what they hold and copy over whatever the other is missing, so they converge even if some updates were lost."},
    {"Availability (CAP)", "Every request that reaches a working node gets an answer, even while the network is split. The answer may be out of date."},
    {"Candidate", "A Raft server that has stopped hearing from a leader and asks the others to vote for it in a new term."},
    {"Clock skew", "The difference between two machines' clocks. Systems that order writes by timestamp can keep the wrong write when clocks disagree."},
    {"Commit", "An entry is committed once enough servers store it that no future leader can lose it; only then is it applied and acknowledged."},
    {"Compensation", "In a saga, the step that undoes an earlier, already finished step when a later one fails (refund a payment, release a seat)."},
    {"Consistent hashing", "Placing keys and nodes on the same hash ring so that adding or removing a node moves only the keys next to it, not nearly all of them."},
    {"Election timeout", "How long a Raft follower waits without hearing from a leader before standing for election. Randomised so that servers rarely stand at once."},
    {"Failure detector", "A component that guesses which peers have failed, usually from missing heartbeats. It can only suspect: a slow peer looks the same as a dead one."},
    {"Heartbeat", "A small periodic message that says &ldquo;I am still here&rdquo;. Its absence is how failures are noticed."},
    {"Hot key", "One key that receives far more traffic than the others, overloading whichever node owns it, however evenly the keys are spread."},
    {"Last writer wins (LWW)", "Resolving concurrent writes by keeping the one with the latest timestamp and silently discarding the rest."},
    {"Leader", "The single server that accepts writes and decides the order of the log for its term."},
    {"Linearizable", "Every operation appears to take effect at one instant between its start and its end, so the system behaves like a single copy in real time."},
    {"Log", "The ordered list of commands a replicated state machine applies. Replicas that apply the same log in the same order end in the same state."},
    {"Partition", "A network failure that splits the nodes into groups that cannot reach each other, though each group keeps running."},
    {"Pre-vote", "A Raft extension: before starting a real election, a server asks whether it could win, so a server that was cut off does not disturb a healthy leader when it returns."},
    {"Quorum", "The number of nodes whose agreement an operation needs, chosen so that any two quorums overlap (for example a majority: 3 of 5)."},
    {"Replication factor", "How many nodes store a copy of each key."},
    {"Saga", "A long business transaction split into local steps, each with a compensation, instead of one distributed lock-step commit."},
    {"Serializable", "Some order of the operations explains every result, ignoring when they actually happened in real time. Weaker than linearizable."},
    {"Siblings", "Concurrent versions of one value that a replica keeps side by side instead of picking a winner, leaving the merge to the application."},
    {"Split vote", "An election in which no candidate gets a majority, so a new term and another election follow."},
    {"Stale read", "A read that returns a value already replaced by a newer, acknowledged write."},
    {"Stampede", "Many clients missing the same cache entry at once and all hitting the database to rebuild it."},
    {"Term", "Raft's logical clock: a number that grows with every election. At most one leader can exist in a term."},
    {"Virtual node", "One of several ring positions given to each physical node, which evens out how many keys each node owns."},
};

QString glossary() {
    QString html = QObject::tr("<h2>Glossary</h2><p>The terms the lessons use, in brief.</p><dl>");
    for (const Term& t : kTerms)
        html += QStringLiteral("<dt><b>%1</b></dt><dd>%2</dd>").arg(QObject::tr(t.word), QObject::tr(t.meaning));
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
    dialog->resize(560, 620);
    dialog->show();
}

}  // namespace sb::app
