// Walking the lesson schema alongside a document, to tell an author what a field should hold.
#include "lesson/lesson_parse.h"
#include "lesson/lesson_schema_check.h"

namespace sb::core::lesson_detail {

namespace {

const nlohmann::json* resolve(const nlohmann::json& schema, const nlohmann::json* node) {
    // Only local references ("#/definitions/x") occur in our schema; a few hops at most.
    for (int hops = 0; node && hops < 8; ++hops) {
        const nlohmann::json* ref = jsonField(*node, "$ref");
        if (!ref || !ref->is_string()) return node;
        const std::string target = ref->get<std::string>();
        if (target.rfind("#/", 0) != 0) return nullptr;
        const nlohmann::json::json_pointer pointer(target.substr(1));
        if (!schema.contains(pointer)) return nullptr;
        node = &schema.at(pointer);
    }
    return node;
}

// The `if` of our schema only tests constant properties (quiz item "type").
bool matchesIf(const nlohmann::json& cond, const nlohmann::json& value) {
    const nlohmann::json* props = jsonField(cond, "properties");
    if (!props || !props->is_object() || !value.is_object()) return false;
    for (const auto& [key, spec] : props->get_ref<const nlohmann::json::object_t&>()) {
        const nlohmann::json* c = jsonField(spec, "const");
        const nlohmann::json* v = jsonField(value, key);
        if (c && (!v || *v != *c)) return false;
    }
    return true;
}

// Chooses the branch of if/then/else or oneOf that the value is evidently aiming at.
const nlohmann::json* pick(const nlohmann::json& schema, const nlohmann::json* node,
                           const nlohmann::json* value) {
    node = resolve(schema, node);
    if (!node || !value) return node;
    if (const nlohmann::json* cond = jsonField(*node, "if")) {
        const char* branch = matchesIf(*cond, *value) ? "then" : "else";
        if (const nlohmann::json* b = jsonField(*node, branch)) return resolve(schema, b);
    }
    const nlohmann::json* one = jsonField(*node, "oneOf");
    if (one && one->is_array() && value->is_object()) {
        for (const auto& alt : *one) {
            const nlohmann::json* required = jsonField(alt, "required");
            if (!required || !required->is_array() || !jsonField(alt, "properties")) continue;
            bool all = true;
            for (const auto& name : *required) all = all && name.is_string() && value->contains(name.get<std::string>());
            if (all) return &alt;
        }
    }
    return node;
}

const nlohmann::json* childOf(const nlohmann::json& schema, const nlohmann::json* node,
                              const nlohmann::json* value, const std::string& seg) {
    if (!node) return nullptr;
    if (value && value->is_array()) {
        const nlohmann::json* items = jsonField(*node, "items");
        return items ? resolve(schema, items) : nullptr;
    }
    if (const nlohmann::json* props = jsonField(*node, "properties")) {
        if (const nlohmann::json* p = jsonField(*props, seg)) return resolve(schema, p);
    }
    const nlohmann::json* extra = jsonField(*node, "additionalProperties");
    if (extra && extra->is_object()) return resolve(schema, extra);
    return nullptr;
}

std::string typeWord(const std::string& t) {
    if (t == "string") return "a string";
    if (t == "integer") return "a whole number";
    if (t == "number") return "a number";
    if (t == "boolean") return "true or false";
    if (t == "array") return "a list";
    if (t == "object") return "an object";
    if (t == "null") return "null";
    return t;
}

std::string numberText(const nlohmann::json& v) {
    return v.is_number_float() ? v.dump() : std::to_string(v.get<std::int64_t>());
}

}  // namespace

const nlohmann::json* schemaNodeAt(const nlohmann::json& schema, const nlohmann::json& doc,
                                   const std::vector<std::string>& path) {
    const nlohmann::json* node = &schema;
    const nlohmann::json* value = &doc;
    for (const auto& seg : path) {
        node = pick(schema, node, value);
        node = childOf(schema, node, value, seg);
        if (!node) return nullptr;
        const nlohmann::json* next = nullptr;
        if (value && value->is_object()) next = jsonField(*value, seg);
        else if (value && value->is_array()) {
            std::size_t i = 0;
            bool digits = !seg.empty() && seg.size() < 10;
            for (char ch : seg) {
                digits = digits && ch >= '0' && ch <= '9';
                if (digits) i = i * 10 + static_cast<std::size_t>(ch - '0');
            }
            if (digits && i < value->size()) next = &(*value)[i];
        }
        value = next;
    }
    return pick(schema, node, value);
}

std::string expectedText(const nlohmann::json& schema, const nlohmann::json& start) {
    const nlohmann::json* node = resolve(schema, &start);
    if (!node || !node->is_object()) return {};
    if (const nlohmann::json* c = jsonField(*node, "const")) return "expected " + c->dump();
    if (const nlohmann::json* e = jsonField(*node, "enum")) {
        std::string s;
        for (const auto& v : *e) s += (s.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
        return "expected one of: " + s;
    }
    // A union of plain types is written as anyOf [{"type": ...}, ...] (ajv's strict mode refuses
    // type arrays); read both spellings.
    std::vector<std::string> types;
    if (const nlohmann::json* type = jsonField(*node, "type")) {
        if (type->is_string()) types.push_back(type->get<std::string>());
        for (std::size_t i = 0; type->is_array() && i < type->size(); ++i)
            if ((*type)[i].is_string()) types.push_back((*type)[i].get<std::string>());
    } else if (const nlohmann::json* any = jsonField(*node, "anyOf"); any && any->is_array()) {
        for (const auto& alt : *any)
            if (const nlohmann::json* t = jsonField(alt, "type"); t && t->is_string()) types.push_back(t->get<std::string>());
    }
    if (types.empty()) return {};
    std::string s;
    for (std::size_t i = 0; i < types.size(); ++i)
        s += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + typeWord(types[i]);
    const nlohmann::json* min = jsonField(*node, "minimum");
    const nlohmann::json* max = jsonField(*node, "maximum");
    if (min && max) s += " from " + numberText(*min) + " to " + numberText(*max);
    else if (min) s += " of at least " + numberText(*min);
    if (const nlohmann::json* p = jsonField(*node, "pattern")) s += " matching " + p->get<std::string>();
    const nlohmann::json* fewest = jsonField(*node, "minItems");
    const nlohmann::json* most = jsonField(*node, "maxItems");
    if (fewest && most) s += " of " + numberText(*fewest) + " to " + numberText(*most) + " items";
    else if (fewest) s += " of at least " + numberText(*fewest) + " items";
    else if (most) s += " of at most " + numberText(*most) + " items";
    if (const nlohmann::json* m = jsonField(*node, "minLength"); m && m->get<int>() > 0) s = "a non-empty string";
    if (const nlohmann::json* m = jsonField(*node, "maxLength")) s += " of at most " + numberText(*m) + " characters";
    return "expected " + s;
}

}  // namespace sb::core::lesson_detail
