#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace sb::widgets {

class SimController;

// Play/pause, step, lesson-step navigation, speed, reset and a scrubber over the whole recorded
// run. The actions carry the keyboard shortcuts; the main window also puts them in its Run menu.
class PlaybackBar : public QToolBar {
    Q_OBJECT
public:
    PlaybackBar(SimController* controller, QWidget* parent = nullptr);

    QAction* playAction() const { return m_play; }
    QList<QAction*> runActions() const;
    QSlider* scrubber() const { return m_scrubber; }
    QComboBox* speedBox() const { return m_speed; }

    void refresh();

private:
    QAction* makeAction(const QString& text, const QKeySequence& key, const QString& icon);
    void setSpeedIndex(double speed);

    SimController* m_controller;
    QAction* m_play;
    QAction* m_back;
    QAction* m_forward;
    QAction* m_prevStep;
    QAction* m_nextStep;
    QAction* m_reset;
    QAction* m_slower;
    QAction* m_faster;
    QSlider* m_scrubber;
    QComboBox* m_speed;
    QLabel* m_time;
    bool m_updating = false;
};

}  // namespace sb::widgets
