/*
 * fuzz_nsn: the NATO Stock Number text form (nsn_in) on arbitrary bytes.
 * Accepted values are valid NSNs whose output parses back to them.
 */
#include "fuzz.h"
#include "core/nsn_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	uint64_t	ticks = 0;
	DpTick		tick = {fuzz_tick, &ticks};
	int64_t		v,
				back;
	char		out[NSNUM_TEXT_LEN + 1];
	DpError		e;

	if (nsnum_parse(s, &v, &tick, &e))
	{
		FUZZ_ASSERT(nsnum_valid(v));
		nsnum_format(v, out);
		FUZZ_ASSERT(strlen(out) == NSNUM_TEXT_LEN);
		FUZZ_ASSERT(nsnum_parse(out, &back, NULL, &e) && back == v);
		FUZZ_ASSERT(nsnum_group(v) >= 10 && nsnum_group(v) <= 99);
	}
	else
	{
		fuzz_check_error(&e, fuzz_utf8_valid(s, strlen(s)));
		FUZZ_ASSERT(e.code == DP_ERR_SYNTAX);
	}
	free(s);
	return 0;
}
