/*
 * fuzz.h: shared by the libFuzzer harnesses of the plain-C core (see the
 * top-level README.md, "Tests that keep it so"): invariant checks that abort
 * with a message (libFuzzer then saves the input), and helpers to read
 * structured values from the fuzzer's bytes.
 */
#ifndef DP_FUZZ_H
#define DP_FUZZ_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/capvec_core.h"
#include "core/dp_error.h"

/* An invariant: abort (a finding) with the condition and its place if it fails. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "invariant failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} } while (0)

/* A NUL-terminated copy of the fuzzer's bytes (the server passes C strings). */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Is s[0 .. len) valid UTF-8 (what a UTF-8 server hands an input function)? */
static inline bool
fuzz_utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		k = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 :
			c >= 0xF0 && c < 0xF5 ? 4 : 0;

		if (k == 0 || i + k > len)
			return false;
		for (size_t j = 1; j < k; j++)
			if (((unsigned char) s[i + j] & 0xC0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

/*
 * A core error is well formed: a known code and a non-empty message, and
 * when the input was valid UTF-8 every text is too (quotes of input are cut
 * by characters).
 */
static inline void
fuzz_check_error(const DpError *e, bool input_utf8)
{
	FUZZ_ASSERT(e->code > DP_OK && e->code <= DP_ERR_BINARY);
	FUZZ_ASSERT(e->msg[0] != '\0');
	FUZZ_ASSERT(strlen(e->msg) < DP_ERRMSG_LEN - 1);
	if (input_utf8)
	{
		FUZZ_ASSERT(fuzz_utf8_valid(e->msg, strlen(e->msg)));
		FUZZ_ASSERT(fuzz_utf8_valid(e->detail, strlen(e->detail)));
		FUZZ_ASSERT(fuzz_utf8_valid(e->hint, strlen(e->hint)));
	}
}

/* A parsed vector is well formed: a boundary start, a span in the calendar, finite values, no -0. */
static inline void
fuzz_check_vector(DpPeriod p, int64_t start, const double *v, int32_t n)
{
	FUZZ_ASSERT((int) p >= 0 && (int) p < DP_NPERIODS);
	FUZZ_ASSERT(n >= 0 && n <= CV_MAX_LEN);
	FUZZ_ASSERT(start >= DP_DATE_MIN && start < DP_DATE_END);
	FUZZ_ASSERT(cal_is_boundary(p, start));
	FUZZ_ASSERT(cal_span_ok(p, cal_index(p, start), n));
	for (int32_t i = 0; i < n; i++)
	{
		FUZZ_ASSERT(isfinite(v[i]));
		FUZZ_ASSERT(!(v[i] == 0 && signbit(v[i])));
	}
}

/* Round-trip formatting (the shortest of %.15g .. %.17g that reads back). */
static inline int
fuzz_format_double(double v, char *buf)
{
	DpNum		t = dp_num(v);

	memcpy(buf, t.s, strlen(t.s) + 1);
	return (int) strlen(t.s);
}

/*
 * The text form of a vector parses back to the very same vector (the
 * output of capvec_out is valid input, and exact).
 */
static inline void
fuzz_check_round_trip(DpPeriod p, int64_t start, const double *v, int32_t n)
{
	char	   *text = malloc(cv_text_bound(n));
	double	   *back = malloc(sizeof(double) * (n > 0 ? n : 1));
	DpPeriod	p2;
	int64_t		start2;
	int32_t		n2;
	DpError		e;

	cv_format(text, p, start, v, n, fuzz_format_double, NULL);
	FUZZ_ASSERT(cv_text_count(text, NULL) >= (n > 0 ? n : 1));
	FUZZ_ASSERT(cv_parse(text, false, &p2, &start2, back, n > 0 ? n : 1, &n2, NULL, &e));
	FUZZ_ASSERT(p2 == p && start2 == start && n2 == n);
	FUZZ_ASSERT(n == 0 || memcmp(back, v, sizeof(double) * n) == 0);
	free(text);
	free(back);
}

/* Counts the ticks a parse makes (the glue's CHECK_FOR_INTERRUPTS). */
static inline void
fuzz_tick(void *arg)
{
	(*(uint64_t *) arg)++;
}

/*
 * The fuzzer's bytes as a text input function gets them: a NUL-terminated
 * copy, whether it is valid UTF-8, and a tick that counts (fuzz_text_open;
 * fuzz_text_close frees the copy).
 */
typedef struct FuzzText
{
	char	   *s;
	bool		utf8;
	uint64_t	ticks;
	DpTick		tick;
} FuzzText;

static inline void
fuzz_text_open(FuzzText *t, const uint8_t *data, size_t size)
{
	t->s = fuzz_cstring(data, size);
	t->utf8 = fuzz_utf8_valid(t->s, strlen(t->s));
	t->ticks = 0;
	t->tick.fn = fuzz_tick;
	t->tick.arg = &t->ticks;
}

static inline void
fuzz_text_close(FuzzText *t)
{
	free(t->s);
}

/* A reader over the fuzzer's bytes: takes what is there, zeros after the end. */
typedef struct FuzzBytes
{
	const uint8_t *p;
	size_t		left;
} FuzzBytes;

static inline uint64_t
fuzz_take(FuzzBytes *b, int nbytes)
{
	uint64_t	x = 0;

	for (int i = 0; i < nbytes; i++)
	{
		x = (x << 8) | (b->left ? *b->p : 0);
		if (b->left)
		{
			b->p++;
			b->left--;
		}
	}
	return x;
}

/*
 * A finite double, mostly of ordinary size: small integers, fractions,
 * large and tiny magnitudes, and now and then any finite bit pattern.
 */
static inline double
fuzz_double(FuzzBytes *b)
{
	uint8_t		kind = (uint8_t) fuzz_take(b, 1);
	double		x;

	switch (kind & 7)
	{
		case 0:
			return 0.0;
		case 1:
		case 2:
			return (double) (int16_t) fuzz_take(b, 2);
		case 3:
			return (double) (int32_t) fuzz_take(b, 4) / 1024.0;
		case 4:
			return ldexp((double) (uint16_t) fuzz_take(b, 2), (int) (int8_t) fuzz_take(b, 1));
		case 5:
			return (double) (uint8_t) fuzz_take(b, 1);
		default:
			{
				uint64_t	u = fuzz_take(b, 8);

				memcpy(&x, &u, sizeof(x));
				return isfinite(x) ? x : 0.0;
			}
	}
}

#endif
