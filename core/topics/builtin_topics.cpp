// The explicit list of shipped topics. Adding a topic adds one line here (and one in the widgets
// renderer registry and the lesson manifest).
#include "sim/registry.h"
#include "topics/ping/ping_model.h"

namespace sb::core {

void registerBuiltinTopics(TopicRegistry& registry) {
    registry.add(ping::PingModel::topicInfo(), [] { return std::make_unique<ping::PingModel>(); });
}

}  // namespace sb::core
