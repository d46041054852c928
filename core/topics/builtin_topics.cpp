// The explicit list of shipped topics. Adding a topic adds one line here (and one in the widgets
// renderer registry and the lesson manifest).
#include "sim/registry.h"
#include "topics/ping/ping_model.h"
#ifdef SPLITBRAIN_HAS_TOPIC_RAFT
#include "topics/raft/raft_model.h"
#endif
#ifdef SPLITBRAIN_HAS_TOPIC_HASHRING
#include "topics/hashring/hashring_model.h"
#endif
#ifdef SPLITBRAIN_HAS_TOPIC_CAP
#include "topics/cap/cap_model.h"
#endif

namespace sb::core {

void registerBuiltinTopics(TopicRegistry& registry) {
    registry.add(ping::PingModel::topicInfo(), [] { return std::make_unique<ping::PingModel>(); });
#ifdef SPLITBRAIN_HAS_TOPIC_RAFT
    registry.add(raft::RaftModel::topicInfo(), [] { return std::make_unique<raft::RaftModel>(); });
#endif
#ifdef SPLITBRAIN_HAS_TOPIC_HASHRING
    registry.add(hashring::HashringModel::topicInfo(), [] { return std::make_unique<hashring::HashringModel>(); });
#endif
#ifdef SPLITBRAIN_HAS_TOPIC_CAP
    registry.add(cap::CapModel::topicInfo(), [] { return std::make_unique<cap::CapModel>(); });
#endif
}

}  // namespace sb::core
