#pragma once

#include <QString>
#include <vector>

namespace sb::widgets {

// The terms the lessons lean on, each explained in a sentence or two (this project's own words).
// Help > Glossary lists them; the lesson pane links the first mention of each in a narration.
struct GlossaryTerm {
    QString word;     // "Quorum", "Availability (CAP)"
    QString forms;    // what a narration may say, lower case, '|'-separated: "quorum|quorums"
    QString meaning;
};

const std::vector<GlossaryTerm>& glossaryTerms();
const GlossaryTerm* findGlossaryTerm(const QString& word);
// The narration with the first mention of each term turned into a "glossary:<word>" link, so a
// click explains it. Code spans, existing links and headings are left alone.
QString linkGlossaryTerms(const QString& markdown);

}  // namespace sb::widgets
