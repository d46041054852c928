// Message labels are whole words (issue 24): on every in-flight message of every shipped lesson,
// after every event of its run, the label the scene draws is not cut short with an ellipsis. A
// topic's summary that does not fit the label's room reads as "Query k1 recomp…", so the class
// fix is in each topic's summary, and this walks all of them. The words on nodes, strips and key
// rows are read too, for developer shorthand: "1 read(s) held", "recomputing x409"; and the
// inspector's field names, every so often, for identifiers ("currentTerm") outside parentheses.
// A label is words, not an abbreviation (screenshot review): no initialism for the kind ("RVR",
// "H"), and a field such as "term 1" written whole, not "t1".
#include <QApplication>
#include <QTest>
#include <QRegularExpression>
#include <map>
#include <set>

#include "lesson/lesson_check.h"
#include "scene/message_item.h"
#include "shipped_catalog.h"
#include "test_support.h"

using namespace sb;

namespace {

// Every text a view puts on the scene outside message labels.
std::vector<std::string> wordsOf(const core::View& v) {
    std::vector<std::string> out(v.annotations);
    for (const core::NodeView& n : v.nodes) {
        out.insert(out.end(), {n.role, n.value});
        for (const auto& b : n.badges) out.push_back(b.label);
        for (const auto& b : n.bars) out.insert(out.end(), {b.label, b.text});
        for (const auto& c : n.log) out.push_back(c.text);
    }
    for (const auto& z : v.zones) out.push_back(z.label);
    for (const auto& s : v.strips) {
        out.push_back(s.title);
        for (const auto& c : s.cells) out.insert(out.end(), {c.label, c.status, c.note});
    }
    for (const auto& k : v.keys) out.insert(out.end(), {k.key, k.value, k.leftText, k.status});
    for (const auto& h : v.history) out.insert(out.end(), {h.label, h.outcome, h.note});
    return out;
}

}  // namespace

class MessageWordsTest : public test::ShippedLessonsTest {
    Q_OBJECT
private slots:
    void wordsOnTheSceneAreWhole() {
        // One line per distinct cut label: where it was first seen.
        std::map<QString, QString> cut;
        // "(s)" plurals and "x4" for a count, where they were first seen.
        static const QRegularExpression kShorthand(QStringLiteral("\\(s\\)|(^| )x[0-9]"));
        std::map<QString, QString> shorthand;
        static const QRegularExpression kIdentifier(QStringLiteral("[a-z][A-Z]|_"));
        static const QRegularExpression kAside(QStringLiteral("\\([^)]*\\)"));
        // A label's first word in capitals ("AER") or a single letter ("H t1").
        static const QRegularExpression kInitialism(QStringLiteral("^([A-Z]{2,}|[A-Za-z])( |$)"));
        std::map<QString, QString> abbreviated;
        std::set<QString> distinct;
        std::size_t fields = 0;
        std::size_t messages = 0;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            auto run = core::LessonRun::start(*lesson, m_registry).value();
            QVERIFY(run.runToEndOfStep(lesson->steps.size()).ok());
            const std::size_t end = *run.stepEndPosition(lesson->steps.size());
            for (std::size_t p = 0; p <= end; ++p) {
                run.seek(p);
                const core::Timeline& t = run.timeline();
                const core::View view = t.model().view(t.now() + 1);
                for (const std::string& w : wordsOf(view)) {
                    const QString text = QString::fromStdString(w);
                    if (text.contains(kShorthand) && !shorthand.count(text))
                        shorthand[text] = QStringLiteral("%1 after event %2 shows \"%3\"").arg(QString::fromStdString(lesson->id)).arg(p).arg(text);
                }
                std::vector<core::InspectRow> rows;
                if (p % 97 == 0) {
                    for (const core::NodeView& n : view.nodes)
                        for (core::InspectRow& r : t.model().inspectNode(n.id)) rows.push_back(std::move(r));
                    for (const core::MessageView& m : view.messages)
                        for (core::InspectRow& r : t.model().inspectMessage(m.id)) rows.push_back(std::move(r));
                }
                for (const core::InspectRow& r : rows) {
                    ++fields;
                    const QString field = QString::fromStdString(r.key);
                    if (QString(field).remove(kAside).contains(kIdentifier) && !shorthand.count(field))
                        shorthand[field] = QStringLiteral("%1 after event %2: the inspector shows the field \"%3\"")
                                               .arg(QString::fromStdString(lesson->id)).arg(p).arg(field);
                }
                for (const core::MessageView& m : view.messages) {
                    ++messages;
                    const QString label = widgets::messageLabel(m.kind, m.summary);
                    distinct.insert(label);
                    // The summary's first field as the label should show it whole: "term 1".
                    const QString field = QString::fromStdString(m.summary.substr(0, m.summary.find(','))).section(QStringLiteral(" ("), 0, 0).trimmed();
                    const bool shortened = field.size() <= 10 && !label.contains(field, Qt::CaseInsensitive);
                    if ((label.contains(kInitialism) || shortened) && !abbreviated.count(label))
                        abbreviated[label] = QStringLiteral("%1 after event %2: %3 \"%4\" reads \"%5\"")
                                                 .arg(QString::fromStdString(lesson->id)).arg(p)
                                                 .arg(QString::fromStdString(m.kind), QString::fromStdString(m.summary), label);
                    if (label.contains(QChar(0x2026)) && !cut.count(label))
                        cut[label] = QStringLiteral("%1 after event %2: %3 \"%4\" reads \"%5\"")
                                         .arg(QString::fromStdString(lesson->id)).arg(p)
                                         .arg(QString::fromStdString(m.kind), QString::fromStdString(m.summary), label);
                }
            }
        }
        qInfo("%zu in-flight messages labelled", messages);
        qInfo("%zu inspector fields read", fields);
        qInfo("%zu distinct labels", distinct.size());
        QVERIFY(messages > 10000);  // not vacuous: every topic's messages were read
        QVERIFY(fields > 1000);
        for (const auto& [label, where] : cut) qInfo("%s", qPrintable(where));
        for (const auto& [text, where] : shorthand) qInfo("%s", qPrintable(where));
        for (const auto& [label, where] : abbreviated) qInfo("%s", qPrintable(where));
        if (!abbreviated.empty())
            QFAIL(qPrintable(QStringLiteral("%1 labels abbreviated, one: %2").arg(abbreviated.size()).arg(abbreviated.begin()->second)));
        if (!cut.empty()) QFAIL(qPrintable(QStringLiteral("%1 labels cut, one: %2").arg(cut.size()).arg(cut.begin()->second)));
        if (!shorthand.empty())
            QFAIL(qPrintable(QStringLiteral("%1 texts in shorthand, one: %2").arg(shorthand.size()).arg(shorthand.begin()->second)));
    }
};

int main(int argc, char** argv) { return test::runQtTest<MessageWordsTest>(argc, argv); }

#include "message_words_test.moc"
