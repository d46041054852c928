#include "sim/run_budget.h"

namespace sb::core {

std::string groupedNumber(std::int64_t n) {
    const bool negative = n < 0;
    const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(n + 1)) + 1 : static_cast<std::uint64_t>(n);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

}  // namespace sb::core
