#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace sb::core {
class LessonCatalog;
struct Lesson;
}

namespace sb::widgets {

// Topics and their lessons with difficulty, quiz mastery, estimated minutes and a tick for
// finished ones; a
// search box filters by title, summary and tags. Problems in lesson files are listed below.
class LessonBrowser : public QWidget {
    Q_OBJECT
public:
    explicit LessonBrowser(QWidget* parent = nullptr);

    // A lesson's title as the list shows it under its topic's heading: without a "Raft: "
    // prefix, which there only costs width ("Electing a leader"). Other places that name a
    // lesson beside the list (the end-of-lesson offer) use it too, so the two read alike.
    static QString shortTitle(const core::Lesson& lesson);

    // Topic headings in words ("Raft consensus"), by topic id; set before setCatalog().
    void setTopicTitles(const QHash<QString, QString>& titles) { m_topicTitles = titles; }
    void setCatalog(const core::LessonCatalog& catalog, const QSet<QString>& finished);
    void setCurrent(const QString& lessonId);
    // Quiz mastery per lesson id in [0, 1], shown as a percentage column.
    void setMastery(const QHash<QString, double>& mastery);
    QTreeWidget* tree() const { return m_tree; }
    // The width at which every title fits on one line.
    int preferredWidth() const;
    QLineEdit* searchBox() const { return m_search; }

signals:
    void lessonActivated(const QString& lessonId);

private:
    void applyFilter();
    void showMastery();

    QLineEdit* m_search;
    QTreeWidget* m_tree;
    QLabel* m_problems;
    QHash<QString, double> m_mastery;
    QHash<QString, QString> m_topicTitles;
    QString m_current;  // the open lesson: clicking it again does not restart it
};

}  // namespace sb::widgets
