#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace sb::core {
class LessonCatalog;
}

namespace sb::widgets {

// Topics and their lessons with difficulty, quiz mastery, estimated minutes and a tick for
// finished ones; a
// search box filters by title, summary and tags. Problems in lesson files are listed below.
class LessonBrowser : public QWidget {
    Q_OBJECT
public:
    explicit LessonBrowser(QWidget* parent = nullptr);

    void setCatalog(const core::LessonCatalog& catalog, const QSet<QString>& finished);
    void setCurrent(const QString& lessonId);
    // Quiz mastery per lesson id in [0, 1], shown as a percentage column.
    void setMastery(const QHash<QString, double>& mastery);
    QTreeWidget* tree() const { return m_tree; }
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
};

}  // namespace sb::widgets
