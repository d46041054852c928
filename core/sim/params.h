#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/result.h"

namespace sb::core {

enum class ParamType { Int, Real, Bool, Choice };

// What a topic exposes as a tunable: one generic panel edits them all, the CLI lists them, and
// the loaders range-check them, so no topic writes its own parameter UI or validation.
struct ParamSpec {
    std::string name;         // "election_timeout_min_ms"
    ParamType type = ParamType::Int;
    std::string unit;         // "ms", "nodes", "" ...
    double min = 0;
    double max = 0;
    double defaultValue = 0;
    std::string description;  // one line for tooltips and `splitbrain-sim topics`
    std::vector<std::string> choices;  // for Choice: the value is the index into this list
};

// Parameter values by name. Choices are stored as their index; the JSON forms accept the name.
using ParamValues = std::map<std::string, double>;

class ParamSet {
public:
    explicit ParamSet(std::vector<ParamSpec> specs = {}) : m_specs(std::move(specs)) {}

    const std::vector<ParamSpec>& specs() const { return m_specs; }
    const ParamSpec* find(const std::string& name) const;
    ParamValues defaults() const;

    // Checks one override (name known, type and range right) and returns the stored number.
    // `text` is what the user wrote, e.g. "7", "0.25", "true", "AP".
    Result<double> parse(const std::string& name, const std::string& text) const;
    Status check(const std::string& name, double value) const;
    // Fills in defaults for missing names and checks every present one.
    Result<ParamValues> complete(const ParamValues& given) const;

private:
    std::vector<ParamSpec> m_specs;
};

const char* paramTypeName(ParamType type);

}  // namespace sb::core
