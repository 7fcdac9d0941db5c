/*
 * The cost of a partial state's values in text, per value: writing and
 * reading the exact form (IEEE-754 bits in hex, cv_format_bits / cv_parse)
 * against the decimal form (shortest round-trip digits written by %.17g here
 * and read by strtod, as a capvec's text is read).  Citus ships partial
 * aggregate states as text, so the coordinator reads one per shard and group.
 * CPU time (clock()), so other jobs on the machine weigh less:
 *   cc -O2 -Isrc test/bench/state_text.c src/core/capvec_core.c \
 *      src/core/calendar.c src/core/dp_error.c -lm -o /tmp/state_text && /tmp/state_text
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/capvec_core.h"

enum
{
	N = 730,					/* two years of days, as a state spanning them */
	REPS = 2000
};

static int
format_decimal(double v, char *buf)
{
	return sprintf(buf, "%.17g", v);
}

int
main(void)
{
	static double v[N],
				out[N];
	static char buf[64 * N],
				tmp[64 * N];
	DpError		e;
	DpPeriod	p;
	int64_t		start;
	int32_t		n;

	srand(1);
	/* sums of quantities with two decimals, as partial sums of consumption are */
	for (int i = 0; i < N; i++)
		v[i] = (rand() % 100000) / 100.0 * 16 + (rand() % 100) / 100.0;
	for (int exact = 0; exact < 2; exact++)
	{
		clock_t		t0;
		double		parse,
					format;

		t0 = clock();
		for (int r = 0; r < REPS; r++)
		{
			if (exact)
				cv_format_bits(tmp, DP_DAY, 8766, v, N, NULL);
			else
				cv_format(tmp, DP_DAY, 8766, v, N, format_decimal, NULL);
		}
		format = (double) (clock() - t0) / CLOCKS_PER_SEC;
		memcpy(buf, tmp, sizeof(buf));
		t0 = clock();
		for (int r = 0; r < REPS; r++)
			if (!cv_parse(buf, exact, &p, &start, out, N, &n, NULL, &e) || n != N)
			{
				fprintf(stderr, "parse failed: %s\n", e.msg);
				return 1;
			}
		parse = (double) (clock() - t0) / CLOCKS_PER_SEC;
		if (memcmp(out, v, sizeof(v)) != 0)
		{
			fprintf(stderr, "the %s form did not read back exactly\n", exact ? "exact" : "decimal");
			return 1;
		}
		printf("%-8s %6zu bytes for %d values: write %5.1f ns, read %5.1f ns a value\n",
			   exact ? "exact" : "decimal", strlen(buf), N, format / REPS / N * 1e9, parse / REPS / N * 1e9);
	}
	return 0;
}
