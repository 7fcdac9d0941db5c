/*
 * fuzz_capvec_text: the capvec text form (capvec_in) and the capvec_state
 * text form (capvec_state_in) on arbitrary bytes.  A parse either fails with
 * a well-formed error or gives a well-formed vector whose output parses back
 * to it exactly; a state has at least one row.
 */
#include "fuzz.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzText	t;
	int32_t		cap;
	double	   *v;
	DpPeriod	p;
	int64_t		start,
				rows;
	int32_t		n;
	DpError		e;

	fuzz_text_open(&t, data, size);
	cap = cv_text_count(t.s, &t.tick);
	v = malloc(sizeof(double) * cap);
	FUZZ_ASSERT(cap >= 1 && cap <= CV_MAX_LEN);
	if (cv_parse(t.s, false, &p, &start, v, cap, &n, &t.tick, &e))
	{
		FUZZ_ASSERT(n <= cap);
		fuzz_check_vector(p, start, v, n);
		fuzz_check_round_trip(p, start, v, n);
	}
	else
	{
		fuzz_check_error(&e, t.utf8);
		FUZZ_ASSERT(e.code != DP_ERR_NULL && e.code != DP_ERR_DIV0 && e.code != DP_ERR_BINARY &&
					e.code != DP_ERR_DATE_FORMAT);
	}

	if (cv_state_parse(t.s, true, &rows, &p, &start, v, cap, &n, &t.tick, &e))
	{
		FUZZ_ASSERT(rows >= 1);
		fuzz_check_vector(p, start, v, n);
	}
	else
		fuzz_check_error(&e, t.utf8);
	free(v);
	fuzz_text_close(&t);
	return 0;
}
