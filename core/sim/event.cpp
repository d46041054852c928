#include "sim/event.h"

#include <string_view>

namespace sb::core {

bool operator==(const Event& a, const Event& b) {
    if (a.time != b.time || a.node != b.node || a.peer != b.peer || a.msg != b.msg) return false;
    if (std::string_view(a.kind) != b.kind || std::string_view(a.detail) != b.detail) return false;
    if (a.fieldCount != b.fieldCount) return false;
    for (std::uint8_t i = 0; i < a.fieldCount; ++i) {
        if (std::string_view(a.fields[i].key) != b.fields[i].key) return false;
        if (a.fields[i].value != b.fields[i].value) return false;
    }
    return true;
}

}  // namespace sb::core
