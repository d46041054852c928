// The topics that offer a state space to `splitbrain-sim explore` (sim/explore.h): one line per
// topic, explicit for the same reason as registerBuiltinTopics().
#include "sim/explore.h"
#include "topics/saga/saga_model.h"

namespace sb::core {

std::vector<ExploreSupport> builtinExploreSupport() {
    return {
        saga::SagaModel::exploreSupport(),
    };
}

}  // namespace sb::core
