// Preferences survive a restart: window state, speed, theme and the last lesson, via QSettings
// redirected to a temporary folder so the test never touches the user's own settings.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "gui/main_window.h"
#include "panels/compare_view.h"
#include "sim_controller.h"
#include "test_support.h"

using namespace sb;

class SettingsTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    core::TopicRegistry m_registry;

    static QAction* themeAction(app::MainWindow& w, const QString& key) {
        for (QAction* a : w.findChildren<QAction*>())
            if (a->data().toString() == key && a->isCheckable()) return a;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("splitbrain-test"));
        QCoreApplication::setApplicationName(QStringLiteral("settings-test"));
        core::registerBuiltinTopics(m_registry);
    }
    void init() { test::failOnQtWarnings(); }
    void cleanup() { QVERIFY2(test::qtWarnings().isEmpty(), qPrintable(test::qtWarnings().join('\n'))); }

    void preferencesSurviveARestart() {
        {
            app::MainWindow first(m_registry);
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            QVERIFY(first.openLesson(QStringLiteral("ping-silence")));
            first.controller().setSpeed(2.0);
            QAction* dark = themeAction(first, QStringLiteral("dark"));
            QVERIFY(dark);
            dark->trigger();
            QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 128);
            first.close();
        }
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("lessons/last")).toString(), QStringLiteral("ping-silence"));
        QVERIFY(!settings.value(QStringLiteral("window/state")).toByteArray().isEmpty());

        app::MainWindow second(m_registry);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QCOMPARE(second.controller().speed(), 2.0);
        QVERIFY(themeAction(second, QStringLiteral("dark"))->isChecked());
        QTRY_VERIFY(second.controller().lessonRun() != nullptr);  // the last lesson reopens
        QCOMPARE(second.controller().lessonRun()->lesson().id, std::string("ping-silence"));
        themeAction(second, QStringLiteral("system"))->trigger();
    }

    // Comparing moves the lesson pane beside the lesson list in a narrow window; quitting then
    // saves the layout without the comparison, so the next start has the pane where it was.
    void quittingWhileComparingSavesTheLayoutWithout() {
        const auto pane = [](const app::MainWindow& w) { return w.findChild<QDockWidget*>(QStringLiteral("LessonDock")); };
        {
            app::MainWindow first(m_registry);
            QSignalSpy ready(&first, &app::MainWindow::startupFinished);
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            QVERIFY(ready.count() > 0 || ready.wait(10000));
            first.resize(1280, 800);
            QVERIFY(first.openLesson(QStringLiteral("raft-election")));
            QTest::qWait(0);
            QVERIFY(pane(first));
            QCOMPARE(first.dockWidgetArea(pane(first)), Qt::RightDockWidgetArea);
            QAction* compare = nullptr;
            for (QAction* a : first.findChildren<QAction*>())
                if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D)) compare = a;
            QVERIFY(compare);
            compare->setChecked(true);
            QTest::qWait(0);
            QVERIFY(first.compare()->folded());
            QCOMPARE(first.dockWidgetArea(pane(first)), Qt::LeftDockWidgetArea);
            first.close();
        }
        app::MainWindow second(m_registry);
        QSignalSpy ready(&second, &app::MainWindow::startupFinished);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QVERIFY(ready.count() > 0 || ready.wait(10000));
        QVERIFY(pane(second));
        QCOMPARE(second.dockWidgetArea(pane(second)), Qt::RightDockWidgetArea);
    }
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    SettingsTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "settings_test.moc"
