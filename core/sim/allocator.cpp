#include "sim/allocator.h"

#include <cstdlib>  // defines __GLIBC__ on glibc (it comes from <features.h>)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sb::core {

void mergeFreedBlocksEagerly() {
#if defined(__GLIBC__)
    // Fast bins off (0 = none): the per-thread cache (tcache) still serves the hot small sizes.
    mallopt(M_MXFAST, 0);
#endif
}

}  // namespace sb::core
