#pragma once

#include <QString>

namespace sb::widgets {

// "1 step", "3 steps". Qt's "%n item(s)" plural forms only work once a translation is loaded, so
// without one the screen would show "(s)"; each call passes both English forms through tr().
inline QString countText(qsizetype n, const QString& one, const QString& many) {
    return (n == 1 ? one : many).arg(n);
}

}  // namespace sb::widgets
