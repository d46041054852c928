#pragma once

#include <QWidget>

#include "quiz/quiz_session.h"

class QLabel;

namespace sb::widgets {

// The end of a sitting: how many were answered and how (Again/Hard/Good/Easy), the share right,
// new items seen, and what comes due next. Enter starts another sitting; Esc goes back.
class SessionSummary : public QWidget {
    Q_OBJECT
public:
    explicit SessionSummary(QWidget* parent = nullptr);

    void setStats(const core::quiz::SessionStats& stats, int dueTomorrow, bool saved);
    QLabel* text() const { return m_text; }

signals:
    void againRequested();
    void backRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLabel* m_text;
};

}  // namespace sb::widgets
