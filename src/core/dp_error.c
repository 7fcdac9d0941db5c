/*
 * dp_error.c: filling a DpError, and numbers for messages (see dp_error.h).
 */
#include "dp_error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

bool
dp_fail(DpError *err, DpErrCode code, const char *fmt,...)
{
	va_list		ap;

	err->code = code;
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return false;
}

void
dp_detail(DpError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
dp_hint(DpError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

DpNum
dp_num(double x)
{
	DpNum		t;

	if (isnan(x))
		snprintf(t.s, sizeof(t.s), "NaN");
	else if (isinf(x))
		snprintf(t.s, sizeof(t.s), x > 0 ? "Infinity" : "-Infinity");
	else
		for (int prec = 15; prec <= 17; prec++)
		{
			snprintf(t.s, sizeof(t.s), "%.*g", prec, x);
			if (strtod(t.s, NULL) == x)
				break;
		}
	return t;
}
