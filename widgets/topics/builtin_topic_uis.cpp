// The topic UI registry's one list: a topic with panels or gestures of its own adds one line.
#include "topics/hashring/hashring_ui.h"
#include "topics/topic_ui.h"

namespace sb::widgets {

void registerBuiltinTopicUis(TopicUiRegistry& registry) {
    registerHashringUi(registry);
}

}  // namespace sb::widgets
