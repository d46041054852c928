#include "export/handout.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QPicture>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextBlockFormat>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <utility>
#include <vector>

#include "export/handout_pages.h"
#include "export/image_export.h"
#include "export/picture_object.h"
#include "export/scene_export.h"
#include "lesson/lesson.h"
#include "plural.h"
#include "scene/graph_scene.h"
#include "scene/scene_view.h"
#include "sim_controller.h"
#include "time_words.h"

namespace sb::widgets {

namespace {

// Close to the scene's own shape, so it fills the picture and its labels print large enough.
constexpr QSize kDiagramSize(680, 540);
constexpr int kDiagramWidthOnPage =
    560;  // document pixels (1/96 inch): 14.8 cm, inside A4 and Letter margins

QString tr(const char* text) {
    return QCoreApplication::translate("handout", text);
}

void heading(QTextCursor& cursor, const QString& text, double pointSize, bool newPage) {
    QTextBlockFormat block;
    block.setPageBreakPolicy(newPage ? QTextFormat::PageBreak_AlwaysBefore
                                     : QTextFormat::PageBreak_Auto);
    block.setTopMargin(newPage ? 0 : 14);
    block.setBottomMargin(6);
    QTextCharFormat chars;
    chars.setFontPointSize(pointSize);
    chars.setFontWeight(QFont::Bold);
    cursor.insertBlock(block, chars);
    cursor.insertText(text, chars);
}

void markdown(QTextCursor& cursor, const std::string& text) {
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    cursor.insertFragment(QTextDocumentFragment::fromMarkdown(QString::fromStdString(text)));
}

void plain(QTextCursor& cursor, const QString& text, bool italic = false) {
    QTextCharFormat chars;
    chars.setFontItalic(italic);
    cursor.insertBlock(QTextBlockFormat(), chars);
    cursor.insertText(text, chars);
}

// The scene as vectors (a QPicture replayed onto the PDF), centred under the narration.
void diagram(QTextCursor& cursor, PictureObject& pictures, const Picture& scene,
             const ExportOptions& options) {
    QPicture recorded;
    {
        QPainter p(&recorded);
        paintExported(p, scene, options);
    }
    QTextBlockFormat block;
    block.setAlignment(Qt::AlignHCenter);
    block.setTopMargin(10);
    cursor.insertBlock(block, QTextCharFormat());
    pictures.insert(cursor, recorded, QSizeF(exportedSize(scene, options)),
                    kDiagramWidthOnPage);
}

int blockNumber(const QTextCursor& cursor) { return cursor.block().blockNumber(); }

std::vector<CardBlocks> cards(QTextCursor& cursor, const core::Lesson& lesson) {
    std::vector<CardBlocks> out;
    heading(cursor, tr("Questions and answers"), 16, true);
    for (const core::Card& card : lesson.cards) {
        CardBlocks blocks;
        heading(cursor, QString::fromStdString(card.question), 12, false);
        int start = blockNumber(cursor);
        markdown(cursor, card.answer);
        blocks.parts.push_back({start, blockNumber(cursor)});
        if (!card.points.empty()) {
            std::string list = "*" + tr("A strong answer covers:").toStdString() + "*\n\n";
            for (const auto& p : card.points) list += "- " + p + "\n";
            start = blockNumber(cursor) + 1;
            markdown(cursor, list);
            blocks.parts.push_back({start, blockNumber(cursor)});
        }
        for (const core::FollowUp& f : card.followUps) {
            start = blockNumber(cursor) + 1;
            plain(cursor, tr("Follow-up: %1").arg(QString::fromStdString(f.question)), true);
            markdown(cursor, f.answer);
            blocks.parts.push_back({start, blockNumber(cursor)});
        }
        blocks.whole = {blocks.parts.front().first, blocks.parts.back().last};
        out.push_back(std::move(blocks));
    }
    return out;
}

// The whole handout as a paginated document, and where its cards are.
struct HandoutDocument {
    PictureObject pictures;  // must outlive the printing
    QTextDocument doc;
    std::vector<CardBlocks> cards;
};

core::Status build(HandoutDocument& out, const core::Lesson& lesson,
                   const core::TopicRegistry& registry) {
    SimController controller(registry);
    if (core::Status s = controller.loadLesson(lesson); !s) return s;
    SceneView view;
    prepareOffscreenView(view, kDiagramSize);

    QTextDocument& doc = out.doc;
    QFont font = doc.defaultFont();
    font.setPointSize(11);
    doc.setDefaultFont(font);
    QTextCursor cursor(&doc);
    QTextCharFormat titleFormat;
    titleFormat.setFontPointSize(20);
    titleFormat.setFontWeight(QFont::Bold);
    cursor.setCharFormat(titleFormat);
    cursor.insertText(QString::fromStdString(lesson.title), titleFormat);
    plain(cursor,
          tr("%1 · %2 · about %3")
              .arg(QString::fromStdString(lesson.topic),
                   QString::fromUtf8(core::difficultyName(lesson.difficulty)),
                   countText(lesson.minutes, tr("%1 minute"), tr("%1 minutes"))),
          true);
    markdown(cursor, lesson.summary);

    const std::size_t steps = lesson.steps.size();
    for (std::size_t i = 1; i <= steps; ++i) {
        const core::Step& step = lesson.steps[i - 1];
        controller.goToStepEnd(i);
        applyStepEmphasis(*view.graph(), &step);
        view.setView(controller.timeline()->model().view(controller.displayTime()));
        heading(cursor,
                tr("Step %1 of %2: %3").arg(i).arg(steps).arg(QString::fromStdString(step.title)),
                15, i > 1);
        markdown(cursor, step.narration);
        const QString time = timeWords(controller.displayTime());
        ExportOptions picture;
        picture.caption = tr("The scene at the end of step %1, t = %2").arg(i).arg(time);
        diagram(cursor, out.pictures, scenePicture(view), picture);
    }
    if (!lesson.cards.empty()) out.cards = cards(cursor, lesson);
    return {};
}

// The whole page in 1/96 inch; the document keeps its own margins, the writer none.
QSizeF pageSizeFor(const HandoutOptions& options) {
    return QPageSize(options.pageSize).size(QPageSize::Point) * (kDocumentDpi / 72.0);
}

}  // namespace

core::Result<QByteArray> renderHandout(const core::Lesson& lesson,
                                       const core::TopicRegistry& registry,
                                       const HandoutOptions& options) {
    HandoutDocument handout;
    if (core::Status s = build(handout, lesson, registry); !s) return s.error();
    paginate(handout.doc, handout.cards, pageSizeFor(options));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(options.pageSize));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(300);
        writer.setCreator(QStringLiteral("Splitbrain"));
        writer.setTitle(QString::fromStdString(lesson.title));
        printPages(handout.doc, writer);
    }
    return buffer.data();
}

core::Result<std::vector<CardPages>> handoutCardPages(const core::Lesson& lesson,
                                                      const core::TopicRegistry& registry,
                                                      const HandoutOptions& options) {
    HandoutDocument handout;
    if (core::Status s = build(handout, lesson, registry); !s) return s.error();
    const QSizeF page = pageSizeFor(options);
    paginate(handout.doc, handout.cards, page);
    std::vector<CardPages> out;
    for (const CardBlocks& card : handout.cards) {
        const auto [first, last] = pagesOf(handout.doc, card.whole);
        out.push_back({first + 1, last + 1, heightOf(handout.doc, card.whole) <= page.height() - 2 * kPageMargin});
    }
    return out;
}

core::Status writeHandout(const core::Lesson& lesson, const core::TopicRegistry& registry,
                          const QString& path, const HandoutOptions& options) {
    auto pdf = renderHandout(lesson, registry, options);
    if (!pdf) return pdf.error();
    return writeFileAtomically(path, pdf.value());
}

int pdfPageCount(const QByteArray& pdf) {
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    int pages = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next()) ++pages;
    return pages;
}

}  // namespace sb::widgets
