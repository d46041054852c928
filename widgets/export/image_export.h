#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <functional>
#include <optional>

#include "sim/result.h"

class QByteArray;
class QImage;
class QPainter;

namespace sb::widgets {

// The picture formats every diagram exports to, chosen by the file name's extension.
enum class ImageFormat { Svg, Png, Pdf };
std::optional<ImageFormat> imageFormatFor(const QString& path);

// Something that can paint itself: a size in logical pixels, the background painted under it
// (SVG and PNG would otherwise be transparent) and a function painting into QRect({}, size).
struct Picture {
    QSize size;
    QColor background = Qt::white;
    QColor text = Qt::black;  // colour of the caption
    std::function<void(QPainter&)> paint;
};

struct ExportOptions {
    int scale = 1;    // PNG and SVG: 1 or 2 (device pixels per logical pixel); PDF ignores it
    QString caption;  // a line under the picture: lesson, step, simulated time; may be empty
};

// The size a picture exports at (caption strip included), and its painting: background,
// picture, caption, the same on every device.
QSize exportedSize(const Picture& picture, const ExportOptions& options = {});
void paintExported(QPainter& painter, const Picture& picture, const ExportOptions& options = {});

// Renders `picture` (with its caption strip) to bytes in `format`. SVG keeps text as text and is
// sized in pixels; PDF is one page the size of the picture.
QByteArray renderPicture(const Picture& picture, ImageFormat format,
                         const ExportOptions& options = {});
QImage renderImage(const Picture& picture, const ExportOptions& options = {});
// QSvgGenerator's output made to open the same everywhere: the size in pixels (`size` times
// `scale`, the view box left at `size`) and every font-family a list ending in a generic family.
QByteArray portableSvg(const QByteArray& svg, QSize size, int scale = 1);
// Writes the picture to `path` (format from the extension) atomically. Errors name the file.
core::Status exportPicture(const Picture& picture, const QString& path,
                           const ExportOptions& options = {});
// Writes bytes to `path` atomically; the error says which file and why.
core::Status writeFileAtomically(const QString& path, const QByteArray& bytes);

// "Raft: electing a leader — step 2 of 4: A candidate asks for votes — t = 812.5 ms".
QString exportCaption(const QString& lessonTitle, std::size_t step, std::size_t steps,
                      const QString& stepTitle, const QString& time);

}  // namespace sb::widgets
