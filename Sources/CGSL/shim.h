#ifndef SURVKIT_CGSL_SHIM_H
#define SURVKIT_CGSL_SHIM_H
// The GSL headers survkit uses; GSLSupport is the only Swift module that imports them.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_bspline.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>

// GSL exposes its algorithm tables as mutable globals, which Swift 6 refuses to read from
// concurrent code; these accessors return the (never modified) tables.
static inline const gsl_root_fsolver_type *survkit_root_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_rng_type *survkit_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *survkit_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_min_fminimizer_type *survkit_min_brent(void) { return gsl_min_fminimizer_brent; }
#endif
