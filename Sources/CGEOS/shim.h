#ifndef SYNERGIA_CGEOS_SHIM_H
#define SYNERGIA_CGEOS_SHIM_H
// Only the reentrant (_r) API: every call takes an explicit context handle,
// so contexts can be owned per thread without global state.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
