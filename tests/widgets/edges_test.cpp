// The workspace at its edges (issue 24): a user lessons folder made after launch is watched,
// export dialogs start in the last folder with a name from the lesson and step, and quitting
// with a changed run offers to save it.
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include "gui/lesson_folders.h"
#include "gui/main_window.h"
#include "lesson/lesson_catalog.h"
#include "sim_controller.h"
#include "test_support.h"
#include "test_window.h"

using namespace sb;

class EdgesTest : public QObject {
    Q_OBJECT
private:
    core::TopicRegistry m_registry;
    std::unique_ptr<app::MainWindow> m_window;

    // A copy of a shipped lesson under another id, as a learner would make one.
    static QByteArray lessonCopy(const QString& id) {
        QFile shipped(app::shippedLessonsDir() + QStringLiteral("/ping/silence.json"));
        if (!shipped.open(QIODevice::ReadOnly)) return {};
        return shipped.readAll().replace("\"ping-silence\"", "\"" + id.toUtf8() + "\"");
    }

    // Answers the next modal dialog with `button` (the window's own prompts are modal).
    static void answerNextDialog(QMessageBox::StandardButton button) {
        QTimer::singleShot(0, qApp, [button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(button)->click();
        });
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // No user data at all: neither the lessons folder nor the folder above it.
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        test::openTestWindow(m_registry, m_window);
        if (QTest::currentTestFailed()) return;
        QTRY_VERIFY(m_window->catalog().find("ping-silence") != nullptr);
    }
    void cleanupTestCase() { m_window.reset(); }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void watchesALessonsFolderMadeAfterLaunch() {
        QVERIFY(!QDir(app::userLessonsDir()).exists());
        QVERIFY(QDir().mkpath(app::userLessonsDir() + QStringLiteral("/mine")));
        QFile file(app::userLessonsDir() + QStringLiteral("/mine/late.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(lessonCopy(QStringLiteral("late-lesson"))) > 0);
        file.close();
        QTRY_VERIFY(m_window->catalog().find("late-lesson") != nullptr);
        // And the folder is watched from now on: a second file is seen too.
        QFile second(app::userLessonsDir() + QStringLiteral("/second.json"));
        QVERIFY(second.open(QIODevice::WriteOnly));
        QVERIFY(second.write(lessonCopy(QStringLiteral("second-lesson"))) > 0);
        second.close();
        QTRY_VERIFY(m_window->catalog().find("second-lesson") != nullptr);
    }

    void exportDialogsSuggestTheLessonAndStepInTheLastFolder() {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        m_window->controller().goToStepEnd(2);
        const QString first = m_window->suggestedExportPath(QStringLiteral("svg"));
        QCOMPARE(QFileInfo(first).fileName(), QStringLiteral("ping-silence-step2.svg"));
        // After an export into a folder, the next dialog starts there.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QTimer::singleShot(0, qApp, [&dir] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QCOMPARE(QFileInfo(dialog->selectedFiles().value(0)).fileName(), QStringLiteral("ping-silence-step2.svg"));
            dialog->selectFile(dir.filePath(QStringLiteral("picture.svg")));
            static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept is protected
        });
        bool triggered = false;
        for (QAction* a : m_window->findChildren<QAction*>())
            if (!triggered && a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E)) {  // File > Export diagram
                a->trigger();
                triggered = true;
            }
        QVERIFY(triggered);
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("picture.svg"))));
        m_window->controller().goToStepEnd(3);
        QCOMPARE(m_window->suggestedExportPath(QStringLiteral("mmd")), dir.filePath(QStringLiteral("ping-silence-step3.mmd")));
    }

    void quittingWithAChangedRunOffersToSaveIt() {
        QVERIFY(m_window->openLesson(QStringLiteral("ping-silence")));
        QVERIFY(m_window->isVisible());
        core::Action crash;
        crash.kind = "crash";
        crash.args["node"] = "n2";
        QVERIFY(m_window->controller().perform(crash, QStringLiteral("crash n2")).ok());
        QVERIFY(!m_window->controller().undoStack()->isClean());
        answerNextDialog(QMessageBox::Cancel);  // stay
        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        answerNextDialog(QMessageBox::Discard);
        QVERIFY(m_window->close());
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    EdgesTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "edges_test.moc"
