#pragma once

#include <QStringList>
#include <QWidget>

#include "quiz/quiz_catalog.h"

class QButtonGroup;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace sb::widgets {

class InterviewBox;

// One topic as the setup page lists it.
struct TopicSummary {
    QString topic;  // the id
    QString title;  // what the learner reads; the id when empty
    double mastery = 0;  // 0..1
    int due = 0;         // items due today
    int total = 0;
};

// Where a sitting starts: tick topics, pick the mode (review cards, quiz items, interview
// rehearsal), the number of new items a day, the scheduler and the interview date (the
// interview covers the ticked topics), then Start (Enter). A notice line above says when the
// progress file was damaged, restored or refused.
class QuizSetupPage : public QWidget {
    Q_OBJECT
public:
    explicit QuizSetupPage(QWidget* parent = nullptr);

    void setTopics(const std::vector<TopicSummary>& topics);
    QStringList selectedTopics() const;
    void setSelectedTopics(const QStringList& topics);
    QuizMode mode() const;
    void setMode(QuizMode mode);
    int newPerDay() const;
    void setNewPerDay(int n);
    void setNotice(const QString& text);
    QLabel* notice() const { return m_notice; }
    QListWidget* topicList() const { return m_topics; }
    InterviewBox* interviewBox() const { return m_interview; }

signals:
    void startRequested();
    void statsRequested();
    void topicsChanged();  // the learner ticked or unticked a topic

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLabel* m_notice;
    QListWidget* m_topics;
    QButtonGroup* m_modes;
    QSpinBox* m_newPerDay;
    InterviewBox* m_interview;
    QPushButton* m_start;
    QPushButton* m_stats;
};

}  // namespace sb::widgets
