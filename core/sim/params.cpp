#include "sim/params.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace sb::core {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

const char* paramTypeName(ParamType type) {
    switch (type) {
        case ParamType::Int: return "int";
        case ParamType::Real: return "real";
        case ParamType::Bool: return "bool";
        case ParamType::Choice: return "choice";
    }
    return "?";
}

const ParamSpec* ParamSet::find(const std::string& name) const {
    for (const auto& spec : m_specs)
        if (spec.name == name) return &spec;
    return nullptr;
}

ParamValues ParamSet::defaults() const {
    ParamValues values;
    for (const auto& spec : m_specs) values[spec.name] = spec.defaultValue;
    return values;
}

Status ParamSet::check(const std::string& name, double value) const {
    const ParamSpec* spec = find(name);
    if (!spec) return makeError("unknown parameter '" + name + "'", name);
    if (!std::isfinite(value)) return makeError("value must be a finite number", name);
    if (spec->type == ParamType::Int || spec->type == ParamType::Choice ||
        spec->type == ParamType::Bool) {
        if (value != std::floor(value))
            return makeError("expected a whole number, got " + number(value), name);
    }
    if (spec->type == ParamType::Choice) {
        if (value < 0 || value >= static_cast<double>(spec->choices.size()))
            return makeError("choice index out of range", name);
        return {};
    }
    if (spec->type == ParamType::Bool) {
        if (value != 0 && value != 1) return makeError("expected true or false", name);
        return {};
    }
    if (value < spec->min || value > spec->max) {
        return makeError("value " + number(value) + " is out of range [" + number(spec->min) +
                             ", " + number(spec->max) + "]" +
                             (spec->unit.empty() ? "" : " " + spec->unit),
                         name);
    }
    return {};
}

Result<double> ParamSet::parse(const std::string& name, const std::string& text) const {
    const ParamSpec* spec = find(name);
    if (!spec) return makeError("unknown parameter '" + name + "'", name);
    double value = 0;
    if (spec->type == ParamType::Bool) {
        if (text == "true" || text == "1" || text == "on") value = 1;
        else if (text == "false" || text == "0" || text == "off") value = 0;
        else return makeError("expected true or false, got '" + text + "'", name);
    } else if (spec->type == ParamType::Choice) {
        bool found = false;
        for (std::size_t i = 0; i < spec->choices.size(); ++i) {
            if (spec->choices[i] == text) {
                value = static_cast<double>(i);
                found = true;
            }
        }
        if (!found) {
            std::string list;
            for (const auto& c : spec->choices) list += (list.empty() ? "" : ", ") + c;
            return makeError("expected one of " + list + ", got '" + text + "'", name);
        }
    } else {
        const char* begin = text.data();
        const char* end = begin + text.size();
        auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || ptr != end || text.empty())
            return makeError("expected a number, got '" + text + "'", name);
    }
    if (Status s = check(name, value); !s) return s.error();
    return value;
}

Result<ParamValues> ParamSet::complete(const ParamValues& given) const {
    ParamValues values = defaults();
    for (const auto& [name, value] : given) {
        if (Status s = check(name, value); !s) return s.error();
        values[name] = value;
    }
    return values;
}

}  // namespace sb::core
