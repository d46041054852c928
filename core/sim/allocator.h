#pragma once

namespace sb::core {

// Asks the C library's allocator to merge freed small blocks when they are freed rather than in
// one sweep later. glibc keeps small freed blocks in "fast bins" and merges them all the next
// time a large block is asked for; after a long session (64k actions, each a few small JSON
// nodes) that sweep walks hundreds of thousands of blocks that are no longer in cache, and
// made loading cost 1.9 us per action at 64k against 1.2 us at 4k. Merging at free time touches
// memory that was just used. The per-call cost elsewhere measured the same (kernel and Raft
// events/s within noise). Call once at the start of main, before threads. A no-op off glibc.
void mergeFreedBlocksEagerly();

}  // namespace sb::core
