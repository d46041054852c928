#include "learn/lesson_browser.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <algorithm>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "lesson/lesson_catalog.h"
#include "plural.h"

namespace sb::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;

QString levelText(core::Difficulty d) {
    switch (d) {
        case core::Difficulty::Beginner: return LessonBrowser::tr("beginner");
        case core::Difficulty::Intermediate: return LessonBrowser::tr("intermediate");
        case core::Difficulty::Advanced: return LessonBrowser::tr("advanced");
    }
    return {};
}

// Stars keep the column narrow; the word is in the tooltip and the accessible text.
QString levelStars(core::Difficulty d) {
    switch (d) {
        case core::Difficulty::Beginner: return QStringLiteral("★");
        case core::Difficulty::Intermediate: return QStringLiteral("★★");
        case core::Difficulty::Advanced: return QStringLiteral("★★★");
    }
    return {};
}
// A tree does not size wrapped rows from its column width by itself: this delegate does, so a
// long title takes two lines instead of ending in "…".
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeWidget* tree) : QStyledItemDelegate(tree), m_tree(tree) {}
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        if (index.column() != 0) return size;
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) ++depth;
        const int width = m_tree->header()->sectionSize(0) - m_tree->indentation() * (depth + 1) - 8;
        const QFont font = index.data(Qt::FontRole).isValid() ? index.data(Qt::FontRole).value<QFont>() : option.font;
        const QRect need = QFontMetrics(font).boundingRect(QRect(0, 0, std::max(20, width), 100000), Qt::TextWordWrap,
                                                           index.data(Qt::DisplayRole).toString());
        size.setHeight(std::max(size.height(), need.height() + 4));
        return size;
    }

private:
    QTreeWidget* m_tree;
};

}  // namespace

QString LessonBrowser::shortTitle(const core::Lesson& lesson) {
    QString title = QString::fromStdString(lesson.title);
    const QString prefix = QString::fromStdString(lesson.topic) + QStringLiteral(": ");
    if (title.startsWith(prefix, Qt::CaseInsensitive) && title.size() > prefix.size()) {
        title = title.mid(prefix.size());
        title[0] = title[0].toUpper();
    }
    return title;
}

LessonBrowser::LessonBrowser(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Lesson browser"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search lessons…"));
    m_search->setAccessibleName(tr("Search lessons"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    // The first-run hint: found by its object name, so the class keeps its interface.
    auto* hint = new QLabel(this);
    hint->setObjectName(QStringLiteral("FirstRunHint"));
    hint->setWordWrap(true);
    hint->setAccessibleName(tr("How to open a lesson"));
    hint->setTextFormat(Qt::RichText);
    hint->hide();
    layout->addWidget(hint);
    connect(hint, &QLabel::linkActivated, this, [this](const QString& id) { emit lessonActivated(id); });
    m_tree = new QTreeWidget(this);
    m_tree->setAccessibleName(tr("Lessons"));
    m_tree->setHeaderLabels({tr("Lesson"), tr("Level"), tr("%")});
    // A narrow header: the lesson titles need the width. The tooltip and accessible text say it in full.
    m_tree->headerItem()->setToolTip(2, tr("Quiz mastery: how well you know this lesson's cards and quiz items"));
    m_tree->headerItem()->setData(2, Qt::AccessibleTextRole, tr("Quiz mastery"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    // A title wider than the dock wraps instead of ending in "…" (the dock is sized to fit them
    // where the window allows).
    m_tree->setWordWrap(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setItemDelegate(new WrappingDelegate(m_tree));
    // Row heights follow the title column's width (a tree caches them otherwise).
    connect(m_tree->header(), &QHeaderView::sectionResized, m_tree, [this](int section) {
        if (section == 0) m_tree->doItemsLayout();
    });
    layout->addWidget(m_tree, 1);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setAccessibleName(tr("Lesson file problems"));
    m_problems->hide();
    layout->addWidget(m_problems);

    connect(m_search, &QLineEdit::textChanged, this, &LessonBrowser::applyFilter);
    // One click opens a lesson; arrow keys only move the selection. Enter or a double click on
    // the open lesson starts it again, a single click on it does not.
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, kIdRole).toString();
        if (!id.isEmpty()) emit lessonActivated(id);
    });
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, kIdRole).toString();
        if (!id.isEmpty() && id != m_current) emit lessonActivated(id);
    });
}

void LessonBrowser::setCatalog(const core::LessonCatalog& catalog, const QSet<QString>& finished) {
    m_tree->clear();
    QTreeWidgetItem* topic = nullptr;
    std::string topicId;
    for (const core::Lesson* lesson : catalog.lessons()) {
        if (!topic || lesson->topic != topicId) {
            topicId = lesson->topic;
            const QString topicTitle = m_topicTitles.value(QString::fromStdString(topicId));
            topic = new QTreeWidgetItem(m_tree, {topicTitle.isEmpty() ? QString::fromStdString(topicId) : topicTitle});
            QFont bold = topic->font(0);
            bold.setBold(true);
            topic->setFont(0, bold);
            topic->setFlags(Qt::ItemIsEnabled);
            topic->setExpanded(true);
        }
        const QString id = QString::fromStdString(lesson->id);
        const bool done = finished.contains(id);
        const QString title = shortTitle(*lesson);
        auto* item = new QTreeWidgetItem(topic, {(done ? QStringLiteral("✓ ") : QString()) + title,
                                                 levelStars(lesson->difficulty)});
        item->setToolTip(1, levelText(lesson->difficulty));
        item->setData(1, Qt::AccessibleTextRole, levelText(lesson->difficulty));
        item->setData(0, kIdRole, id);
        QString search = QString::fromStdString(lesson->title + " " + lesson->summary + " " + lesson->topic);
        for (const auto& tag : lesson->tags) search += QStringLiteral(" ") + QString::fromStdString(tag);
        item->setData(0, kSearchRole, search);
        item->setToolTip(0, tr("%1\n%2\n%3 · ~%4 min%5")
                                .arg(QString::fromStdString(lesson->title), QString::fromStdString(lesson->summary),
                                     levelText(lesson->difficulty))
                                .arg(lesson->minutes)
                                .arg(done ? tr(" · finished") : QString()));
    }
    const auto lessons = catalog.lessons();
    // Until a lesson is finished: how to open one, and a link that opens the first.
    auto* hint = findChild<QLabel*>(QStringLiteral("FirstRunHint"));
    hint->setVisible(finished.isEmpty() && !lessons.empty());
    if (!lessons.empty())
        hint->setText(tr("New here? Click a lesson to open it. "
                           "A good first one: <a href=\"%1\">%2</a>.")
                            .arg(QString::fromStdString(lessons.front()->id).toHtmlEscaped(),
                                 QString::fromStdString(lessons.front()->title).toHtmlEscaped()));
    const auto errors = catalog.errors();
    m_problems->setVisible(!errors.empty());
    if (!errors.empty()) {
        QStringList lines;
        for (const auto& e : errors) lines << QString::fromStdString(e.text());
        m_problems->setText(countText(static_cast<qsizetype>(errors.size()), tr("%1 lesson file problem"), tr("%1 lesson file problems")));
        m_problems->setToolTip(lines.join(QLatin1Char('\n')));
    }
    showMastery();
    applyFilter();
}

void LessonBrowser::setMastery(const QHash<QString, double>& mastery) {
    m_mastery = mastery;
    showMastery();
}

void LessonBrowser::showMastery() {
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem* topic = m_tree->topLevelItem(t);
        for (int i = 0; i < topic->childCount(); ++i) {
            QTreeWidgetItem* item = topic->child(i);
            const QString id = item->data(0, kIdRole).toString();
            const int percent = qRound(m_mastery.value(id, 0.0) * 100);
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            if (percent == 0) {
                // Nothing drilled yet: a dash, not "0%" beside a finished lesson's tick.
                item->setText(2, QStringLiteral("–"));
                item->setToolTip(2, tr("Not drilled in quiz mode yet"));
                item->setData(2, Qt::AccessibleTextRole, tr("not drilled yet"));
                continue;
            }
            item->setText(2, tr("%1%").arg(percent));
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(2, tr("Quiz mastery %1%").arg(percent));
            item->setData(2, Qt::AccessibleTextRole, tr("mastery %1 percent").arg(percent));
        }
    }
}

int LessonBrowser::preferredWidth() const {
    // The widest title with its indent, the level and mastery columns, margins and a scroll bar.
    const QFontMetrics metrics(m_tree->font());
    int widest = 0;
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        const QTreeWidgetItem* topic = m_tree->topLevelItem(t);
        widest = std::max(widest, QFontMetrics(topic->font(0)).horizontalAdvance(topic->text(0)));
        for (int i = 0; i < topic->childCount(); ++i)
            widest = std::max(widest, m_tree->indentation() + metrics.horizontalAdvance(topic->child(i)->text(0)));
    }
    const int columns = metrics.horizontalAdvance(QStringLiteral("★★★  100%")) + 32;
    return widest + columns + 24 + m_tree->verticalScrollBar()->sizeHint().width();
}

void LessonBrowser::setCurrent(const QString& lessonId) {
    m_current = lessonId;
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem* topic = m_tree->topLevelItem(t);
        for (int i = 0; i < topic->childCount(); ++i)
            if (topic->child(i)->data(0, kIdRole).toString() == lessonId) m_tree->setCurrentItem(topic->child(i));
    }
}

void LessonBrowser::applyFilter() {
    const QString needle = m_search->text().trimmed();
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem* topic = m_tree->topLevelItem(t);
        int shown = 0;
        for (int i = 0; i < topic->childCount(); ++i) {
            QTreeWidgetItem* item = topic->child(i);
            const bool match = needle.isEmpty() || item->data(0, kSearchRole).toString().contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        topic->setHidden(shown == 0);
    }
}

}  // namespace sb::widgets
