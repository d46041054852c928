// The saga broken on purpose, so tests can show that the invariants catch the mistake
// (issue 17). Not a parameter: nothing a learner can reach switches it on.
#include "topics/saga/saga_model.h"

namespace sb::core::saga {

std::vector<std::string> SagaModel::brokenVariants() const { return {"compensates_forward"}; }

Status SagaModel::breakOnPurpose(const std::string& variant) {
    if (variant == "compensates_forward") m_compensatesForward = true;
    else return makeError("topic saga has no broken variant '" + variant + "'");
    return {};
}

}  // namespace sb::core::saga
