// Replication broken on purpose, so tests can show that the invariants catch the mistake
// (issue 17). Not a parameter: nothing a learner can reach switches it on.
#include "topics/replication/replication_model.h"

namespace sb::core::replication {

std::vector<std::string> ReplicationModel::brokenVariants() const { return {"applies_out_of_order"}; }

Status ReplicationModel::breakOnPurpose(const std::string& variant) {
    if (variant == "applies_out_of_order") m_appliesOnArrival = true;
    else return makeError("topic replication has no broken variant '" + variant + "'");
    return {};
}

}  // namespace sb::core::replication
