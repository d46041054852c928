// The cache broken on purpose, so tests can show that the invariants catch the mistake
// (issue 17). Not a parameter: nothing a learner can reach switches it on.
#include "topics/cache/cache_model.h"

namespace sb::core::cache {

std::vector<std::string> CacheModel::brokenVariants() const { return {"lock_two_holders"}; }

Status CacheModel::breakOnPurpose(const std::string& variant) {
    if (variant == "lock_two_holders") m_lockIgnoresHolder = true;
    else return makeError("topic cache has no broken variant '" + variant + "'");
    return {};
}

}  // namespace sb::core::cache
