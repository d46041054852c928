#include "quiz/quiz_workspace.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "quiz/choice_view.h"
#include "quiz/countdown.h"
#include "quiz/fair_order.h"
#include "quiz/interview_box.h"
#include "quiz/predict_view.h"
#include "quiz/quiz_setup_page.h"
#include "quiz/quiz_stats_page.h"
#include "quiz/quiz_widgets.h"
#include "quiz/recall_view.h"
#include "quiz/rehearsal_view.h"
#include "quiz/session_summary.h"
#include "sim_controller.h"

namespace sb::widgets {

using core::quiz::ReviewMode;

namespace {
QString gradeText(core::quiz::Grade g) {
    switch (g) {
        case core::quiz::Grade::Again: return QuizWorkspace::tr("Again");
        case core::quiz::Grade::Hard: return QuizWorkspace::tr("Hard");
        case core::quiz::Grade::Good: return QuizWorkspace::tr("Good");
        case core::quiz::Grade::Easy: return QuizWorkspace::tr("Easy");
    }
    return {};
}

// Each mode spends its own daily budget of new items (a quiz sitting leaves review's alone).
std::vector<ReviewMode> budgetModes(QuizMode mode) {
    switch (mode) {
        case QuizMode::Review: return {ReviewMode::Recall};
        case QuizMode::Quiz: return {ReviewMode::Choice, ReviewMode::Predict};
        case QuizMode::Rehearsal: return {ReviewMode::Rehearsal};
    }
    return {};
}

core::quiz::Seconds localNow() {
    const QDateTime now = QDateTime::currentDateTime();
    return now.toSecsSinceEpoch() + now.offsetFromUtc();
}
}  // namespace

QuizWorkspace::QuizWorkspace(const core::TopicRegistry& registry, const QString& progressPath, QWidget* parent)
    : QWidget(parent), m_registry(registry), m_store(progressPath.toStdString()), m_clock(&localNow) {
    setAccessibleName(tr("Quiz workspace"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

QuizWorkspace& QuizWorkspace::built() const {
    auto& self = const_cast<QuizWorkspace&>(*this);  // the pages are built on first use, not at construction
    self.buildPages();
    return self;
}

void QuizWorkspace::buildPages() {
    if (m_pages) return;
    m_pages = new QStackedWidget(this);
    layout()->addWidget(m_pages);
    m_setup = new QuizSetupPage(m_pages);
    m_pages->addWidget(m_setup);

    m_sessionPage = new QWidget(m_pages);
    m_sessionPage->setAccessibleName(tr("Quiz session"));
    QVBoxLayout* sessionLayout = makeCentredColumn(m_sessionPage, 1100);
    auto* top = new QHBoxLayout;
    m_header = new QLabel(m_sessionPage);
    m_header->setAccessibleName(tr("Session progress"));
    m_header->setWordWrap(true);
    auto* end = new QPushButton(tr("End session (Esc)"), m_sessionPage);
    end->setAccessibleName(tr("End the session"));
    end->setFocusPolicy(Qt::NoFocus);
    top->addWidget(m_header, 1);
    top->addWidget(end);
    sessionLayout->addLayout(top);
    m_views = new QStackedWidget(m_sessionPage);
    m_recall = new RecallView(m_views);
    m_choice = new ChoiceView(m_views);
    m_predict = new PredictView(m_registry, m_views);
    m_rehearsal = new RehearsalView(m_views);
    for (QWidget* v : std::initializer_list<QWidget*>{m_recall, m_choice, m_predict, m_rehearsal}) m_views->addWidget(v);
    sessionLayout->addWidget(m_views, 1);
    m_pages->addWidget(m_sessionPage);
    m_summary = new SessionSummary(m_pages);
    m_pages->addWidget(m_summary);
    m_stats = new QuizStatsPage(m_pages);
    m_pages->addWidget(m_stats);

    connect(end, &QPushButton::clicked, this, &QuizWorkspace::endSession);
    connect(m_setup, &QuizSetupPage::startRequested, this, &QuizWorkspace::startSession);
    connect(m_setup, &QuizSetupPage::statsRequested, this, &QuizWorkspace::showStats);
    connect(m_setup->interviewBox(), &InterviewBox::schedulerChanged, this, &QuizWorkspace::applyScheduler);
    connect(m_setup->interviewBox(), &InterviewBox::interviewChanged, this, &QuizWorkspace::applyInterview);
    connect(m_setup, &QuizSetupPage::topicsChanged, this, [this] {
        if (m_store.progress().interview.day) applyInterview();
    });
    connect(m_summary, &SessionSummary::againRequested, this, &QuizWorkspace::startSession);
    connect(m_summary, &SessionSummary::backRequested, this, &QuizWorkspace::showSetup);
    connect(m_stats, &QuizStatsPage::backRequested, this, &QuizWorkspace::showSetup);
    auto grade = [this](core::quiz::Grade g) {
        if (m_session) m_session->grade(g, m_mode == QuizMode::Rehearsal ? ReviewMode::Rehearsal : ReviewMode::Recall, now());
        afterAnswer();
        showCurrent();
    };
    connect(m_recall, &RecallView::graded, this, grade);
    connect(m_rehearsal, &RehearsalView::graded, this, grade);
    connect(m_rehearsal, &RehearsalView::rehearsed, this, [this](int ticked) {
        if (!m_session || !m_session->current()) return;
        const int total = m_session->current()->ref.points;
        if (const auto g = core::quiz::gradeFromChecklist(ticked, total))
            emit message(tr("Rehearsal scored %1 of %2 points: graded %3.").arg(ticked).arg(total).arg(gradeText(*g)));
        m_session->gradeRehearsal(ticked, now());
        afterAnswer();
        showCurrent();
    });
    connect(m_choice, &ChoiceView::answeredItem, this, [this](bool correct) {
        if (m_session) m_session->gradeAnswer(correct, ReviewMode::Choice, now());
        afterAnswer();
    });
    connect(m_predict, &PredictView::answeredItem, this, [this](bool correct) {
        if (m_session) m_session->gradeAnswer(correct, ReviewMode::Predict, now());
        afterAnswer();
    });
    connect(m_choice, &ChoiceView::next, this, &QuizWorkspace::showCurrent);
    connect(m_predict, &PredictView::next, this, &QuizWorkspace::showCurrent);
    connect(m_predict, &PredictView::openStep, this, &QuizWorkspace::openStep);
    m_rehearsal->countdown()->setAutoTick(m_realTimeCountdown);
    m_setup->setNotice(m_notice);
    refreshSetup();
    m_pages->show();  // built inside a workspace already shown, the pages would stay hidden
    emit pagesBuilt();
}

QuizWorkspace::~QuizWorkspace() = default;

void QuizWorkspace::setVisible(bool visible) {
    if (visible) buildPages();
    QWidget::setVisible(visible);
}

void QuizWorkspace::setRealTimeCountdown(bool on) {
    m_realTimeCountdown = on;
    if (m_rehearsal) m_rehearsal->countdown()->setAutoTick(on);
}

bool QuizWorkspace::startSession() {
    buildPages();
    m_mode = m_setup->mode();
    core::quiz::SessionOptions options;
    for (const QString& t : m_setup->selectedTopics()) options.topics.push_back(t.toStdString());
    if (options.topics.empty()) {
        emit message(tr("Tick at least one topic to practise."));
        return false;
    }
    options.newPerDay = m_setup->newPerDay();
    options.budgetModes = budgetModes(m_mode);
    m_sitting = static_cast<std::uint64_t>(now());
    const SessionOrder order = m_setup->interviewBox()->order();
    if (order == SessionOrder::Normal) {
        m_session = std::make_unique<core::quiz::QuizSession>(m_store.progress(), m_catalog.refs(m_mode), options, now());
    } else {
        QString why;
        const auto queue = plannedQueue(order, &why);
        if (!queue) {
            emit message(why);
            return false;
        }
        m_session = std::make_unique<core::quiz::QuizSession>(m_store.progress(), *queue, options, core::quiz::GivenOrder{});
    }
    m_pages->setCurrentWidget(m_sessionPage);
    showCurrent();
    return true;
}

void QuizWorkspace::showCurrent() {
    const core::quiz::SessionItem* item = m_session ? m_session->current() : nullptr;
    const QuizEntry* entry = item ? m_catalog.find(item->ref.id) : nullptr;
    if (!entry) {
        endSession();
        return;
    }
    const QString badge = item->redrill ? tr("re-drill") : item->isNew ? tr("new") : tr("review");
    m_header->setText(tr("%1 · %2 — %3 · %4 left")
                          .arg(shortTopicName(topicTitle(entry->lesson->topic)), QString::fromStdString(entry->lesson->title), badge)
                          .arg(m_session->remaining()));
    QWidget* view = nullptr;
    if (entry->card && m_mode == QuizMode::Rehearsal) {
        m_rehearsal->setCard(*entry->card);
        view = m_rehearsal;
    } else if (entry->card) {
        m_recall->setCard(*entry->card);
        view = m_recall;
    } else if (entry->item->type == core::QuizType::Choice) {
        // Shuffled per presentation; a re-drill in the same sitting gets an order of its own.
        const std::uint64_t seed = m_sitting * 2 + (item->redrill ? 1 : 0);
        m_choice->setItem(*entry->item, core::quiz::optionOrder(item->ref.id, seed, entry->item->options.size()));
        view = m_choice;
    } else {
        QString error;
        if (!m_predict->setItem(*entry->lesson, *entry->item, &error)) {
            emit message(tr("Cannot run this predict item: %1").arg(error));
            endSession();
            return;
        }
        view = m_predict;
    }
    m_views->setCurrentWidget(view);
    // Rehearsal notes and number answers are typed into their box; the other views take keys themselves.
    if (view == m_predict) m_predict->focusAnswer();
    else if (view == m_rehearsal) m_rehearsal->focusAnswer();
    else view->setFocus();
}

QWidget* QuizWorkspace::currentView() const {
    return m_pages && m_pages->currentWidget() == m_sessionPage ? m_views->currentWidget() : nullptr;
}

void QuizWorkspace::endSession() {
    if (!m_session) {
        showSetup();
        return;
    }
    m_rehearsal->countdown()->stop();
    m_predict->controller()->pause();
    const core::quiz::Day tomorrow = core::quiz::dayOf(now()) + 1;
    const auto due = core::quiz::dueItems(m_store.progress(), m_catalog.refs(m_mode), {}, tomorrow);
    m_summary->setStats(m_session->stats(), static_cast<int>(due.size()), m_store.canSave() && !m_saveFailed);
    m_session.reset();
    m_pages->setCurrentWidget(m_summary);
    m_summary->setFocus();
    refreshSetup();
}

void QuizWorkspace::showSetup() {
    buildPages();
    m_session.reset();
    refreshSetup();
    m_pages->setCurrentWidget(m_setup);
    m_setup->setFocus();
}

void QuizWorkspace::showStats() {
    buildPages();
    std::map<std::string, QString> names;
    for (const std::string& t : m_catalog.topics()) names[t] = shortTopicName(topicTitle(t));
    m_stats->setTopicNames(std::move(names));
    m_stats->setData(m_store.progress(), m_catalog.allRefs(), m_catalog.topics(), core::quiz::dayOf(now()), plan());
    m_pages->setCurrentWidget(m_stats);
    m_stats->setFocus();
}

void QuizWorkspace::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && m_pages && m_pages->currentWidget() == m_sessionPage) {
        endSession();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace sb::widgets
