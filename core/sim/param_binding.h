#pragma once

#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/params.h"
#include "sim/result.h"
#include "sim/time.h"

namespace sb::core {

// A topic's parameters, each declared once (name, unit, range, default, one line) and bound to
// the field of the topic's config that holds it. reset() loads every one through here and the
// "set" action changes one through here, so a name is written once, a value is range-checked
// the same way on both paths, and no lookup can throw.
//
//     ParamBinding<Config> b;
//     b.integer("nodes", "nodes", 2, 9, 4, "How many nodes", &Config::nodes)
//      .millis("heartbeat_ms", 10, 1000, 100, "Time between heartbeats", &Config::heartbeat)
//      .real("loss", "", 0, 0.9, 0, "Probability that a message is lost", &Config::loss).live();
//
// `live()` marks the parameter declared just before it as one a run may change with "set".
template <class Config>
class ParamBinding {
public:
    using Store = std::function<void(Config&, double)>;

    // Fields may belong to a base of Config (ClusterConfig's nodes and link).
    template <class T, class C>
    ParamBinding& integer(std::string name, std::string unit, double min, double max, double def,
                          std::string description, T C::*field) {
        static_assert(std::is_base_of_v<C, Config>);
        static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "integer() binds a whole-number field");
        return add({std::move(name), ParamType::Int, std::move(unit), min, max, def, std::move(description), {}},
                   [field](Config& c, double v) { c.*field = static_cast<T>(v); });
    }
    // Whole milliseconds stored as simulated Time.
    template <class C>
    ParamBinding& millis(std::string name, double min, double max, double def, std::string description,
                         Time C::*field) {
        static_assert(std::is_base_of_v<C, Config>);
        return add({std::move(name), ParamType::Int, "ms", min, max, def, std::move(description), {}},
                   [field](Config& c, double v) { c.*field = fromMs(static_cast<std::int64_t>(v)); });
    }
    template <class C>
    ParamBinding& real(std::string name, std::string unit, double min, double max, double def,
                       std::string description, double C::*field) {
        static_assert(std::is_base_of_v<C, Config>);
        return add({std::move(name), ParamType::Real, std::move(unit), min, max, def, std::move(description), {}},
                   [field](Config& c, double v) { c.*field = v; });
    }
    template <class C>
    ParamBinding& flag(std::string name, bool def, std::string description, bool C::*field) {
        static_assert(std::is_base_of_v<C, Config>);
        return add({std::move(name), ParamType::Bool, "", 0, 1, def ? 1.0 : 0.0, std::move(description), {}},
                   [field](Config& c, double v) { c.*field = v != 0; });
    }
    // The value is the index into `choices`; E is an enum (or integer) whose values follow them.
    template <class E, class C>
    ParamBinding& choice(std::string name, std::vector<std::string> choices, double def,
                         std::string description, E C::*field) {
        static_assert(std::is_base_of_v<C, Config>);
        const auto last = static_cast<double>(choices.size()) - 1;
        return add({std::move(name), ParamType::Choice, "", 0, last, def, std::move(description), std::move(choices)},
                   [field](Config& c, double v) { c.*field = static_cast<E>(static_cast<int>(v)); });
    }
    // A parameter stored some other way (a computed field, several fields at once).
    ParamBinding& custom(ParamSpec spec, Store store) { return add(std::move(spec), std::move(store)); }
    ParamBinding& live() {
        if (!m_params.empty()) m_params.back().live = true;
        return *this;
    }

    ParamSet paramSet() const {
        std::vector<ParamSpec> specs;
        for (const Bound& b : m_params) specs.push_back(b.spec);
        return ParamSet(std::move(specs));
    }
    bool isLive(const std::string& name) const {
        const Bound* b = find(name);
        return b && b->live;
    }

    // Fills every bound field: the given value, or the default where none is given. Refuses
    // unknown names and values out of range, so a caller that skipped ParamSet::complete() gets
    // an error, not a half-set config.
    Status load(const ParamValues& values, Config& config) const {
        const ParamSet set = paramSet();
        for (const auto& [name, value] : values)
            if (Status s = set.check(name, value); !s) return s;
        for (const Bound& b : m_params) {
            const auto it = values.find(b.spec.name);
            b.store(config, it == values.end() ? b.spec.defaultValue : it->second);
        }
        return {};
    }
    // The "set" action: the parameter must be declared live and the value in range.
    Status set(const std::string& name, double value, Config& config) const {
        const Bound* b = find(name);
        if (!b) return makeError("unknown parameter '" + name + "'", "/param");
        if (!b->live) return makeError("parameter '" + name + "' cannot change during a run", "/param");
        if (Status s = ParamSet({b->spec}).check(name, value); !s) return makeError(s.error().message, "/value");
        b->store(config, value);
        return {};
    }

private:
    struct Bound {
        ParamSpec spec;
        Store store;
        bool live = false;
    };

    ParamBinding& add(ParamSpec spec, Store store) {
        m_params.push_back(Bound{std::move(spec), std::move(store), false});
        return *this;
    }
    const Bound* find(const std::string& name) const {
        for (const Bound& b : m_params)
            if (b.spec.name == name) return &b;
        return nullptr;
    }

    std::vector<Bound> m_params;
};

}  // namespace sb::core
