#include "panels/playback_bar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <array>

#include "sim_controller.h"
#include "time_words.h"

namespace sb::widgets {

namespace {
constexpr std::array<double, 9> kSpeeds = {0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 7.5, 10.0};
}

PlaybackBar::PlaybackBar(SimController* controller, QWidget* parent)
    : QToolBar(tr("Playback"), parent), m_controller(controller) {
    setObjectName(QStringLiteral("PlaybackBar"));
    setAccessibleName(tr("Playback controls"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(false);

    m_reset = makeAction(tr("Reset"), QKeySequence(Qt::Key_Home), QStringLiteral("media-skip-backward"));
    m_prevStep = makeAction(tr("Previous step"), QKeySequence(Qt::Key_PageUp), QStringLiteral("go-previous"));
    m_back = makeAction(tr("Back"), QKeySequence(Qt::Key_Left), QStringLiteral("media-seek-backward"));
    m_play = makeAction(tr("Play"), QKeySequence(Qt::Key_Space), QStringLiteral("media-playback-start"));
    m_forward = makeAction(tr("Forward"), QKeySequence(Qt::Key_Right), QStringLiteral("media-seek-forward"));
    m_nextStep = makeAction(tr("Next step"), QKeySequence(Qt::Key_PageDown), QStringLiteral("go-next"));
    m_slower = new QAction(tr("Slower"), this);
    m_slower->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    m_faster = new QAction(tr("Faster"), this);
    m_faster->setShortcut(QKeySequence(Qt::Key_BracketRight));
    m_play->setToolTip(tr("Play or pause (Space)"));
    m_back->setToolTip(tr("Step one event back (Left)"));
    m_forward->setToolTip(tr("Step one event forward (Right)"));
    m_prevStep->setToolTip(tr("Go to the previous lesson step (Page Up)"));
    m_nextStep->setToolTip(tr("Run the next lesson step (Page Down)"));
    m_reset->setToolTip(tr("Back to the start of the run (Home)"));
    m_back->setAutoRepeat(true);
    m_forward->setAutoRepeat(true);

    addAction(m_reset);
    addAction(m_prevStep);
    addAction(m_back);
    addAction(m_play);
    addAction(m_forward);
    addAction(m_nextStep);
    addSeparator();

    m_speed = new QComboBox(this);
    m_speed->setAccessibleName(tr("Playback speed"));
    m_speed->setToolTip(tr("Playback speed ([ slower, ] faster)"));
    for (const double s : kSpeeds) m_speed->addItem(tr("%1x").arg(s), s);
    addWidget(m_speed);
    addSeparator();

    m_scrubber = new QSlider(Qt::Horizontal, this);
    m_scrubber->setAccessibleName(tr("Timeline"));
    m_scrubber->setToolTip(tr("Drag to any moment of the run"));
    m_scrubber->setMinimumWidth(160);
    m_scrubber->setTracking(true);
    addWidget(m_scrubber);
    m_time = new QLabel(this);
    m_time->setAccessibleName(tr("Simulated time"));
    m_time->setMinimumWidth(150);
    m_time->setContentsMargins(8, 0, 8, 0);
    addWidget(m_time);

    connect(m_play, &QAction::triggered, m_controller, &SimController::togglePlay);
    connect(m_back, &QAction::triggered, m_controller, &SimController::stepBack);
    connect(m_forward, &QAction::triggered, m_controller, &SimController::stepForward);
    connect(m_prevStep, &QAction::triggered, m_controller, &SimController::previousStep);
    connect(m_nextStep, &QAction::triggered, m_controller, &SimController::nextStep);
    connect(m_reset, &QAction::triggered, m_controller, &SimController::reset);
    connect(m_slower, &QAction::triggered, this, [this] { m_speed->setCurrentIndex(std::max(0, m_speed->currentIndex() - 1)); });
    connect(m_faster, &QAction::triggered, this,
            [this] { m_speed->setCurrentIndex(std::min(m_speed->count() - 1, m_speed->currentIndex() + 1)); });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) m_controller->setSpeed(m_speed->itemData(index).toDouble());
    });
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int value) {
        if (m_updating) return;
        m_controller->pause();
        m_controller->seek(static_cast<std::size_t>(value));  // live while dragging
    });
    connect(m_controller, &SimController::changed, this, &PlaybackBar::refresh);
    connect(m_controller, &SimController::playingChanged, this, &PlaybackBar::refresh);
    connect(m_controller, &SimController::speedChanged, this, &PlaybackBar::setSpeedIndex);
    setSpeedIndex(m_controller->speed());
    refresh();
}

QAction* PlaybackBar::makeAction(const QString& text, const QKeySequence& key, const QString& icon) {
    auto* action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    return action;
}

QList<QAction*> PlaybackBar::runActions() const {
    return {m_play, m_back, m_forward, m_prevStep, m_nextStep, m_reset, m_slower, m_faster};
}

void PlaybackBar::setSpeedIndex(double speed) {
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - speed) <
            std::abs(m_speed->itemData(best).toDouble() - speed))
            best = i;
    m_speed->setCurrentIndex(best);
}

void PlaybackBar::refresh() {
    const core::Timeline* t = m_controller->timeline();
    const bool playing = m_controller->playing();
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(QIcon::fromTheme(playing ? QStringLiteral("media-playback-pause")
                                             : QStringLiteral("media-playback-start")));
    const bool lesson = m_controller->lessonRun() != nullptr;
    m_prevStep->setEnabled(lesson);
    m_nextStep->setEnabled(m_controller->hasNextStep());  // off after the last step, as the lesson pane's
    if (!t) return;
    m_updating = true;
    const int recorded = static_cast<int>(t->recorded());
    if (m_scrubber->maximum() != recorded) m_scrubber->setMaximum(recorded);
    // A long run forgets its oldest events (core::TimelineLimits): the slider starts there.
    const int first = static_cast<int>(t->firstKept());
    if (m_scrubber->minimum() != first) m_scrubber->setMinimum(first);
    if (!m_scrubber->isSliderDown()) m_scrubber->setValue(static_cast<int>(t->position()));
    m_updating = false;
    m_time->setText(tr("%1 · event %2/%3")
                        .arg(timeWords(m_controller->displayTime()))
                        .arg(t->position())
                        .arg(t->recorded()));
}

}  // namespace sb::widgets
