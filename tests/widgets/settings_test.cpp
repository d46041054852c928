// Preferences survive a restart: window state, speed, theme and the last lesson, via QSettings
// redirected to a temporary folder so the test never touches the user's own settings.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "gui/main_window.h"
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
};

int main(int argc, char** argv) {
    test::installWarningRecorder();
    QApplication app(argc, argv);
    SettingsTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "settings_test.moc"
