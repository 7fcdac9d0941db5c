/*
 * unit.h: a tiny harness for the C unit tests of src/core.
 *
 * TEST(name) { CHECK(...); ... } defines a test; RUN(name) runs it and
 * prints "ok - name" or "not ok - name" with the failed checks (RUN_CASE
 * likewise for one case of a table of cases); DONE() prints "N passed, M
 * failed" and returns the exit status.
 */
#ifndef DP_UNIT_H
#define DP_UNIT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	unit_passed,
			unit_failed,
			unit_current_failed;

#define TEST(name) static void name(void)

/*
 * The number of random cases of a property test: all of them in the
 * optimised flavour, a quarter under the sanitizers (where a case costs
 * several times as much and the point is memory and overflow errors, which
 * the first cases reach as well).
 */
#ifndef UNIT_CASES_DIV
#define UNIT_CASES_DIV 1
#endif
#define UNIT_CASES(n) ((n) / UNIT_CASES_DIV)

#define CHECK(cond) do { \
	if (!(cond)) { \
		unit_current_failed++; \
		fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} } while (0)

/* exact equality of doubles (the expected value is derived independently) */
#define CHECK_DBL(got, want) do { \
	double g_ = (got), w_ = (want); \
	if (!(g_ == w_)) { \
		unit_current_failed++; \
		fprintf(stderr, "  %s:%d: %s = %.17g, want %.17g\n", __FILE__, __LINE__, #got, g_, w_); \
	} } while (0)

/* |got - want| <= tol * max(1, |want|) */
#define CHECK_CLOSE(got, want, tol) do { \
	double g_ = (got), w_ = (want); \
	if (!(fabs(g_ - w_) <= (tol) * fmax(1.0, fabs(w_)))) { \
		unit_current_failed++; \
		fprintf(stderr, "  %s:%d: %s = %.17g, want %.17g (tol %g)\n", __FILE__, __LINE__, #got, g_, w_, (double) (tol)); \
	} } while (0)

/* got[0..k-1] equal the k values listed, exactly (each derived independently) */
#define CHECK_ARRAY(got, ...) do { \
	const double w_[] = {__VA_ARGS__}; \
	unit_check_array(__FILE__, __LINE__, #got, (got), w_, (int) (sizeof(w_) / sizeof(w_[0]))); \
	} while (0)

static inline void
unit_check_array(const char *file, int line, const char *name, const double *got,
				 const double *want, int k)
{
	for (int i = 0; i < k; i++)
		if (!(got[i] == want[i]))
		{
			unit_current_failed++;
			fprintf(stderr, "  %s:%d: %s[%d] = %.17g, want %.17g\n", file, line, name, i, got[i], want[i]);
		}
}

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (strcmp(g_, w_) != 0) { \
		unit_current_failed++; \
		fprintf(stderr, "  %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, g_, w_); \
	} } while (0)

/* Counts and prints the outcome of the test or case just run under name. */
static inline void
unit_report(const char *name)
{
	if (unit_current_failed)
	{
		unit_failed++;
		printf("not ok - %s\n", name);
	}
	else
	{
		unit_passed++;
		printf("ok - %s\n", name);
	}
	fflush(stdout);
}

#define RUN(name) do { \
	unit_current_failed = 0; \
	name(); \
	unit_report(#name); \
	} while (0)

/* RUN_CASE(fn, arg, name): one case of a table, fn(arg), counted and reported as a test named name */
#define RUN_CASE(fn, arg, name) do { \
	unit_current_failed = 0; \
	fn(arg); \
	unit_report(name); \
	} while (0)

#define DONE() (printf("%d passed, %d failed\n", unit_passed, unit_failed), unit_failed != 0)

/* A callback (a DpTick's or an FcCallback's) that counts its calls in the int arg points to. */
static inline void
unit_count_call(void *arg)
{
	(*(int *) arg)++;
}

/* Shortest round-trip formatting for tests (%.15g to %.17g, first that reads back). */
static inline int
unit_format_double(double v, char *buf)
{
	for (int prec = 15; prec <= 17; prec++)
	{
		int			len = snprintf(buf, 32, "%.*g", prec, v);

		if (strtod(buf, NULL) == v)
			return len;
	}
	return snprintf(buf, 32, "%.17g", v);
}

/* A test generator independent of PostgreSQL's: splitmix64, 53-bit uniforms in [0, 1). */

typedef struct UnitSplitMix
{
	uint64_t	s;
} UnitSplitMix;

static inline uint64_t
unit_splitmix_next(UnitSplitMix *r)
{
	uint64_t	z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline void
unit_splitmix_fill(void *ctx, double *buf, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		buf[i] = (double) (unit_splitmix_next((UnitSplitMix *) ctx) >> 11) * 0x1.0p-53;
}

/* Erlang upper tail P(G > x) for integer shape k and scale 1: e^-x sum_{j<k} x^j / j! */
static inline double
unit_erlang_upper(int k, double x)
{
	double		term = 1,
				sum = 0;

	for (int j = 0; j < k; j++)
	{
		sum += term;
		term *= x / (j + 1);
	}
	return exp(-x) * sum;
}

#endif
