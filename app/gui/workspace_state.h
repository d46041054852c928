#pragma once

#include <QString>

class QMainWindow;
class QWidget;

namespace sb::core {
struct View;
}

namespace sb::app {

class MainWindow;

// True while some node is cut off from another (a zone other than the main one, or a cut link):
// only then is Heal offered.
bool isPartitioned(const core::View& view);

// The workspace's own state beside MainWindow (kept out of its header so that adding to it does
// not rebuild every file that includes the window): the layout a first launch shows, the layout
// quiz mode found, and the offer shown when a lesson's last step is done.

// Sizes the docks from their content and the window (the first launch and Reset layout).
void fitDocks(MainWindow& window);
// Taken before any saved state is restored, so it is the first-launch arrangement.
void rememberDefaultLayout(QMainWindow& window);
// View > Reset layout: leaves quiz mode and puts every dock and bar back.
void resetLayout(MainWindow& window);
// Quiz mode hides the docks; these give back exactly what it found (sizes, tabs, visibility).
void rememberLayoutBeforeQuiz(QMainWindow& window);
void restoreLayoutAfterQuiz(QMainWindow& window);

// In the status bar: "Lesson finished", the next lesson, and a quiz on the topic.
void offerLessonEnd(MainWindow& window, const QString& lessonId);
void hideLessonEnd(QMainWindow& window);
QWidget* lessonEndOffer(const QMainWindow& window);

}  // namespace sb::app
