// `splitbrain-sim verify TRACE.jsonl [--topic T]`: checks a trace with the independent checker in
// core/verify, which reads only the documented trace format and links no topic model.
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.h"
#include "cli/cli_commands.h"
#include "verify/verify.h"

namespace sb::app {

int cmdVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string path, topic;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--topic") {
            if (i + 1 >= args.size()) return err << "splitbrain-sim: --topic: needs a topic id\n", kExitBadInput;
            topic = args[++i];
        } else if (!a.empty() && a[0] != '-' && path.empty()) {
            path = a;
        } else {
            return err << "splitbrain-sim: verify: unexpected argument '" << a << "'\n", kExitBadInput;
        }
    }
    if (path.empty()) return err << "splitbrain-sim: verify needs a trace file\n", kExitBadInput;
    std::ifstream file(path, std::ios::binary);
    if (!file) return err << "splitbrain-sim: " << path << ": cannot open file\n", kExitBadInput;
    auto trace = core::verify::readTrace(file, path);
    if (!trace) return err << "splitbrain-sim: " << trace.error().text() << "\n", kExitBadInput;
    const core::verify::Report r = core::verify::verifyTrace(trace.value(), topic);
    nlohmann::ordered_json j;
    j["topic"] = r.topic;
    j["events"] = r.events;
    j["verdict"] = core::verify::verdictName(r.overall());
    nlohmann::ordered_json props = nlohmann::ordered_json::array();
    for (const auto& f : r.findings) {
        nlohmann::ordered_json p;
        p["property"] = f.property;
        p["verdict"] = core::verify::verdictName(f.verdict);
        p["detail"] = f.detail;
        if (f.event >= 0) p["event"] = f.event;
        props.push_back(p);
    }
    j["properties"] = props;
    out << j.dump(2) << "\n";
    switch (r.overall()) {
        case core::verify::Verdict::Ok: return kExitOk;
        case core::verify::Verdict::Violated: return kExitViolation;
        case core::verify::Verdict::Unknown: return kExitUnknown;
    }
    return kExitUnknown;
}

}  // namespace sb::app
