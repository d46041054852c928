#include "export/handout_pages.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>

namespace sb::widgets {

// Pages are stacked in the document's coordinates: page n covers [n * height, (n + 1) * height).
std::pair<int, int> pagesOf(const QTextDocument& doc, const Keep& keep) {
    QAbstractTextDocumentLayout* layout = doc.documentLayout();
    const double height = doc.pageSize().height();
    const QRectF first = layout->blockBoundingRect(doc.findBlockByNumber(keep.first));
    const QRectF last = layout->blockBoundingRect(doc.findBlockByNumber(keep.last));
    return {static_cast<int>(first.top() / height), static_cast<int>((last.bottom() - 0.5) / height)};
}

double heightOf(const QTextDocument& doc, const Keep& keep) {
    QAbstractTextDocumentLayout* layout = doc.documentLayout();
    return layout->blockBoundingRect(doc.findBlockByNumber(keep.last)).bottom() -
           layout->blockBoundingRect(doc.findBlockByNumber(keep.first)).top();
}

void paginate(QTextDocument& doc, const std::vector<CardBlocks>& cards, QSizeF page) {
    QTextFrameFormat frame = doc.rootFrame()->frameFormat();
    frame.setMargin(kPageMargin);
    doc.rootFrame()->setFrameFormat(frame);
    doc.setPageSize(page);
    const double usable = page.height() - 2 * kPageMargin;
    auto keepTogether = [&doc](const Keep& keep) {
        const auto [first, last] = pagesOf(doc, keep);
        if (first == last) return;
        QTextCursor cursor(doc.findBlockByNumber(keep.first));
        QTextBlockFormat format = cursor.blockFormat();
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        cursor.setBlockFormat(format);
    };
    for (const CardBlocks& card : cards) {
        if (heightOf(doc, card.whole) <= usable) {
            keepTogether(card.whole);
            continue;
        }
        for (const Keep& part : card.parts)
            if (heightOf(doc, part) <= usable) keepTogether(part);
    }
}

void printPages(const QTextDocument& doc, QPdfWriter& writer) {
    QPainter painter(&writer);
    const double scale = writer.resolution() / kDocumentDpi;
    const QSizeF page = doc.pageSize();
    const int pages = doc.pageCount();
    QFont small = doc.defaultFont();
    small.setPixelSize(11);  // in document pixels (about 8 pt), like the layout's own text
    for (int i = 0; i < pages; ++i) {
        if (i > 0) writer.newPage();
        painter.save();
        painter.scale(scale, scale);
        const QRectF view(0, i * page.height(), page.width(), page.height());
        painter.translate(0, -view.top());
        painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette.setColor(QPalette::Text, Qt::black);
        doc.documentLayout()->draw(&painter, context);
        painter.restore();
        painter.save();
        painter.scale(scale, scale);
        painter.setFont(small);
        painter.setPen(Qt::darkGray);
        const QRectF footer(kPageMargin, page.height() - kPageMargin, page.width() - 2 * kPageMargin,
                            kPageMargin / 2);
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                         QCoreApplication::translate("handout", "%1 / %2").arg(i + 1).arg(pages));
        painter.restore();
    }
}

}  // namespace sb::widgets
