// docs/formats.md documents every event kind each topic writes, with its fields, and every
// message kind with the fields its send event carries. Checked over each topic's lessons (run to
// their end) and over faulty random runs, so a new event, message or field cannot go undocumented.
#include <fstream>
#include <map>
#include <set>

#include "lesson/lesson_catalog.h"
#include "lesson/lesson_check.h"
#include "verify_util.h"

namespace {

using Table = std::map<std::string, std::set<std::string>>;  // kind -> documented fields

// Every `name` in a table cell: "`hit`, `miss`, `stale`".
std::vector<std::string> names(const std::string& cell) {
    std::vector<std::string> out;
    for (auto open = cell.find('`'); open != std::string::npos; open = cell.find('`', open + 1)) {
        const auto close = cell.find('`', open + 1);
        if (close == std::string::npos) break;
        out.push_back(cell.substr(open + 1, close - open - 1));
        open = close;
    }
    return out;
}

// The rows "| `kind`, ... | `field`, ... | meaning |" under the heading "### <heading>", up to
// the next heading.
Table documented(const std::string& heading) {
    std::ifstream in(SPLITBRAIN_SOURCE_DIR "/docs/formats.md");
    REQUIRE(in.good());
    Table table;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#", 0) == 0) inside = line == "### " + heading;
        if (!inside || line.rfind("| `", 0) != 0) continue;
        const auto second = line.find('|', 1);
        const auto third = line.find('|', second + 1);
        const auto fields = names(line.substr(second + 1, third - second - 1));
        for (const std::string& kind : names(line.substr(1, second - 1))) table[kind].insert(fields.begin(), fields.end());
    }
    return table;
}

// Everything a topic wrote: kind -> fields seen, and message kind -> fields seen.
struct Seen {
    Table events, messages;
    void add(const Event& e) {
        const bool send = e.is("send");
        auto& fields = send ? messages[e.detail] : events[e.kind];
        for (std::uint8_t i = 0; i < e.fieldCount; ++i) {
            const std::string key = e.fields[i].key;
            if (send && (key == "deliver_us" || key == "duplicate")) continue;
            fields.insert(key);
        }
    }
};

Seen emittedBy(const std::string& topic) {
    Seen seen;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        auto sim = Simulation::create(registry(), faulty(topic, seed));
        REQUIRE(sim.ok());
        while (auto next = sim.value().nextTime()) {
            if (*next > fromMs(4000)) break;
            auto e = sim.value().step();
            if (!e) break;
            seen.add(*e);
        }
    }
    static const LessonCatalog catalog = [] {
        LessonCatalog c(registry());
        c.load(SPLITBRAIN_SOURCE_DIR "/lessons");
        return c;
    }();
    for (const Lesson* lesson : catalog.lessons()) {
        if (lesson->topic != topic) continue;
        auto run = LessonRun::start(*lesson, registry());
        REQUIRE(run.ok());
        REQUIRE(run.value().runToEndOfStep(lesson->steps.size()).ok());
        for (const Event& e : run.value().timeline().trace()) seen.add(e);
    }
    return seen;
}

}  // namespace

TEST_CASE("every event and message kind a topic emits is documented in docs/formats.md, with its fields",
          "[verify][docs]") {
    const Table common = documented("Events: every topic");
    for (const std::string& id : registry().ids()) {
        INFO("topic " << id << ": see \"### Events: " << id << "\" and \"### Messages: " << id << "\" in docs/formats.md");
        const Table events = documented("Events: " + id);
        const Table messages = documented("Messages: " + id);
        CHECK_FALSE(events.empty());
        const Seen seen = emittedBy(id);
        for (const auto& [kind, fields] : seen.events) {
            INFO("event kind " << kind);
            const bool shared = common.count(kind) == 1;
            CHECK((shared || events.count(kind) == 1));
            if (!shared && events.count(kind) == 0) continue;
            if (kind == "action") continue;  // an action's fields are its arguments, listed per topic
            const std::set<std::string>& listed = shared ? common.at(kind) : events.at(kind);
            for (const std::string& f : fields) {
                INFO("field " << f);
                CHECK(listed.count(f) == 1);
            }
        }
        for (const auto& [kind, fields] : seen.messages) {
            INFO("message kind " << kind);
            CHECK(messages.count(kind) == 1);
            if (messages.count(kind) == 0) continue;
            for (const std::string& f : fields) {
                INFO("field " << f);
                CHECK(messages.at(kind).count(f) == 1);
            }
        }
        // What the topic declares it may write (run-until conditions name these), seen or not.
        auto sim = Simulation::create(registry(), faulty(id, 1));
        REQUIRE(sim.ok());
        for (const std::string& kind : sim.value().model().info().eventKinds) {
            INFO("declared event kind " << kind);
            CHECK((common.count(kind) == 1 || events.count(kind) == 1));
        }
        // Listed but never seen is fine (a rare path); seen but not listed is what fails.
        WARN(id << ": " << seen.events.size() << " event kinds, " << seen.messages.size() << " message kinds seen");
    }
}

