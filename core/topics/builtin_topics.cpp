// The explicit list of shipped topics (no static self-registration: static libraries drop
// unreferenced objects). Adding a topic adds one line here and one in lessons/manifest.json; the
// generic scene draws every topic, and a topic's own panels (widgets/topics/<topic>/) are docked
// by the main window.
#include "sim/explore.h"
#include "sim/registry.h"
#include "topics/cap/cap_model.h"
#include "topics/hashring/hashring_model.h"
#include "topics/ping/ping_model.h"
#include "topics/raft/raft_model.h"
#include "topics/saga/saga_model.h"

namespace sb::core {

void registerBuiltinTopics(TopicRegistry& registry) {
    registry.add(ping::PingModel::topicInfo(), [] { return std::make_unique<ping::PingModel>(); });
    registry.add(raft::RaftModel::topicInfo(), [] { return std::make_unique<raft::RaftModel>(); });
    registry.add(hashring::HashringModel::topicInfo(), [] { return std::make_unique<hashring::HashringModel>(); });
    registry.add(cap::CapModel::topicInfo(), [] { return std::make_unique<cap::CapModel>(); });
    registry.add(saga::SagaModel::topicInfo(), [] { return std::make_unique<saga::SagaModel>(); });
}

std::vector<ExploreSupport> builtinExploreSupport() {
    return {
        saga::SagaModel::exploreSupport(),
    };
}

}  // namespace sb::core
