#pragma once

#include "sim/time.h"

#include <QCoreApplication>
#include <QString>

#include <cmath>

namespace sb::widgets {

// A time as people read it on screen: whole milliseconds ("2425 ms"), one decimal under 10 ms
// ("2.5 ms"). The event list, the inspector and the CLI keep core::formatMs's microseconds.
inline QString timeWords(core::Time t) {
    const double ms = static_cast<double>(t) / static_cast<double>(core::kMillisecond);
    const QString unit = QCoreApplication::translate("sb::widgets", "%1 ms");
    if (std::abs(ms) < 10 && t % core::kMillisecond != 0) return unit.arg(ms, 0, 'f', 1);
    return unit.arg(std::llround(ms));
}

}  // namespace sb::widgets
