/*
 * dp_error.c: filling a DpError (see dp_error.h).
 */
#include "dp_error.h"

#include <stdarg.h>
#include <stdio.h>

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
