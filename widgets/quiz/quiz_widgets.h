#pragma once

#include <QString>

class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;
class QWidget;

namespace sb::widgets {

// Small pieces the quiz views share, so each looks the same.

// The question, large and bold, word-wrapped.
QLabel* makeQuestionLabel(QWidget* parent);
// A bold heading `scale` times the normal size (page titles, verdicts).
QLabel* makeTitleLabel(const QString& text, QWidget* parent, double scale = 1.6);
// Lays `page` out as one centred column at most `maxWidth` wide (long lines are hard to read on
// a wide window) and returns the column's layout.
QVBoxLayout* makeCentredColumn(QWidget* page, int maxWidth);
// A read-only Markdown area for answers and explanations.
QTextBrowser* makeAnswerBrowser(QWidget* parent, const QString& accessibleName);
// A muted one-line hint of the keys that work now ("Space: reveal").
QLabel* makeKeyHint(QWidget* parent);
// A button that never takes the keyboard focus: the view handles the keys itself, and a focused
// button would swallow Space.
QPushButton* makeKeyButton(const QString& text, const QString& accessibleName, QWidget* parent);
// "✓ Right" / "✗ Wrong", the mark and the word so colour is never the only signal.
QString verdictText(bool correct);
// A topic's title cut to its head for chart labels: "Sagas, compensation and two-phase
// commit" -> "Sagas", "CAP: consistency or..." -> "CAP".
QString shortTopicName(const QString& title);

}  // namespace sb::widgets
