#pragma once

#include <QString>

class QMainWindow;
class QWidget;

namespace sb::app {

class MainWindow;

// The workspace's own state beside MainWindow (kept out of its header so that adding to it does
// not rebuild every file that includes the window): the layout a first launch shows, the layout
// quiz mode found, and the offer shown when a lesson's last step is done.

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
