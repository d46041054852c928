#include "export/image_export.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>
#include <QSvgGenerator>
#include <algorithm>

namespace sb::widgets {

namespace {

constexpr int kCaptionHeight = 26;
constexpr int kDpi = 96;  // one logical pixel is 1/96 inch, as on a standard screen

QByteArray renderSvg(const Picture& picture, const ExportOptions& options) {
    const QSize size = exportedSize(picture, options);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(kDpi);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(options.caption);
    {
        QPainter p(&generator);
        paintExported(p, picture, options);
    }
    // QSvgGenerator states the size in millimetres; a diagram for the web wants pixels.
    QString svg = QString::fromUtf8(buffer.data());
    static const QRegularExpression mm(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    svg.replace(
        mm, QStringLiteral("width=\"%1px\" height=\"%2px\"").arg(size.width()).arg(size.height()));
    return svg.toUtf8();
}

QByteArray renderPdf(const Picture& picture, const ExportOptions& options) {
    const QSize size = exportedSize(picture, options);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / kDpi, QPageSize::Point, QString(),
                                     QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QStringLiteral("Splitbrain"));
        writer.setTitle(options.caption);
        QPainter p(&writer);
        paintExported(p, picture, options);
    }
    return buffer.data();
}

}  // namespace

QSize exportedSize(const Picture& picture, const ExportOptions& options) {
    return picture.size + QSize(0, options.caption.isEmpty() ? 0 : kCaptionHeight);
}

void paintExported(QPainter& p, const Picture& picture, const ExportOptions& options) {
    const QSize size = exportedSize(picture, options);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    p.fillRect(QRect(QPoint(0, 0), size), picture.background);
    p.save();
    p.setClipRect(QRect(QPoint(0, 0), picture.size));
    if (picture.paint) picture.paint(p);
    p.restore();
    if (options.caption.isEmpty()) return;
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);
    p.setPen(picture.text);
    const QRect strip(8, picture.size.height(), size.width() - 16, kCaptionHeight);
    p.drawText(strip, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(font).elidedText(options.caption, Qt::ElideRight, strip.width()));
}

std::optional<ImageFormat> imageFormatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) return ImageFormat::Svg;
    if (suffix == QLatin1String("png")) return ImageFormat::Png;
    if (suffix == QLatin1String("pdf")) return ImageFormat::Pdf;
    return std::nullopt;
}

QImage renderImage(const Picture& picture, const ExportOptions& options) {
    const int scale = std::max(1, options.scale);
    QImage image(exportedSize(picture, options) * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(picture.background);
    QPainter p(&image);
    paintExported(p, picture, options);
    return image;
}

QByteArray renderPicture(const Picture& picture, ImageFormat format, const ExportOptions& options) {
    switch (format) {
        case ImageFormat::Svg:
            return renderSvg(picture, options);
        case ImageFormat::Pdf:
            return renderPdf(picture, options);
        case ImageFormat::Png:
            break;
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    renderImage(picture, options).save(&buffer, "PNG");
    return buffer.data();
}

core::Status writeFileAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return core::makeError(QCoreApplication::translate("export", "cannot write the file: %1")
                                   .arg(file.errorString())
                                   .toStdString(),
                               path.toStdString());
    return {};
}

core::Status exportPicture(const Picture& picture, const QString& path,
                           const ExportOptions& options) {
    const auto format = imageFormatFor(path);
    if (!format)
        return core::makeError(
            QCoreApplication::translate("export", "unknown picture type; use .svg, .png or .pdf")
                .toStdString(),
            path.toStdString());
    return writeFileAtomically(path, renderPicture(picture, *format, options));
}

QString exportCaption(const QString& lessonTitle, std::size_t step, std::size_t steps,
                      const QString& stepTitle, const QString& time) {
    QStringList parts;
    if (!lessonTitle.isEmpty()) parts << lessonTitle;
    if (step > 0)
        parts << QCoreApplication::translate("export", "step %1 of %2: %3")
                     .arg(step)
                     .arg(steps)
                     .arg(stepTitle);
    parts << QCoreApplication::translate("export", "t = %1").arg(time);
    return parts.join(QStringLiteral(" — "));
}

}  // namespace sb::widgets
