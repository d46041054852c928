#include "quiz/predict_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>

#include "lesson/lesson_check.h"
#include "quiz/choice_view.h"
#include "quiz/quiz_widgets.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim_controller.h"

namespace sb::widgets {

namespace {
// A non-integer number: a measured quantity rather than a count.
const double* measuredValue(const core::ProbeValue& value) {
    const auto* d = std::get_if<double>(&value);
    return d && *d != std::floor(*d) ? d : nullptr;
}

// A yes/no question is answered "yes" or "no", not "true".
QString answerText(const core::ProbeValue& value) {
    if (const auto* b = std::get_if<bool>(&value)) return *b ? PredictView::tr("yes") : PredictView::tr("no");
    return QString::fromStdString(core::probeToString(value));
}
}  // namespace

bool predictionMatches(const core::ProbeValue& truth, const core::ProbeValue& guess) {
    const double* measured = measuredValue(truth);
    if (!measured) return core::compareProbe(truth, core::CompareOp::Equals, guess);
    double value = 0;
    if (const auto* i = std::get_if<std::int64_t>(&guess)) value = static_cast<double>(*i);
    else if (const auto* d = std::get_if<double>(&guess)) value = *d;
    else return false;
    return std::fabs(value - *measured) <= std::max(1.0, 0.1 * std::fabs(*measured));
}

PredictView::PredictView(const core::TopicRegistry& registry, QWidget* parent)
    : QWidget(parent), m_registry(registry), m_controller(new SimController(registry, this)) {
    setAccessibleName(tr("Predict what happens next"));
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    m_question = makeQuestionLabel(this);
    layout->addWidget(m_question);
    m_moment = makeKeyHint(this);
    layout->addWidget(m_moment);
    m_scene = new SceneView(this);
    m_scene->setAccessibleName(tr("Predict scene"));
    m_scene->setMinimumHeight(220);
    m_scene->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_scene, 1);
    m_buttons = new QWidget(this);
    m_buttons->setAccessibleName(tr("Answers"));
    new QGridLayout(m_buttons);
    m_buttons->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_buttons);
    auto* numberRow = new QHBoxLayout;
    m_number = new QSpinBox(this);
    m_number->setRange(-1000000, 1000000);
    m_number->setAccessibleName(tr("Your answer (a number)"));
    m_number->installEventFilter(this);
    m_submit = makeKeyButton(tr("Answer (Enter)"), tr("Submit the answer"), this);
    numberRow->addWidget(m_number);
    numberRow->addWidget(m_submit);
    numberRow->addStretch(1);
    layout->addLayout(numberRow);
    m_verdict = makeTitleLabel(QString(), this, 1.1);
    m_verdict->setAccessibleName(tr("Verdict"));
    layout->addWidget(m_verdict);
    m_explain = new QLabel(this);
    m_explain->setAccessibleName(tr("Open the step that explains it"));
    m_explain->setTextFormat(Qt::RichText);
    layout->addWidget(m_explain);
    m_hint = makeKeyHint(this);
    layout->addWidget(m_hint);

    connect(m_controller, &SimController::changed, this, &PredictView::refreshScene);
    // A new item may be another topic: its message legend starts afresh.
    connect(m_controller, &SimController::loaded, m_scene->graph(), &GraphScene::resetLegend);
    connect(m_submit, &QPushButton::clicked, this, [this] { submit(core::ProbeValue{std::int64_t{m_number->value()}}); });
    connect(m_explain, &QLabel::linkActivated, this,
            [this] { emit openStep(QString::fromStdString(m_lesson.id), static_cast<int>(m_item.explainStep)); });
}

bool PredictView::setItem(const core::Lesson& lesson, const core::QuizItem& item, QString* error) {
    m_lesson = lesson;
    m_item = item;
    m_answered = false;
    m_truth.reset();
    // The truth comes from a run of our own, so the scene's run can be shown and moved freely.
    auto run = core::LessonRun::start(lesson, m_registry);
    core::Result<core::ProbeValue> truth = run ? run.value().predict(item) : core::Result<core::ProbeValue>(run.error());
    core::Status loaded = truth ? m_controller->loadLesson(lesson) : core::Status(truth.error());
    if (!loaded) {
        if (error) *error = QString::fromStdString(loaded.error().text());
        return false;
    }
    m_truth = truth.value();
    m_controller->goToStepEnd(item.fromStep);
    m_question->setText(QString::fromStdString(item.question));
    m_moment->setText(item.fromStep == 0
                          ? tr("Paused at the start of “%1”.").arg(QString::fromStdString(lesson.title))
                          : tr("Paused at the end of step %1 of “%2”: %3")
                                .arg(item.fromStep)
                                .arg(QString::fromStdString(lesson.title),
                                     QString::fromStdString(lesson.steps[item.fromStep - 1].title)));
    buildChoices();
    m_verdict->hide();
    m_explain->hide();
    m_target = 0;
    m_targetTime = 0;
    return true;
}

void PredictView::buildChoices() {
    for (QWidget* w : m_buttons->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) delete w;
    m_choices.clear();
    QStringList labels;
    const bool isNumber = m_item.answerType == core::AnswerType::Number;
    if (m_item.answerType == core::AnswerType::Bool) {
        m_choices = {true, false};
        labels = {tr("Yes"), tr("No")};
    } else if (m_item.answerType == core::AnswerType::Node) {
        // The nodes on screen now and those the item's actions bring in (a model may name more
        // slots than it uses, so nodeNames() is not the list).
        std::map<core::NodeId, std::string> nodes;
        const core::Time now = m_controller->timeline()->now();
        for (const auto& n : m_controller->timeline()->model().view(now).nodes) nodes[n.id] = n.name;
        const Reveal end = revealRun();
        for (const auto& n : end.run.model().view(end.end).nodes) nodes[n.id] = n.name;
        for (const auto& [id, name] : nodes) {
            m_choices.emplace_back(name);
            labels << QString::fromStdString(name);
        }
        m_choices.emplace_back(std::monostate{});
        labels << tr("none");
    }
    auto* grid = static_cast<QGridLayout*>(m_buttons->layout());
    for (int i = 0; i < labels.size(); ++i) {
        QPushButton* b = makeKeyButton(i < 9 ? tr("%1  %2").arg(i + 1).arg(labels[i]) : labels[i], labels[i], m_buttons);
        connect(b, &QPushButton::clicked, this, [this, i] { submit(m_choices[static_cast<std::size_t>(i)]); });
        grid->addWidget(b, i / kChoiceColumns, i % kChoiceColumns);
    }
    m_buttons->setVisible(!isNumber);
    m_number->setVisible(isNumber);
    m_submit->setVisible(isNumber);
    m_number->setEnabled(true);
    m_number->setValue(0);
    const bool measured = measuredValue(*m_truth) != nullptr;
    m_hint->setText(isNumber ? (measured ? tr("Type a number, then Enter. Within 10% counts as right.")
                                         : tr("Type a number, then Enter."))
                             : tr("Press 1-%1 to answer.").arg(labels.size()));
}

void PredictView::focusAnswer() {
    if (m_number->isVisible() && m_number->isEnabled()) {
        m_number->setFocus();
        m_number->selectAll();
    } else {
        setFocus();
    }
}

void PredictView::submit(const core::ProbeValue& guess) {
    if (m_answered || !m_truth) return;
    m_answered = true;
    const bool correct = predictionMatches(*m_truth, guess);
    runForward();
    m_buttons->hide();
    m_number->setEnabled(false);
    m_submit->hide();
    m_verdict->setText(tr("%1 — you said %2; the model says %3.")
                           .arg(verdictText(correct), answerText(guess), answerText(*m_truth)));
    m_verdict->show();
    const bool explain = !correct && m_item.explainStep > 0 && m_item.explainStep <= m_lesson.steps.size();
    if (explain) {
        const QString title = QString::fromStdString(m_lesson.steps[m_item.explainStep - 1].title);
        m_explain->setText(QStringLiteral("<a href=\"step\">%1</a>")
                               .arg(tr("Open step %1 of the lesson, “%2”, which explains it (L)")
                                        .arg(m_item.explainStep)
                                        .arg(title.toHtmlEscaped())));
    }
    m_explain->setVisible(explain);
    m_hint->setText(tr("Space or Enter: next question."));
    setFocus();
    emit answeredItem(correct);
}

// Replays the item on screen: its actions now, then the model runs to the item's condition and,
// after a wait, on to its end, where the answer was read.
void PredictView::runForward() {
    // The item's answer is the model's alone from this moment: the lesson's later steps stay out.
    m_controller->leaveLessonPath();
    const Reveal reveal = revealRun();
    m_target = reveal.run.position();
    m_targetTime = reveal.end;
    m_controller->setSpeed(kRevealSpeed);
    for (core::Action a : m_item.actions) {
        // At the moment shown (the step's end, after a wait later than its last event), or just
        // after the previous action: where LessonRun::predict applied it.
        a.at = core::Action::kAsap;
        if (!m_controller->actNow(a)) break;
    }
    const bool wait = m_item.until.kind == core::UntilCondition::Kind::AfterMs ||
                      m_item.until.kind == core::UntilCondition::Kind::TimeMs;
    // A wait stops at its time (every event before it included); any other condition stops right
    // after the event that met it, even when more happen at the same microsecond.
    if (wait)
        m_controller->playToTime(m_targetTime);
    else
        m_controller->playTo(m_target);
}

// Each action applied as SimController::actNow applies it (at the moment shown or the next
// microsecond, then run up to it), then the item's condition.
PredictView::Reveal PredictView::revealRun() const {
    core::Timeline scratch = *m_controller->timeline();
    // The item starts where the step it follows ended: after a wait, later than its last event.
    const core::Time start = std::max(scratch.now(), m_controller->displayTime());
    const std::size_t startPosition = scratch.position();
    for (core::Action a : m_item.actions) {
        a.at = std::max(start, scratch.now() + 1);
        if (!scratch.act(a)) break;
        scratch.seekTime(a.at);
    }
    bool reached = false;
    core::LessonRun::runUntil(scratch, m_item.until, start, startPosition, m_item.maxEvents, reached);
    const core::Time end = core::clockAfter(scratch, m_item.until, start);
    return {std::move(scratch), end};
}

void PredictView::refreshScene() {
    if (const core::Timeline* t = m_controller->timeline()) m_scene->setView(t->model().view(m_controller->displayTime()));
}

bool PredictView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_number && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !m_answered) {
            m_number->interpretText();
            submit(core::ProbeValue{std::int64_t{m_number->value()}});
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PredictView::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    if (!m_answered) {
        if (const auto i = indexForKey(key); i && *i < m_choices.size()) {
            submit(m_choices[*i]);
            return;
        }
    } else if (key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter) {
        m_controller->pause();
        emit next();
        return;
    } else if (key == Qt::Key_L && m_explain->isVisible()) {
        emit openStep(QString::fromStdString(m_lesson.id), static_cast<int>(m_item.explainStep));
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
