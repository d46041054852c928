#include "learn/glossary.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <algorithm>

namespace sb::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("Glossary", text); }

std::vector<GlossaryTerm> buildTerms() {
    struct Raw {
        const char* word;
        const char* forms;
        const char* meaning;
    };
    // Kept in alphabetical order.
    static const Raw kRaw[] = {
        {"Anti-entropy", "anti-entropy", "A background exchange in which replicas compare what they hold and copy over whatever the other is missing, so they converge even if some updates were lost."},
        {"Availability (CAP)", "available|availability", "Every request that reaches a working node gets an answer, even while the network is split. The answer may be out of date."},
        {"Candidate", "candidate|candidates", "A Raft server that has stopped hearing from a leader and asks the others to vote for it in a new term."},
        {"Clock skew", "clock skew", "The difference between two machines' clocks. Systems that order writes by timestamp can keep the wrong write when clocks disagree."},
        {"Commit", "committed|commit", "An entry is committed once enough servers store it that no future leader can lose it; only then is it applied and acknowledged."},
        {"Compensation", "compensation|compensations|compensating", "In a saga, the step that undoes an earlier, already finished step when a later one fails (refund a payment, release a seat)."},
        {"Consistent hashing", "consistent hashing", "Placing keys and nodes on the same hash ring so that adding or removing a node moves only the keys next to it, not nearly all of them."},
        {"Election timeout", "election timeout|election timeouts", "How long a Raft follower waits without hearing from a leader before standing for election. Randomised so that servers rarely stand at once."},
        {"Failure detector", "failure detector|failure detectors", "A component that guesses which peers have failed, usually from missing heartbeats. It can only suspect: a slow peer looks the same as a dead one."},
        {"Heartbeat", "heartbeats|heartbeat", "A small periodic message that says \u201cI am still here\u201d. Its absence is how failures are noticed."},
        {"Hot key", "hot key|hot keys", "One key that receives far more traffic than the others, overloading whichever node owns it, however evenly the keys are spread."},
        {"Last writer wins (LWW)", "last writer wins|last-writer-wins|lww", "Resolving concurrent writes by keeping the one with the latest timestamp and silently discarding the rest."},
        {"Leader", "leader", "The single server that accepts writes and decides the order of the log for its term."},
        {"Linearizable", "linearizable|linearizability", "Every operation appears to take effect at one instant between its start and its end, so the system behaves like a single copy in real time."},
        {"Partition", "partition|partitions|partitioned", "A network failure that splits the nodes into groups that cannot reach each other, though each group keeps running."},
        {"Pre-vote", "pre-vote|prevote", "A Raft extension: before starting a real election, a server asks whether it could win, so a server that was cut off does not disturb a healthy leader when it returns."},
        {"Quorum", "quorum|quorums", "The number of nodes whose agreement an operation needs, chosen so that any two quorums overlap (for example a majority: 3 of 5)."},
        {"Replication factor", "replication factor", "How many nodes store a copy of each key."},
        {"Saga", "saga|sagas", "A long business transaction split into local steps, each with a compensation, instead of one distributed lock-step commit."},
        {"Serializable", "serializable|serializability", "Some order of the operations explains every result, ignoring when they actually happened in real time. Weaker than linearizable."},
        {"Siblings", "siblings|sibling", "Concurrent versions of one value that a replica keeps side by side instead of picking a winner, leaving the merge to the application."},
        {"Split vote", "split vote|split votes", "An election in which no candidate gets a majority, so a new term and another election follow."},
        {"Stale read", "stale read|stale reads", "A read that returns a value already replaced by a newer, acknowledged write."},
        {"Stampede", "stampede|stampedes", "Many clients missing the same cache entry at once and all hitting the database to rebuild it."},
        {"Term", "term|terms", "Raft's logical clock: a number that grows with every election. At most one leader can exist in a term."},
        {"Virtual node", "virtual node|virtual nodes|vnode|vnodes", "One of several ring positions given to each physical node, which evens out how many keys each node owns."},
    };
    std::vector<GlossaryTerm> out;
    for (const Raw& r : kRaw) out.push_back({tr(r.word), QString::fromUtf8(r.forms), tr(r.meaning)});
    return out;
}

}  // namespace

const std::vector<GlossaryTerm>& glossaryTerms() {
    static const std::vector<GlossaryTerm> terms = buildTerms();  // immutable after first use
    return terms;
}

const GlossaryTerm* findGlossaryTerm(const QString& word) {
    for (const GlossaryTerm& t : glossaryTerms())
        if (t.word.compare(word, Qt::CaseInsensitive) == 0) return &t;
    return nullptr;
}

QString linkGlossaryTerms(const QString& markdown) {
    // Spans to keep as they are: code, links (text and target), and heading lines.
    static const QRegularExpression kProtected(QStringLiteral(R"(`[^`]*`|\[[^\]]*\]\([^)]*\)|^#[^\n]*)"),
                                               QRegularExpression::MultilineOption);
    QString out = markdown;
    for (const GlossaryTerm& term : glossaryTerms()) {
        const QRegularExpression word(QStringLiteral("\\b(%1)\\b").arg(term.forms),
                                      QRegularExpression::CaseInsensitiveOption);
        QList<QPair<qsizetype, qsizetype>> keep;
        for (auto it = kProtected.globalMatch(out); it.hasNext();) {
            const auto m = it.next();
            keep.append({m.capturedStart(), m.capturedEnd()});
        }
        for (auto it = word.globalMatch(out); it.hasNext();) {
            const auto m = it.next();
            const bool inside = std::any_of(keep.begin(), keep.end(), [&](const auto& span) {
                return m.capturedStart() < span.second && m.capturedEnd() > span.first;
            });
            // Inside an identifier (commit_index) or a word joined by '-' is not a mention.
            const QChar before = m.capturedStart() > 0 ? out[m.capturedStart() - 1] : QChar();
            const QChar after = m.capturedEnd() < out.size() ? out[m.capturedEnd()] : QChar();
            if (inside || before == QLatin1Char('_') || after == QLatin1Char('_') || before == QLatin1Char('-') ||
                after == QLatin1Char('-'))
                continue;
            const QString link = QStringLiteral("[%1](glossary:%2)")
                                     .arg(m.captured(1), QString::fromLatin1(QUrl::toPercentEncoding(term.word)));
            out.replace(m.capturedStart(), m.capturedLength(), link);
            break;  // the first mention only: a page of links reads worse than none
        }
    }
    return out;
}

}  // namespace sb::widgets
