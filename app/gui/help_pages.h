#pragma once

#include <QString>

class QWidget;

namespace sb::app {

// Help > Guide and Help > Glossary: short pages written for a first-time learner, shown in a
// non-modal window so they can stay open beside the lesson.
enum class HelpPage { Guide, Glossary };

QString helpPageTitle(HelpPage page);
QString helpPageHtml(HelpPage page);
void showHelpPage(QWidget* parent, HelpPage page);

}  // namespace sb::app
