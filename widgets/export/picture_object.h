#pragma once

#include <QObject>
#include <QPicture>
#include <QTextObjectInterface>
#include <vector>

class QTextCursor;

namespace sb::widgets {

// Vector pictures inline in a QTextDocument: a printed handout keeps its diagrams as lines and
// text instead of bitmaps, so they stay sharp on paper at any zoom. The document's layout owns
// nothing; this handler holds the recorded pictures and must outlive the printing.
class PictureObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int kType = QTextFormat::UserObject + 1;

    explicit PictureObject(QObject* parent = nullptr) : QObject(parent) {}

    // Inserts `picture` (recorded at `size` logical pixels) at the cursor, `width` document
    // pixels (1/96 inch) wide. Registers the handler with the cursor's document on first use.
    void insert(QTextCursor& cursor, const QPicture& picture, QSizeF size, double width);

    QSizeF intrinsicSize(QTextDocument* doc, int posInDocument, const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int posInDocument,
                    const QTextFormat& format) override;

private:
    struct Entry {
        QPicture picture;
        QSizeF size;
    };
    std::vector<Entry> m_pictures;
};

}  // namespace sb::widgets
