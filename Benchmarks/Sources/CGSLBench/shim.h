#ifndef CGSLBENCH_SHIM_H
#define CGSLBENCH_SHIM_H
/* The benchmark package's own copy of the GSL system-library shim (the root package's CGSL is not a product).
   Only what the benchmarks call: the Mersenne Twister and GSL's Gaussian samplers. */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
/* Swift 6 mode rejects reading GSL's mutable global `gsl_rng_mt19937`; read it through an accessor. */
static inline const gsl_rng_type *cgslbench_rng_mt19937(void) { return gsl_rng_mt19937; }
#endif
