/*
 * fuzz_hhi_state: the dp.hhi_state text form (hhi_state_in) on arbitrary
 * bytes.  An accepted state is valid (capacity_hhi_check) and its output
 * parses back to the very same state.
 */
#include "fuzz.h"
#include "core/capacity_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzText	t;
	double		st[4],
				back[4];
	char		out[CAPACITY_HHI_TEXT_MAX];
	DpError		e;

	fuzz_text_open(&t, data, size);
	if (capacity_hhi_parse(t.s, st, &t.tick, &e))
	{
		int			len = capacity_hhi_format(st, out);

		FUZZ_ASSERT(len > 0 && len < CAPACITY_HHI_TEXT_MAX);
		FUZZ_ASSERT(capacity_hhi_check(st, &e));
		FUZZ_ASSERT(capacity_hhi_parse(out, back, NULL, &e));
		FUZZ_ASSERT(memcmp(st, back, sizeof(st)) == 0);
	}
	else
		fuzz_check_error(&e, t.utf8);
	fuzz_text_close(&t);
	return 0;
}
