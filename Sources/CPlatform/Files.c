#define _GNU_SOURCE
#include "CPlatform.h"

#include <fcntl.h>

int revenue_open_direct_flag(void) {
#if defined(O_DIRECT)
    return O_DIRECT;
#else
    return 0;
#endif
}
