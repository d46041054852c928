#pragma once
// Shared by the Qt tests: a message handler that records Qt warnings (the tests fail on any), a
// base class and a main() body for the tests that need nothing more, and a textual signature of
// a view, so "the same state" can be compared exactly.

#include <QApplication>
#include <QDir>
#include <QObject>
#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QTest>
#include <QStringList>
#include <QtGlobal>
#include <string>

#include "sim/view.h"

namespace sb::test {

inline QStringList& qtWarnings() {
    static QStringList warnings;  // test-only: one handler per process
    return warnings;
}

inline void recordQtMessages(QtMsgType type, const QMessageLogContext&, const QString& text) {
    if (type == QtDebugMsg || type == QtInfoMsg) return;
    qtWarnings() << text;
    fprintf(stderr, "Qt warning: %s\n", qPrintable(text));
}

// Quietens the one environment warning offscreen runs give on CI machines, then records the rest.
inline void installWarningRecorder() {
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // A private runtime folder (Qt insists on mode 0700), unique to this user.
        const QString dir = QDir::tempPath() + QStringLiteral("/splitbrain-test-runtime-") +
                            QString::fromLocal8Bit(qgetenv("USER"));
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir.toLocal8Bit());
    }
    qInstallMessageHandler(recordQtMessages);
}

// Called from a test's init(): QTest installs its own message handler, so this is how a test
// fails on a Qt warning. The offscreen platform plugin's note that it cannot propagate size
// hints is about the plugin, not about us, and is the one warning let through.
inline void failOnQtWarnings() {
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
}

// A Qt test that fails on any Qt warning. A test that needs its own init() or cleanup() derives
// from QObject instead and calls failOnQtWarnings() and checks qtWarnings() itself.
class WarningFreeTest : public QObject {
    Q_OBJECT
private slots:
    void init() { failOnQtWarnings(); }
    void cleanup() { QVERIFY2(qtWarnings().isEmpty(), qPrintable(qtWarnings().join('\n'))); }
};

// The whole of a test's main(): the warning recorder, an application, the test.
template <class Test>
int runQtTest(int argc, char** argv) {
    installWarningRecorder();
    QApplication app(argc, argv);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

inline std::string signature(const core::View& v) {
    std::string s = std::to_string(v.time) + "|";
    for (const auto& n : v.nodes) {
        s += n.name + ":" + n.role + ":" + n.value + ":" + std::to_string(n.zone) + (n.crashed ? "x" : "") + "[";
        for (const auto& b : n.badges) s += b.label + ",";
        for (const auto& c : n.log) s += std::to_string(c.group) + c.text + (c.committed ? "c" : "") + ",";
        s += "]";
    }
    for (const auto& m : v.messages) s += "m" + std::to_string(m.id) + m.kind + std::to_string(m.progress) + ";";
    for (const auto& l : v.links) s += l.cut ? "/" : "-";
    return s;
}

}  // namespace sb::test
