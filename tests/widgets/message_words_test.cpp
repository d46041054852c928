// Message labels are whole words (issue 24): on every in-flight message of every shipped lesson,
// after every event of its run, the label the scene draws is not cut short with an ellipsis. A
// topic's summary that does not fit the label's room reads as "Query k1 recomp…", so the class
// fix is in each topic's summary, and this walks all of them.
#include <QApplication>
#include <QTest>
#include <map>

#include "lesson/lesson_check.h"
#include "scene/message_item.h"
#include "shipped_catalog.h"
#include "test_support.h"

using namespace sb;

class MessageWordsTest : public test::ShippedLessonsTest {
    Q_OBJECT
private slots:
    void noMessageLabelIsCut() {
        // One line per distinct cut label: where it was first seen.
        std::map<QString, QString> cut;
        std::size_t messages = 0;
        for (const core::Lesson* lesson : m_catalog->lessons()) {
            auto run = core::LessonRun::start(*lesson, m_registry).value();
            QVERIFY(run.runToEndOfStep(lesson->steps.size()).ok());
            const std::size_t end = *run.stepEndPosition(lesson->steps.size());
            for (std::size_t p = 0; p <= end; ++p) {
                run.seek(p);
                const core::Timeline& t = run.timeline();
                for (const core::MessageView& m : t.model().view(t.now() + 1).messages) {
                    ++messages;
                    const QString label = widgets::messageLabel(m.kind, m.summary);
                    if (label.contains(QChar(0x2026)) && !cut.count(label))
                        cut[label] = QStringLiteral("%1 after event %2: %3 \"%4\" reads \"%5\"")
                                         .arg(QString::fromStdString(lesson->id)).arg(p)
                                         .arg(QString::fromStdString(m.kind), QString::fromStdString(m.summary), label);
                }
            }
        }
        qInfo("%zu in-flight messages labelled", messages);
        QVERIFY(messages > 10000);  // not vacuous: every topic's messages were read
        for (const auto& [label, where] : cut) qInfo("%s", qPrintable(where));
        if (!cut.empty()) QFAIL(qPrintable(QStringLiteral("%1 labels cut, one: %2").arg(cut.size()).arg(cut.begin()->second)));
    }
};

int main(int argc, char** argv) { return test::runQtTest<MessageWordsTest>(argc, argv); }

#include "message_words_test.moc"
