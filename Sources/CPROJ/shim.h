#ifndef SYNERGIA_CPROJ_SHIM_H
#define SYNERGIA_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
