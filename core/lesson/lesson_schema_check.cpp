#include "lesson/lesson_schema_check.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "lesson/lesson_loader.h"

namespace sb::core::lesson_detail {

namespace {

struct CompiledSchema {
    nlohmann::json doc;
    valijson::Schema schema;
    std::string error;  // set when the compiled-in schema itself is broken
};

const CompiledSchema& compiled() {
    static const CompiledSchema* instance = [] {
        auto* c = new CompiledSchema;  // never freed: lives as long as the program
        try {
            c->doc = nlohmann::json::parse(lessonSchemaText());
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
            valijson::adapters::NlohmannJsonAdapter adapter(c->doc);
            parser.populateSchema(adapter, c->schema);
        } catch (const std::exception& e) {
            c->error = std::string("the lesson schema compiled into Splitbrain is invalid: ") + e.what();
        }
        return c;
    }();
    return *instance;
}

std::string escapeToken(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch == '~') out += "~0";
        else if (ch == '/') out += "~1";
        else out += ch;
    }
    return out;
}

// valijson names a location as {"<root>", "[steps]", "[0]", ...}.
std::vector<std::string> pathOf(const std::vector<std::string>& context) {
    std::vector<std::string> path;
    for (const auto& c : context) {
        if (c == "<root>") continue;
        if (c.size() >= 2 && c.front() == '[' && c.back() == ']') path.push_back(c.substr(1, c.size() - 2));
        else path.push_back(c);
    }
    return path;
}

std::string pointerOf(const std::vector<std::string>& path) {
    std::string p;
    for (const auto& seg : path) p += "/" + escapeToken(seg);
    return p.empty() ? "/" : p;
}

const char* typeName(const nlohmann::json& v) {
    switch (v.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::boolean: return "true/false";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "a whole number";
        case nlohmann::json::value_t::number_float: return "a number";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::array: return "a list";
        case nlohmann::json::value_t::object: return "an object";
        default: return "something else";
    }
}

const nlohmann::json* valueAt(const nlohmann::json& doc, const std::vector<std::string>& path) {
    const nlohmann::json* v = &doc;
    for (const auto& seg : path) {
        if (v->is_object()) {
            auto it = v->find(seg);
            if (it == v->end()) return nullptr;
            v = &*it;
        } else if (v->is_array()) {
            std::size_t i = 0;
            for (char ch : seg) {
                if (ch < '0' || ch > '9') return nullptr;
                i = i * 10 + static_cast<std::size_t>(ch - '0');
                if (i > v->size()) return nullptr;
            }
            if (i >= v->size()) return nullptr;
            v = &(*v)[i];
        } else {
            return nullptr;
        }
    }
    return v;
}

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Messages valijson adds on the way back up from a nested failure: the nested one says it all.
bool isWrapper(const std::string& d) {
    return startsWith(d, "Failed to validate item #") ||
           startsWith(d, "Failed to validate against schema associated with property") ||
           startsWith(d, "Failed to validate against child schema") ||
           startsWith(d, "Failed to validate against the 'then'") ||
           startsWith(d, "Failed to validate against the 'else'") ||
           startsWith(d, "Failed to validate against schema associated with") ||
           startsWith(d, "Failed to validate additional property") ||
           startsWith(d, "Failed to validate against a conditional schema");
}

// A failed oneOf: none of the alternatives matched, or more than one did.
bool isOneOf(const std::string& d) {
    return d.find("oneOf") != std::string::npos || d.find("exactly one child schema") != std::string::npos;
}

std::string quoted(const std::string& d) {
    const auto a = d.find('\'');
    const auto b = a == std::string::npos ? a : d.find('\'', a + 1);
    return b == std::string::npos ? std::string() : d.substr(a + 1, b - a - 1);
}

std::string explain(const std::string& d, const nlohmann::json& doc, std::vector<std::string>& path) {
    const CompiledSchema& c = compiled();
    const nlohmann::json* node = schemaNodeAt(c.doc, doc, path);
    const nlohmann::json* value = valueAt(doc, path);
    const std::string expected = node ? expectedText(c.doc, *node) : std::string();
    std::string found;
    if (value && (value->is_primitive()))
        found = ", found " + (value->is_string() && value->get_ref<const std::string&>().size() > 40
                                  ? "a string of " + std::to_string(value->get_ref<const std::string&>().size()) + " bytes"
                                  : value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    else if (value && value->is_array())
        found = ", found a list of " + std::to_string(value->size()) + " items";
    else if (value)
        found = std::string(", found ") + typeName(*value);
    if (d.find("'type' constraint") != std::string::npos)
        return "wrong type: " + (expected.empty() ? std::string("unexpected value") : expected) + found;
    if (startsWith(d, "Missing required property"))
        return "missing required field \"" + quoted(d) + "\"";
    if (const auto at = d.find("constraints: '"); at != std::string::npos) {
        std::string name = d.substr(at + 14);
        if (const auto end = name.rfind('\''); end != std::string::npos) name.resize(end);
        path.push_back(name);
        return "unknown field \"" + path.back() + "\"";
    }
    if (isOneOf(d)) {
        std::string fields;
        for (auto it = value && value->is_object() ? value->begin() : doc.end(); value && value->is_object() && it != value->end(); ++it)
            fields += (fields.empty() ? "" : ", ") + it.key();
        const std::string has = fields.empty() ? std::string() : " (found: " + fields + ")";
        if (!path.empty() && path.back() == "until")
            return "expected exactly one form: event, time_ms, after_ms, events, probe (with one comparison) or idle" + has;
        return "expected exactly one comparison: equals, not_equals, at_least or at_most" + has;
    }
    if (!expected.empty()) return expected + found;
    return d;
}

// std::regex (used by valijson for "pattern") recurses per character and can exhaust the stack
// on a huge string; the patterned fields are short by nature, so refuse long ones first.
void guardPatterns(const nlohmann::json& v, const std::string& pointer, const std::string& file,
                   std::vector<Error>& errors) {
    constexpr std::size_t kMaxPatterned = 200;
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            guardPatterns(v[i], pointer + "/" + std::to_string(i), file, errors);
        return;
    }
    if (!v.is_object()) return;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string at = pointer + "/" + escapeToken(it.key());
        if ((it.key() == "id" || it.key() == "topic") && it->is_string() &&
            it->get_ref<const std::string&>().size() > kMaxPatterned) {
            std::string where = file + ':';
            where += at;
            errors.push_back(Error{"too long: expected at most " + std::to_string(kMaxPatterned) + " characters",
                                   std::move(where)});
        } else {
            guardPatterns(*it, at, file, errors);
        }
    }
}

}  // namespace

std::vector<Error> schemaErrors(const nlohmann::json& doc, const std::string& file) {
    const CompiledSchema& c = compiled();
    if (!c.error.empty()) return {Error{c.error, file}};
    std::vector<Error> guarded;
    guardPatterns(doc, "", file, guarded);
    if (!guarded.empty()) return guarded;
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    valijson::ValidationResults results;
    std::vector<Error> errors;
    try {
        validator.validate(c.schema, adapter, &results);
    } catch (const std::exception& e) {
        return {Error{std::string("cannot validate: ") + e.what(), file}};
    }
    std::vector<valijson::ValidationResults::Error> raw;
    std::vector<std::string> oneOfAt;  // a failed oneOf: its alternatives' own errors are noise
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
        if (isWrapper(e.description)) continue;
        if (isOneOf(e.description)) oneOfAt.push_back(pointerOf(pathOf(e.context)));
        raw.push_back(e);
    }
    for (const auto& r : raw) {
        auto path = pathOf(r.context);
        const std::string pointer = pointerOf(path);
        const bool oneOf = isOneOf(r.description);
        bool inside = false;
        for (const auto& p : oneOfAt)
            inside = inside || (!oneOf && (pointer == p || pointer.rfind(p + "/", 0) == 0));
        if (inside) continue;
        std::string message = explain(r.description, doc, path);
        Error error{std::move(message), file + ":" + pointerOf(path)};
        bool seen = false;
        for (const auto& other : errors) seen = seen || (other.where == error.where && other.message == error.message);
        if (!seen) errors.push_back(std::move(error));
    }
    return errors;
}

}  // namespace sb::core::lesson_detail
