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
    return portableSvg(buffer.data(), size, options.scale);
}

// A font-family list every SVG viewer resolves: the family Qt measured the text with first,
// then the usual sans families of each platform, then the generic family.
QString fontStack(const QString& family) {
    static const QStringList kFallbacks = {QStringLiteral("DejaVu Sans"), QStringLiteral("Segoe UI"),
                                           QStringLiteral("Helvetica Neue"), QStringLiteral("Helvetica"),
                                           QStringLiteral("Arial")};
    QStringList stack;
    // "Sans Serif" is Qt's alias for the default sans font, not a family a viewer knows.
    for (const QString& f : QStringList{family} + kFallbacks)
        if (!f.isEmpty() && f.compare(QLatin1String("Sans Serif"), Qt::CaseInsensitive) != 0 &&
            f.compare(QLatin1String("sans-serif"), Qt::CaseInsensitive) != 0 && !stack.contains(f))
            stack << f;
    for (QString& f : stack)
        if (f.contains(QLatin1Char(' '))) f = QLatin1Char('\'') + f + QLatin1Char('\'');
    return stack.join(QStringLiteral(", ")) + QStringLiteral(", sans-serif");
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

QByteArray portableSvg(const QByteArray& svg, QSize size, int scale) {
    QString text = QString::fromUtf8(svg);
    // QSvgGenerator states the size in millimetres; a diagram for the web wants pixels. The
    // view box stays the logical size, so a scale of 2 draws the same picture twice as large.
    static const QRegularExpression mm(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    const int k = std::max(1, scale);
    text.replace(mm, QStringLiteral("width=\"%1px\" height=\"%2px\"").arg(size.width() * k).arg(size.height() * k));
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    QString out;
    qsizetype last = 0;
    for (auto it = family.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += QStringLiteral("font-family=\"%1\"").arg(fontStack(m.captured(1)));
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out.toUtf8();
}

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
