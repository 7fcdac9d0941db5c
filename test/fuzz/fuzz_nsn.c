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
	FuzzText	t;
	int64_t		v,
				back;
	char		out[NSNUM_TEXT_LEN + 1];
	DpError		e;

	fuzz_text_open(&t, data, size);
	if (nsnum_parse(t.s, &v, &t.tick, &e))
	{
		FUZZ_ASSERT(nsnum_valid(v));
		nsnum_format(v, out);
		FUZZ_ASSERT(strlen(out) == NSNUM_TEXT_LEN);
		FUZZ_ASSERT(nsnum_parse(out, &back, NULL, &e) && back == v);
		FUZZ_ASSERT(nsnum_group(v) >= 10 && nsnum_group(v) <= 99);
	}
	else
	{
		fuzz_check_error(&e, t.utf8);
		FUZZ_ASSERT(e.code == DP_ERR_SYNTAX);
	}
	fuzz_text_close(&t);
	return 0;
}
