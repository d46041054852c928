#pragma once

namespace sb::widgets {

class TopicUiRegistry;

// The hash ring's own pieces: the load-spread plot, and clicking a key to look it up.
void registerHashringUi(TopicUiRegistry& registry);

}  // namespace sb::widgets
