// CP broken on purpose, one rule at a time, so tests can show that the invariants catch each
// mistake (issue 17). Not parameters: nothing a learner can reach switches these on.
#include "topics/cap/cap_model.h"

namespace sb::core::cap {

std::vector<std::string> CapModel::brokenVariants() const { return {"acks_before_majority", "reads_one_replica"}; }

Status CapModel::breakOnPurpose(const std::string& variant) {
    if (variant == "acks_before_majority") m_broken.acksBeforeMajority = true;
    else if (variant == "reads_one_replica") m_broken.readsOneReplica = true;
    else return makeError("topic cap has no broken variant '" + variant + "'");
    return {};
}

}  // namespace sb::core::cap
