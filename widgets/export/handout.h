#pragma once

#include <QByteArray>
#include <QPageSize>
#include <QString>
#include <vector>

#include "sim/registry.h"
#include "sim/result.h"

namespace sb::core {
struct Lesson;
}

namespace sb::widgets {

struct HandoutOptions {
    QPageSize::PageSizeId pageSize = QPageSize::A4;  // A4 or Letter
};

// A printable PDF of a whole lesson: its title and summary, then each step (title, narration,
// and the scene at the end of that step, each step on a new page), then its Q&A cards, each
// kept on one page when it fits on one. The
// lesson is run from its start on a private controller, so the caller's run is left alone.
core::Result<QByteArray> renderHandout(const core::Lesson& lesson,
                                       const core::TopicRegistry& registry,
                                       const HandoutOptions& options = {});
// Where each Q&A card of a handout lands: its first and last page (1-based), and whether it is
// short enough for one page (a card that is not is kept whole part by part instead).
struct CardPages {
    int first = 0;
    int last = 0;
    bool fitsAPage = true;
};
core::Result<std::vector<CardPages>> handoutCardPages(const core::Lesson& lesson,
                                                      const core::TopicRegistry& registry,
                                                      const HandoutOptions& options = {});
core::Status writeHandout(const core::Lesson& lesson, const core::TopicRegistry& registry,
                          const QString& path, const HandoutOptions& options = {});
// Pages in a PDF Qt wrote (its page objects), for tests and the command line's report.
int pdfPageCount(const QByteArray& pdf);

}  // namespace sb::widgets
