/*
 * capvec_core.h: the capacity vector's text form and vector kernels, in plain C.
 *
 * A vector is a period kind, the index of its first period (see calendar.h)
 * and n finite doubles.  Kernels work on caller-provided buffers and never
 * allocate; the glue sizes the buffers (cv_span_union and friends tell
 * it how big), so the same code serves SQL functions, unit tests and
 * benchmarks.
 */
#ifndef DP_CAPVEC_CORE_H
#define DP_CAPVEC_CORE_H

#include "calendar.h"
#include "dp_error.h"

/* The documented limit on the number of periods in one vector. */
#define CV_MAX_LEN 1000000

/* Formats one double into buf (at least 32 bytes) and returns its length. */
typedef int (*CvFormatDouble) (double value, char *buf);

/* ---- validation ---- */

/* Check a span: at most CV_MAX_LEN periods (54000), inside the calendar range (22008). */
extern bool cv_check_span(DpPeriod p, int64_t first, int64_t n, DpError *err);
/* Check a start date lies on a period boundary (22023, hint naming the nearest one). */
extern bool cv_check_start(DpPeriod p, int64_t date, DpError *err);
/* Check that every value is finite (22003), turning -0 into 0. */
extern bool cv_check_values(double *v, int32_t n, DpError *err);
/* Same check for a computed result: a non-finite value means overflow (22003). */
extern bool cv_check_result(double *v, int32_t n, DpError *err);

/* ---- text form: "month 2024-01-01 [100,120,150]" ---- */

/*
 * Slots for the values of a text form: the number of values it can hold
 * (commas + 1), at most CV_MAX_LEN.
 */
extern int32_t cv_text_count(const char *s, const DpTick *tick);
/*
 * Parse a text form into out (cap slots, from cv_text_count): 22P02 if
 * malformed, 22008/22023 for the start, 22003 for a value, 54000 if it is
 * well formed with more than CV_MAX_LEN values.  With bits_ok the list may
 * also be the exact form "x[...]" (cv_format_bits).  Ticks during long input.
 */
extern bool cv_parse(const char *s, bool bits_ok, DpPeriod *p, int64_t *start, double *out,
					 int32_t cap, int32_t *n, const DpTick *tick, DpError *err);
/*
 * The capvec_state text form: a row count (at least 1), white space, a
 * capvec text form (bits_ok as cv_parse).
 */
extern bool cv_state_parse(const char *s, bool bits_ok, int64_t *rows, DpPeriod *p, int64_t *start,
						   double *out, int32_t cap, int32_t *n, const DpTick *tick, DpError *err);
/* Bytes needed to format n values, including the terminating NUL. */
extern size_t cv_text_bound(int32_t n);
/* Format a vector; returns the length written (buf holds cv_text_bound(n)); ticks on long vectors. */
extern size_t cv_format(char *buf, DpPeriod p, int64_t start, const double *v,
						int32_t n, CvFormatDouble fmt, const DpTick *tick);

/*
 * ---- jsonb form: {"period": "month", "start": "2024-01-01", "values": [1, 2]} ----
 * The glue walks the jsonb and hands the reader plain items, so the reader
 * is plain C (fuzzed without PostgreSQL).
 */

typedef enum CvJsonKind
{
	CV_JSON_NULL,
	CV_JSON_STRING,
	CV_JSON_NUMBER,
	CV_JSON_BOOL,
	CV_JSON_ARRAY,
	CV_JSON_OBJECT
} CvJsonKind;

/*
 * A JSON value: its kind and, for a string or a number, its text (len
 * bytes; a number's in plain decimal as numeric prints it, NUL-terminated).
 */
typedef struct CvJsonItem
{
	CvJsonKind	kind;
	const char *text;
	size_t		len;
} CvJsonItem;

typedef struct CvJsonMember
{
	const char *key;
	size_t		keylen;
	CvJsonItem	value;
} CvJsonMember;

/*
 * The period and start of a jsonb capvec, from its root's kind and its
 * members: an object with exactly "period" (a period name), "start" (a
 * string YYYY-MM-DD, whatever DateStyle says: 22007 otherwise) and "values"
 * (an array); other faults are 22023, dates as in text input.
 */
extern bool cv_json_header(CvJsonKind root, const CvJsonMember *m, int count, DpPeriod *p,
						   int64_t *start, DpError *err);
/*
 * Element i (from 0) of "values": a number (22023 otherwise, 22004 for
 * null) read as text input reads it (22003 beyond float8, including
 * underflow to 0).
 */
extern bool cv_json_value(const CvJsonItem *e, int32_t i, double *out, const DpTick *tick,
						  DpError *err);

/*
 * ---- binary form: period (int8), start (int32 day number), n (int32),
 * then n float8, all big-endian; capvec_state puts an int64 row count first ----
 */

#define CV_BINARY_HEADER 9

/* A checked binary form: its header and where its values start. */
typedef struct CvBinary
{
	DpPeriod	period;
	int64_t		start;
	int32_t		n;
	const unsigned char *values;
} CvBinary;

/*
 * Check the binary form in buf[0 .. len) as strictly as text input (22P03
 * for a malformed message, then the start, span and values as text input
 * checks them); typname names the type in messages.
 */
extern bool cv_binary_read(const unsigned char *buf, size_t len, const char *typname,
						   CvBinary *out, DpError *err);
/* Its values, checked (22003) with -0 made 0, into dst (b->n slots). */
extern bool cv_binary_values(const CvBinary *b, double *dst, DpError *err);
/* The row count that starts a capvec_state binary form (at least 1; 22P03). */
extern bool cv_state_binary_rows(const unsigned char *buf, size_t len, int64_t *rows, DpError *err);

/*
 * The exact form of a value: its IEEE-754 bits as 16 hex digits, trailing
 * zero digits left out ("4059" is 100, "3fb999999999999a" is 0.1, "0" is 0).
 * Exact whatever a server's settings, and quick to read and write: partial
 * aggregate states travel in it.  cv_bits_format writes at most 16 digits
 * and a NUL (a CvFormatDouble); cv_bits_parse reads 1 to 16 digits, *end
 * after them, and fails with err->code DP_OK on bad syntax (*end where it
 * stopped), or 22003 for the bits of NaN or an infinity.
 */
extern int	cv_bits_format(double value, char *buf);
extern bool cv_bits_parse(const char *s, const char **end, double *out, DpError *err);
/* A vector in the exact form: "month 2024-01-01 x[4059,405e]" (100, 120); ticks on long vectors. */
extern size_t cv_format_bits(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
							 const DpTick *tick);

/* ---- alignment ---- */

/*
 * The index span covering two vectors.  An empty vector adds nothing to the
 * span; if both are empty the span is empty at a's first index.
 */
extern void cv_span_union(int64_t a0, int32_t an, int64_t b0, int32_t bn,
							  int64_t *r0, int64_t *rn);
/* dst[i] += scale * src[i] for src placed at index s0 within dst starting at d0. */
extern void cv_add_scaled(double *dst, int64_t d0, const double *src, int64_t s0,
							  int32_t sn, double scale);
/* dst[i] = min or max (dst[i], b-or-0) over dst's span; dst already holds a laid out. */
extern void cv_pointwise(double *dst, int64_t d0, int32_t dn, const double *b,
							 int64_t b0, int32_t bn, bool take_max);

/* ---- element-wise kernels ---- */

/* Sum in index order (the order harmonize_core states its invariants for). */
extern double cv_sum(const double *v, int32_t n);
extern void cv_scale(double *dst, const double *src, int32_t n, double factor);
extern void cv_divide(double *dst, const double *src, int32_t n, double divisor);
extern void cv_negate(double *dst, const double *src, int32_t n);
extern void cv_cumulate(double *dst, const double *src, int32_t n);
extern void cv_clamp(double *dst, const double *src, int32_t n, double lo, double hi);
/* Exact equality of two value arrays (so 0 equals -0). */
extern bool cv_values_equal(const double *a, const double *b, int32_t n);
/* Total order for sorting: by period, first index, length, then values. */
extern int	cv_compare(DpPeriod pa, int64_t a0, const double *a, int32_t an,
						   DpPeriod pb, int64_t b0, const double *b, int32_t bn);

/* ---- reshaping ---- */

/*
 * Slice: periods of [first, first + n) that start in [from, to).  Returns the
 * offset of the first kept period and the count through *off and *cnt; when
 * nothing is kept, *first_out is the first boundary on or after from.
 */
extern void cv_slice_range(DpPeriod p, int64_t first, int32_t n, int64_t from,
							   int64_t to, int64_t *first_out, int32_t *off, int32_t *cnt);
/* Pad: the span covering [first, first + n) and the periods containing from .. to - 1. */
extern void cv_pad_span(DpPeriod p, int64_t first, int32_t n, int64_t from, int64_t to,
							int64_t *r0, int64_t *rn);

/*
 * Resample: each source period's quantity is spread evenly over its days and
 * the days falling in each target period are summed, so totals are kept.
 * cv_resample_span gives the target span; cv_resample fills out
 * (tn zeroed slots).  s0/sdate and t0/tdate are the first index and first
 * day of the source and of the target.
 */
extern void cv_resample_span(DpPeriod sp, int64_t s0, int64_t sdate, int32_t sn,
								 DpPeriod tp, int64_t *t0, int64_t *tn);
extern void cv_resample(DpPeriod sp, int64_t s0, int64_t sdate, const double *sv,
							int32_t sn, DpPeriod tp, int64_t t0, int64_t tdate, double *out);

#endif
