# The one list of shipped topics. Adding a topic adds one word here (and its lessons to
# lessons/manifest.json); everything else is found by convention from the id <t>:
#   core/topics/<t>/            defines the library splitbrain_topic_<t>
#   core/topics/<t>/<t>_model.h declares sb::core::<t>::<T>Model with a static topicInfo()
#                               (<T> is <t> with its first letter in capitals: raft -> RaftModel)
#   tests/core/topics/<t>/      its tests (optional), included when it has a CMakeLists.txt
#   widgets/topics/<t>/         its panels and gestures (optional; see docs/adding-a-topic.md)
# core/topics/builtin_topics.cpp is generated from this list: no static self-registration,
# which a static library would silently drop.
set(SPLITBRAIN_TOPICS
  ping
  raft
  hashring
  cap
  cache
  replication
  saga
  gossip
)
