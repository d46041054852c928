#include "export/picture_object.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>

namespace sb::widgets {

namespace {
constexpr int kIndex = QTextFormat::UserProperty + 1;
constexpr int kWidth = QTextFormat::UserProperty + 2;
constexpr int kHeight = QTextFormat::UserProperty + 3;
constexpr double kDocumentDpi = 96.0;
}  // namespace

void PictureObject::insert(QTextCursor& cursor, const QPicture& picture, QSizeF size, double width) {
    QAbstractTextDocumentLayout* layout = cursor.document()->documentLayout();
    if (layout->handlerForObject(kType) != this) layout->registerHandler(kType, this);
    QTextCharFormat format;
    format.setObjectType(kType);
    format.setProperty(kIndex, static_cast<int>(m_pictures.size()));
    format.setProperty(kWidth, width);
    format.setProperty(kHeight, width * size.height() / size.width());
    m_pictures.push_back({picture, size});  // QPicture is implicitly shared: a cheap copy
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
}

QSizeF PictureObject::intrinsicSize(QTextDocument* doc, int, const QTextFormat& format) {
    QSizeF size(format.doubleProperty(kWidth), format.doubleProperty(kHeight));
    // Printing lays the document out in the printer's pixels: scale from 1/96 inch to those.
    if (const QPaintDevice* device = doc->documentLayout()->paintDevice())
        size *= device->logicalDpiY() / kDocumentDpi;
    return size;
}

void PictureObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int,
                               const QTextFormat& format) {
    const auto index = static_cast<std::size_t>(format.intProperty(kIndex));
    if (index >= m_pictures.size()) return;
    const Entry& entry = m_pictures[index];
    painter->save();
    painter->translate(rect.topLeft());
    // drawPicture already scales from the picture's resolution to the device's; only the
    // remaining factor (the picture's size on the page) is ours.
    const double dpi =
        painter->device()->logicalDpiX() / static_cast<double>(entry.picture.logicalDpiX());
    painter->scale(rect.width() / entry.size.width() / dpi,
                   rect.height() / entry.size.height() / dpi);
    painter->drawPicture(0, 0, entry.picture);
    painter->restore();
}

}  // namespace sb::widgets
