/*
 * fcbench.c: the forecasting core on the benchmark data without PostgreSQL,
 * for profiling (callgrind) and CPU time.  Reads the M3 or carparts CSV of
 * test/bench/data, forecasts every series with the named methods and writes
 * "method,id,forecasts" CSV (the scorer's input) to stdout, CPU time per
 * series to stderr.
 *
 *   fcbench m3 FILE METHOD... [-p PERIOD] [-l LEVEL]   (LEVEL: add lower/upper columns)
 *   fcbench carparts FILE METHOD...                    (first 39 months, 12 ahead)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/forecast_core.h"

static char *
field(char **p)
{
	char	   *s = *p,
			   *r;

	if (*s == '"')
	{
		r = ++s;
		while (*s && *s != '"')
			s++;
		if (*s)
			*s++ = 0;
		if (*s == ',')
			s++;
	}
	else
	{
		r = s;
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			s++;
		if (*s)
			*s++ = 0;
	}
	*p = s;
	return r;
}

/* space-separated values; NA makes the series unusable (returns -1) */
static int
values(char *s, double *v, int max)
{
	int			n = 0;

	while (*s && n < max)
	{
		char	   *e;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (strncmp(s, "NA", 2) == 0)
			return -1;
		v[n++] = strtod(s, &e);
		if (e == s)
			break;
		s = e;
	}
	return n;
}

static double
cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

int
main(int argc, char **argv)
{
	static char line[1 << 20];
	static double y[4096],
				fc[4096],
				lo[4096],
				hi[4096];
	const char *methods[32];
	int			nm = 0;
	const char *want = NULL;
	double		level = 0,
				cpu[32] = {0};
	long		count = 0;
	bool		m3;
	FILE	   *f;
	double	   *work,
			   *iwork;

	if (argc < 4)
	{
		fprintf(stderr, "usage: fcbench m3|carparts FILE METHOD... [-p PERIOD] [-l LEVEL]\n");
		return 2;
	}
	m3 = strcmp(argv[1], "m3") == 0;
	for (int i = 3; i < argc; i++)
	{
		if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			want = argv[++i];
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			level = atof(argv[++i]);
		else if (nm < 32)
			methods[nm++] = argv[i];
	}
	f = fopen(argv[2], "r");
	if (!f)
	{
		perror(argv[2]);
		return 1;
	}
	work = malloc(sizeof(double) * fc_work_len(4096));
	iwork = malloc(sizeof(double) * (1 << 22));
	printf(level > 0 ? "method,id,forecasts,lower,upper\n" : "method,id,forecasts\n");
	if (!fgets(line, sizeof(line), f))
		return 1;
	while (fgets(line, sizeof(line), f))
	{
		char	   *p = line,
				   *id = field(&p),
				   *per;
		int			n,
					h;
		FcSeries	s;

		if (m3)
		{
			char	   *hist;

			per = field(&p);
			field(&p);
			field(&p);
			field(&p);
			h = atoi(field(&p));
			hist = field(&p);
			if (want && strcmp(per, want) != 0)
				continue;
			n = values(hist, y, 4096);
			s.period = strcmp(per, "month") == 0 ? DP_MONTH : (strcmp(per, "quarter") == 0 ? DP_QUARTER : DP_YEAR);
		}
		else
		{
			field(&p);
			n = values(field(&p), y, 4096);
			if (n < 51)
				continue;
			n = 39;
			h = 12;
			s.period = DP_MONTH;
		}
		if (n < 1)
			continue;
		s.y = y;
		s.n = n;
		s.first = 0;
		count++;
		for (int k = 0; k < nm; k++)
		{
			FcMethod	meth;
			FcParams	prm;
			FcModel		model;
			DpError		err;
			double		t0 = cpu_now();

			memset(&prm, 0, sizeof(prm));
			if (!fc_method_arg(methods[k], strlen(methods[k]), &meth, &err))
			{
				fprintf(stderr, "%s\n", err.msg);
				return 1;
			}
			if (!fc_fit(&s, meth, &prm, h, work, NULL, &model, &err))
			{
				fprintf(stderr, "%s %s: %s\n", id, methods[k], err.msg);
				continue;
			}
			fc_forecast(&model, fc, h);
			if (level > 0)
				fc_interval(&model, fc, h, level, lo, hi, iwork, NULL);
			cpu[k] += cpu_now() - t0;
			printf("%s,%s,\"", methods[k], id);
			for (int i = 0; i < h; i++)
				printf("%s%.10g", i ? " " : "", fc[i]);
			if (level > 0)
			{
				printf("\",\"");
				for (int i = 0; i < h; i++)
					printf("%s%.10g", i ? " " : "", lo[i]);
				printf("\",\"");
				for (int i = 0; i < h; i++)
					printf("%s%.10g", i ? " " : "", hi[i]);
			}
			printf("\"\n");
		}
	}
	for (int k = 0; k < nm; k++)
		fprintf(stderr, "%-10s %8.3f ms CPU a series (%ld series)\n", methods[k], 1e3 * cpu[k] / count, count);
	return 0;
}
