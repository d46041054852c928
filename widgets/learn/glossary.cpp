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
        {"Asynchronous replication", "asynchronous replication|asynchronous|asynchronously", "The leader acknowledges a write once it has stored the write itself, and ships it to followers afterwards. Writes are fast, but a failover can lose the newest acknowledged ones."},
        {"Availability (CAP)", "available|availability", "Every request that reaches a working node gets an answer, even while the network is split. The answer may be out of date."},
        {"Cache-aside", "cache-aside", "The application asks the cache first; on a miss it reads the database itself and puts the result in the cache for the next reader."},
        {"Candidate", "candidate|candidates", "A Raft server that has stopped hearing from a leader and asks the others to vote for it in a new term."},
        {"Clock skew", "clock skew", "The difference between two machines' clocks. Systems that order writes by timestamp can keep the wrong write when clocks disagree."},
        {"Commit", "committed|commit", "An entry is committed once enough servers store it that no future leader can lose it; only then is it applied and acknowledged."},
        {"Compensation", "compensation|compensations|compensating", "In a saga, the step that undoes an earlier, already finished step when a later one fails (refund a payment, release a seat)."},
        {"Consistent hashing", "consistent hashing", "Placing keys and nodes on the same hash ring so that adding or removing a node moves only the keys next to it, not nearly all of them."},
        {"Dead letter", "dead letter|dead-letter|dead-lettered|dead letters", "A message or saga that failed more times than allowed and is set aside for a person to look at, instead of being retried for ever."},
        {"Election timeout", "election timeout|election timeouts", "How long a Raft follower waits without hearing from a leader before standing for election. Randomised so that servers rarely stand at once."},
        {"Epoch", "epoch|epochs", "A number that grows with every change of leader (Raft calls it the term). Messages stamped with an older epoch are refused, which is how a deposed leader is fenced off."},
        {"Failover", "failover|failovers|fail over", "Promoting a follower to leader after the leader fails. Whatever the old leader acknowledged but had not yet shipped to the new one is gone."},
        {"Failure detector", "failure detector|failure detectors", "A component that guesses which peers have failed, usually from missing heartbeats. It can only suspect: a slow peer looks the same as a dead one."},
        {"Fencing", "fencing|fenced|fencing token|fencing tokens", "Keeping a node that lost its role from doing harm: the rest of the system rejects its requests because they carry an older epoch or token than the current one."},
        {"Follower", "follower|followers", "A replica that takes its writes from the leader rather than from clients. In Raft, a server that only answers the leader and candidates and starts nothing itself."},
        {"Heartbeat", "heartbeats|heartbeat", "A small periodic message that says \u201cI am still here\u201d. Its absence is how failures are noticed."},
        {"Hot key", "hot key|hot keys", "One key that receives far more traffic than the others, overloading whichever node owns it, however evenly the keys are spread."},
        {"Idempotency", "idempotency key|idempotency keys|idempotency|idempotent", "An operation is idempotent if doing it twice has the same effect as doing it once. An idempotency key sent with a request lets the receiver recognise a retry and apply it only once."},
        {"Jitter", "jitter", "A random spread added to a timer or an expiry time, so that many things set at the same moment do not all fire at the same moment."},
        {"Last writer wins (LWW)", "last writer wins|last-writer-wins|lww", "Resolving concurrent writes by keeping the one with the latest timestamp and silently discarding the rest."},
        {"Leader", "leader", "The single server that accepts writes and decides the order of the log for its term."},
        {"Lease", "lease|leases", "A right granted for a limited time, such as one client's right to refill a missing cache key or a leader's right to serve reads alone. It runs out by itself, so a holder that crashes cannot keep it."},
        {"Linearizable", "linearizable|linearizability", "Every operation appears to take effect at one instant between its start and its end, so the system behaves like a single copy in real time."},
        {"Monotonic reads", "monotonic reads|monotonic read", "A session guarantee: once a client has seen a write, its later reads never return an older state, whichever replica answers them."},
        {"Orchestrator", "orchestrator|orchestrators", "In a saga, the component that runs the steps in order, records each outcome in its log, and issues the compensations when a step fails."},
        {"Outbox", "transactional outbox|outbox", "Saving an outgoing message in the same local transaction as the change it announces, and publishing it from there afterwards, so that a crash cannot keep one without the other. The publisher may send a message twice, so receivers must be idempotent."},
        {"PACELC", "pacelc", "An extension of CAP: under a Partition a system chooses Availability or Consistency; Else, with the network healthy, it still chooses between Latency and Consistency."},
        {"Partition", "partition|partitions|partitioned", "A network failure that splits the nodes into groups that cannot reach each other, though each group keeps running."},
        {"Pre-vote", "pre-vote|prevote", "A Raft extension: before starting a real election, a server asks whether it could win, so a server that was cut off does not disturb a healthy leader when it returns."},
        {"Quorum", "quorum|quorums", "The number of nodes whose agreement an operation needs, chosen so that any two quorums overlap (for example a majority: 3 of 5)."},
        {"Read-your-writes", "read-your-writes|read your writes|read your own writes", "A session guarantee: after a client's write is acknowledged, that client's own reads see it or something newer, even when another replica serves them."},
        {"Replication factor", "replication factor", "How many nodes store a copy of each key."},
        {"Replication lag", "replication lag|lag", "How far a follower trails its leader, counted in the writes it has not yet applied or in how long ago the leader was where the follower is now."},
        {"Saga", "saga|sagas", "A long business transaction split into local steps, each with a compensation, instead of one distributed lock-step commit."},
        {"Semantic lock", "semantic lock|semantic locks", "A mark a saga puts on the records it has changed but not yet finished with (for example \u201cpending\u201d), telling other readers that the change may still be undone."},
        {"Semi-synchronous replication", "semi-synchronous replication|semi-synchronous|semisynchronous", "The leader acknowledges a write once at least one follower has confirmed it; the rest catch up asynchronously. Every acknowledged write survives the leader on some follower (a failover must promote that one), and a write waits for the fastest follower instead of all of them."},
        {"Serializable", "serializable|serializability", "Some order of the operations explains every result, ignoring when they actually happened in real time. Weaker than linearizable."},
        {"Siblings", "siblings|sibling", "Concurrent versions of one value that a replica keeps side by side instead of picking a winner, leaving the merge to the application."},
        {"Single flight", "single flight|single-flight", "Merging concurrent requests for the same key into one call whose result all of them share, so a miss causes one recompute rather than one per request."},
        {"Split brain", "split brain|split-brain", "Two nodes acting as leader at the same time, each accepting writes the other never sees."},
        {"Split vote", "split vote|split votes", "An election in which no candidate gets a majority, so a new term and another election follow."},
        {"Stale read", "stale read|stale reads", "A read that returns a value already replaced by a newer, acknowledged write."},
        {"Stampede", "stampede|stampedes", "Many clients missing the same cache entry at once and all hitting the database to rebuild it."},
        {"Synchronous replication", "synchronous replication|synchronous|synchronously", "The leader acknowledges a write only after the followers have stored it. No acknowledged write is lost on failover, but every write waits for the slowest follower it needs."},
        {"Term", "term|terms", "Raft's logical clock: a number that grows with every election. At most one leader can exist in a term."},
        {"TTL", "ttl|ttls|time to live", "Time to live: how long a cached entry stays valid. After it expires, the next read has to fetch the value again."},
        {"Two-phase commit (2PC)", "two-phase commit|2pc", "An atomic commit protocol: a coordinator asks every participant to prepare (to promise it can commit), then tells all of them to commit or all to abort. A participant that has prepared must wait for the decision, so a coordinator that crashes can leave it blocked."},
        {"Version vector", "version vector|version vectors", "One counter per replica attached to a value. Comparing two vectors tells whether one version replaced the other or whether they were written concurrently."},
        {"Virtual node", "virtual node|virtual nodes|vnode|vnodes", "One of several ring positions given to each physical node, which evens out how many keys each node owns."},
        {"XFetch", "xfetch|probabilistic early expiration|early expiration", "Probabilistic early expiration: each read may recompute a key shortly before it expires, with a chance that grows as expiry nears and with how long a recompute takes, so usually one reader refreshes it and nobody waits."},
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
