#pragma once

#include <QString>

class QApplication;
class QPalette;

namespace sb::widgets {

// System follows the desktop palette; Light and Dark override it (View > Theme).
enum class Theme { System, Light, Dark };

Theme themeFromString(const QString& name);
QString themeToString(Theme theme);
// Applies the palette to the whole application. The first call remembers the system palette so
// that switching back to System restores it.
void applyTheme(QApplication& app, Theme theme);
// The light palette, also used for anything meant for paper (handouts).
QPalette lightPalette();
QPalette darkPalette();

}  // namespace sb::widgets
