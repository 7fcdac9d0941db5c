/*
 * dp_error.c: filling a DpError, numbers and quotes for messages (see
 * dp_error.h).
 */
#include "dp_error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTF-8: the length announced by a lead byte (1 for anything else). */
static int
utf8_char_len(const char *s)
{
	unsigned char c = (unsigned char) *s;

	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	return c < 0xF8 ? 4 : 1;
}

static DpCharLen char_len = utf8_char_len;

void
dp_set_char_len(DpCharLen f)
{
	char_len = f ? f : utf8_char_len;
}

/*
 * Bytes of the character at s[0 .. avail), between 1 and min(4, avail),
 * never past a NUL (text in an invalid encoding can announce more bytes
 * than it has).
 */
static size_t
char_bytes(const char *s, size_t avail)
{
	int			k = char_len(s);

	if (k < 1)
		k = 1;
	if (k > 4)
		k = 4;
	if ((size_t) k > avail)
		k = (int) avail;
	for (int j = 1; j < k; j++)
		if (s[j] == '\0')
			return (size_t) j;
	return (size_t) k;
}

DpQuote
dp_quote(const char *s, size_t len, int max)
{
	DpQuote		q;
	size_t		i = 0;
	int			chars = 0;

	if (max > DP_QUOTE_CHARS)
		max = DP_QUOTE_CHARS;
	while (i < len && s[i] != '\0' && chars < max)
	{
		i += char_bytes(s + i, len - i);
		chars++;
	}
	memcpy(q.s, s, i);
	if (i < len && s[i] != '\0')
	{
		memcpy(q.s + i, "...", 3);
		i += 3;
	}
	q.s[i] = '\0';
	return q;
}

/*
 * vsnprintf into buf, and if the text did not fit, end it at the last whole
 * character (messages are sized so this does not happen; it is a safeguard).
 */
static void format_into(char *buf, size_t size, const char *fmt, va_list ap)
			__attribute__((format(printf, 3, 0)));

static void
format_into(char *buf, size_t size, const char *fmt, va_list ap)
{
	int			len = vsnprintf(buf, size, fmt, ap);

	if (len >= 0 && (size_t) len >= size)
	{
		size_t		i = 0,
					keep = 0,
					avail = strlen(buf);

		/* whole characters only: one the cut split claims more bytes than are left */
		while (i < avail)
		{
			size_t		k = (size_t) char_len(buf + i);

			if (k < 1 || k > 4)
				k = 1;
			if (i + k > avail)
				break;
			i += k;
			keep = i;
		}
		buf[keep] = '\0';
	}
}

bool
dp_fail(DpError *err, DpErrCode code, const char *fmt,...)
{
	va_list		ap;

	err->code = code;
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	va_start(ap, fmt);
	format_into(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return false;
}

void
dp_detail(DpError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	format_into(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
dp_hint(DpError *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	format_into(err->hint, sizeof(err->hint), fmt, ap);
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
