/*
 * fuzz_capvec_binary: the binary forms of capvec (capvec_recv) and of
 * capvec_state (capvec_state_recv: an int64 row count first) on arbitrary
 * bytes.  A message is accepted only if it is exactly one well-formed
 * vector, which then round-trips through the text form; otherwise a
 * well-formed error.
 */
#include "fuzz.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One binary form in data[0 .. size): accepted and well formed, or a clean error. */
static void
check_form(const uint8_t *data, size_t size, const char *typname)
{
	CvBinary	b;
	DpError		e;

	if (!cv_binary_read(data, size, typname, &b, &e))
	{
		fuzz_check_error(&e, true);
		return;
	}
	FUZZ_ASSERT(size == CV_BINARY_HEADER + (size_t) b.n * 8);
	FUZZ_ASSERT(b.values == data + CV_BINARY_HEADER);
	{
		double	   *v = malloc(sizeof(double) * (b.n > 0 ? b.n : 1));

		if (cv_binary_values(&b, v, &e))
		{
			fuzz_check_vector(b.period, b.start, v, b.n);
			fuzz_check_round_trip(b.period, b.start, v, b.n);
		}
		else
		{
			fuzz_check_error(&e, true);
			FUZZ_ASSERT(e.code == DP_ERR_RANGE);
		}
		free(v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, so ASan sees any read past the message */
	uint8_t    *copy = malloc(size > 0 ? size : 1);
	int64_t		rows;
	DpError		e;

	memcpy(copy, data, size);
	check_form(copy, size, "capvec");
	if (cv_state_binary_rows(copy, size, &rows, &e))
	{
		FUZZ_ASSERT(rows >= 1);
		check_form(copy + 8, size - 8, "capvec_state");
	}
	else
		fuzz_check_error(&e, true);
	free(copy);
	return 0;
}
