/*
 * nsn_core.h: NATO Stock Numbers in plain C.
 *
 * An NSN is 13 digits, NNNN-NN-NNN-NNNN: the NATO Supply Class (4 digits:
 * group and class), the National Codification Bureau code (2 digits) and a
 * 7-digit serial; NCB code and serial form the 9-digit NIIN.  It is stored as
 * the 13-digit number in an int64.
 */
#ifndef DP_NSN_CORE_H
#define DP_NSN_CORE_H

#include <stdint.h>

#include "dp_error.h"

#define NSNUM_TEXT_LEN 16			/* NNNN-NN-NNN-NNNN */

/* Parse "1320-01-234-5678" or "1320012345678" (surrounding white space allowed; ticks on long input). */
extern bool nsnum_parse(const char *s, int64_t *out, const DpTick *tick, DpError *err);
/* Write NNNN-NN-NNN-NNNN and a NUL into buf (at least 17 bytes). */
extern void nsnum_format(int64_t nsn, char *buf);
/* Is a stored value a valid NSN (13 digits, supply group 10-99)? */
extern bool nsnum_valid(int64_t nsn);

/* Parts: supply group (2 digits), supply class (4), NCB code (2), NIIN (9). */
static inline int
nsnum_group(int64_t nsn)
{
	return (int) (nsn / INT64_C(100000000000));
}

static inline int
nsnum_class(int64_t nsn)
{
	return (int) (nsn / INT64_C(1000000000));
}

static inline int
nsnum_ncb(int64_t nsn)
{
	return (int) (nsn / INT64_C(10000000) % 100);
}

static inline int64_t
nsnum_niin(int64_t nsn)
{
	return nsn % INT64_C(1000000000);
}

#endif
