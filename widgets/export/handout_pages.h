#pragma once

#include <QSizeF>
#include <utility>
#include <vector>

class QPdfWriter;
class QTextDocument;

namespace sb::widgets {

// Page layout of a handout: what must not be split across pages, and printing page by page.
inline constexpr double kDocumentDpi = 96.0;  // a document pixel is 1/96 inch
inline constexpr double kPageMargin = 2 / 2.54 * kDocumentDpi;  // 2 cm, as QTextDocument::print uses

// A stretch of blocks that belongs on one page (a card, or a part of a card too tall for one).
struct Keep {
    int first = 0;
    int last = 0;
};
struct CardBlocks {
    Keep whole;
    std::vector<Keep> parts;  // question and answer; the points; each follow-up
};

// The first and last page (0-based) a stretch of blocks lies on, and its height.
std::pair<int, int> pagesOf(const QTextDocument& doc, const Keep& keep);
double heightOf(const QTextDocument& doc, const Keep& keep);

// Lays the document out on `page` (1/96 inch units) and moves what would straddle a page
// break to the next page: a whole card when it fits on a page, else each of its parts.
void paginate(QTextDocument& doc, const std::vector<CardBlocks>& cards, QSizeF page);

// Prints the paginated document page by page (as QTextDocument::print does for a paginated
// document), with the page number in the bottom margin.
void printPages(const QTextDocument& doc, QPdfWriter& writer);

}  // namespace sb::widgets
