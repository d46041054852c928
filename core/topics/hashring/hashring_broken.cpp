// The hash ring broken on purpose, one rule at a time, so tests can show that the invariants
// catch each mistake (issue 17). Not parameters: nothing a learner can reach switches these on.
#include "topics/hashring/hashring_model.h"

namespace sb::core::hashring {

std::vector<std::string> HashringModel::brokenVariants() const {
    return {"join_moves_old_keys", "lookup_skips_vnode"};
}

Status HashringModel::breakOnPurpose(const std::string& variant) {
    Placement::Broken broken;
    if (variant == "join_moves_old_keys") broken.joinRehashesAll = true;
    else if (variant == "lookup_skips_vnode") broken.lookupSkipsVnode = true;
    else return makeError("topic hashring has no broken variant '" + variant + "'");
    m_place.breakOnPurpose(broken);  // takes effect at the next change of membership or lookup
    return {};
}

}  // namespace sb::core::hashring
