#pragma once

#include <string>
#include <string_view>

#include "sim/result.h"

namespace sb::core {

// Replaces the file at `path` with `bytes` so that, whatever instant the process dies at
// (SIGKILL, power loss on a journaling file system), `path` holds either the complete old
// content or the complete new content, never a mix or a truncated file:
//   1. write `bytes` to "<path>.tmp" in the same directory (same file system, so step 4 is a
//      rename, not a copy) and fsync it, so its data is on disk before its name can be;
//   2. shift the backups: "<path>.<k-1>" -> "<path>.<k>" for k = backups..2 (the oldest drops);
//   3. hard-link the current file as "<path>.1" (a link, not a rename, so `path` itself never
//      disappears; copies it when the file system has no hard links);
//   4. rename "<path>.tmp" over `path`, atomic by POSIX;
//   5. fsync the directory so the renames themselves are durable.
// A crash can leave a stale "<path>.tmp" or a gap in the backups; the next call repairs both.
// `backups` = 0 keeps none (used for exports). The folder must exist. POSIX only for now.
Status writeFileAtomically(const std::string& path, std::string_view bytes, int backups);

// "<path>.<n>", the name of the n-th newest backup (1 = the previous version).
std::string backupPath(const std::string& path, int n);

}  // namespace sb::core
