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

// One topic as the setup page lists it.
struct TopicSummary {
    QString topic;
    double mastery = 0;  // 0..1
    int due = 0;         // items due today
    int total = 0;
};

// Where a sitting starts: tick topics, pick the mode (review cards, quiz items, interview
// rehearsal), the number of new items a day, then Start (Enter). A notice line above says when
// the progress file was damaged, restored or refused.
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

signals:
    void startRequested();
    void statsRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLabel* m_notice;
    QListWidget* m_topics;
    QButtonGroup* m_modes;
    QSpinBox* m_newPerDay;
    QPushButton* m_start;
    QPushButton* m_stats;
};

}  // namespace sb::widgets
