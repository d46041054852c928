#include "quiz/quiz_widgets.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace sb::widgets {

QLabel* makeQuestionLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAccessibleName(QCoreApplication::translate("Quiz", "Question"));
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel* makeTitleLabel(const QString& text, QWidget* parent, double scale) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(true);
    label->setFont(f);
    return label;
}

QVBoxLayout* makeCentredColumn(QWidget* page, int maxWidth) {
    auto* outer = new QHBoxLayout(page);
    outer->setContentsMargins(24, 16, 24, 16);
    auto* column = new QWidget(page);
    column->setMaximumWidth(maxWidth);
    outer->addWidget(column, 1);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

QTextBrowser* makeAnswerBrowser(QWidget* parent, const QString& accessibleName) {
    auto* browser = new QTextBrowser(parent);
    browser->setAccessibleName(accessibleName);
    browser->setOpenLinks(false);
    browser->setFocusPolicy(Qt::NoFocus);
    return browser;
}

QLabel* makeKeyHint(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setAccessibleName(QCoreApplication::translate("Quiz", "Keys"));
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

QPushButton* makeKeyButton(const QString& text, const QString& accessibleName, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setAccessibleName(accessibleName);
    button->setFocusPolicy(Qt::NoFocus);
    return button;
}

QString verdictText(bool correct) {
    return correct ? QCoreApplication::translate("Quiz", "✓ Right") : QCoreApplication::translate("Quiz", "✗ Wrong");
}

QString shortTopicName(const QString& title) {
    qsizetype cut = title.size();
    for (const QString& sep : {QStringLiteral(":"), QStringLiteral(","), QStringLiteral(" and ")}) {
        const qsizetype at = title.indexOf(sep);
        if (at > 0) cut = std::min(cut, at);
    }
    return title.left(cut).trimmed();
}

}  // namespace sb::widgets
