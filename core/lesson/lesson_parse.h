#pragma once

// Private to the lesson library: turning a schema-valid document into a Lesson while checking
// what a schema cannot (the topic, nodes, probes, event kinds, step references, ids).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lesson/lesson.h"
#include "sim/registry.h"

namespace sb::core::lesson_detail {

// Collects errors located by JSON pointer within one file.
class Problems {
public:
    Problems(std::string file, std::vector<Error>& out, std::size_t limit)
        : m_file(std::move(file)), m_out(&out), m_limit(limit) {}

    void add(const std::string& message, const std::string& pointer);
    // Adds an error produced by core (its `where` is a JSON pointer).
    void add(const Error& error);
    bool any() const { return !m_out->empty(); }
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
    std::vector<Error>* m_out;
    std::size_t m_limit;
};

// What semantic checks compare against: the topic and the nodes of the lesson's scenario.
struct TopicContext {
    const TopicInfo* info = nullptr;   // null when the topic is unknown
    std::vector<std::string> nodes;    // empty when the scenario did not load
    bool nodesKnown = false;
};

// A member of a JSON object, or null. Goes through std::map directly: GCC's -O2
// -Wnull-dereference misfires on nlohmann iterators dereferenced in our code.
inline const nlohmann::json* jsonField(const nlohmann::json& j, const std::string& key) {
    if (!j.is_object()) return nullptr;
    const auto& object = j.get_ref<const nlohmann::json::object_t&>();
    auto it = object.find(key);
    return it == object.end() ? nullptr : &it->second;
}

// "step 2" or "quiz item 1" for a pointer under /steps/1 or /quiz/0, for messages.
std::string partName(const std::string& pointer);
// Refuses a maxEvents above the lesson budget (sim/run_budget.h).
void checkMaxEvents(std::size_t maxEvents, const std::string& pointer, Problems& problems);

Lesson parseLesson(const nlohmann::json& doc, const TopicRegistry& registry, Problems& problems);

// Pieces, used by parseLesson (lesson_parse.cpp) and the checks (lesson_semantics.cpp).
std::vector<Action> parseActions(const nlohmann::json& list, const std::string& pointer,
                                 const TopicContext& ctx, Problems& problems);
Claim parseClaim(const nlohmann::json& j, const std::string& pointer, const TopicContext& ctx,
                 Problems& problems);
UntilCondition parseUntil(const nlohmann::json& j, const std::string& pointer,
                          const TopicContext& ctx, Problems& problems);
ProbeRef parseProbeRef(const nlohmann::json& j, const std::string& pointer,
                       const TopicContext& ctx, Problems& problems);
void checkNode(const std::string& node, const std::string& pointer, const TopicContext& ctx,
               Problems& problems);

}  // namespace sb::core::lesson_detail
