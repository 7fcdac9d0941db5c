/*
 * nsn_core.c: parsing and formatting NATO Stock Numbers (see nsn_core.h).
 */
#include "nsn_core.h"

#include <string.h>

#include "ascii.h"

#define NSN_MIN INT64_C(1000000000000)	/* supply group 10 */
#define NSN_MAX INT64_C(9999999999999)

static bool
nsn_syntax(const char *s, DpError *err, const char *detail)
{
	dp_fail(err, DP_ERR_SYNTAX, "invalid input syntax for type nsn: \"%s\"", dp_quote(s, SIZE_MAX, 40).s);
	dp_detail(err, "%s", detail);
	dp_hint(err, "A NATO Stock Number is 13 digits, written 1320-01-234-5678 or 1320012345678.");
	return false;
}

bool
nsnum_parse(const char *s, int64_t *out, const DpTick *tick, DpError *err)
{
	const char *p = s;
	const char *q;
	char		digits[14];
	int			nd = 0;
	int			len;
	bool		dashed;

	while (ascii_isspace(*p))
		dp_tick_text(tick, ++p);
	/* the NSN: what comes before white space, then nothing but white space */
	for (q = p; *q != '\0' && !ascii_isspace(*q) && q - p <= 16; q++)
		;
	len = (int) (q - p);
	while (ascii_isspace(*q))
		dp_tick_text(tick, ++q);
	dashed = (len == 16);
	if ((len != 13 && len != 16) || *q != '\0')
		return nsn_syntax(s, err, "Expected 13 digits, with or without dashes after the 4th, 6th and 9th.");
	for (int i = 0; i < len; i++)
	{
		bool		dash_here = dashed && (i == 4 || i == 7 || i == 11);

		if (dash_here)
		{
			if (p[i] != '-')
				return nsn_syntax(s, err, "Expected dashes in the form NNNN-NN-NNN-NNNN.");
			continue;
		}
		if (ascii_isalpha(p[i]))
			return nsn_syntax(s, err, "Alphanumeric NIINs are not supported: every character of an NSN must be a digit.");
		if (!ascii_isdigit(p[i]))
			return nsn_syntax(s, err, "Expected 13 digits, with or without dashes after the 4th, 6th and 9th.");
		digits[nd++] = p[i];
	}
	digits[nd] = '\0';
	if (digits[0] == '0')
		return nsn_syntax(s, err, "The supply group (the first two digits) must be between 10 and 99.");
	*out = 0;
	for (int i = 0; i < 13; i++)
		*out = *out * 10 + (digits[i] - '0');
	return true;
}

void
nsnum_format(int64_t nsn, char *buf)
{
	/* digits from the right, dashes after the 4th, 6th and 9th digit */
	int			pos = NSNUM_TEXT_LEN;

	buf[pos--] = '\0';
	for (int i = 0; i < 13; i++)
	{
		if (i == 4 || i == 7 || i == 9)
			buf[pos--] = '-';
		buf[pos--] = (char) ('0' + nsn % 10);
		nsn /= 10;
	}
}

bool
nsnum_valid(int64_t nsn)
{
	return nsn >= NSN_MIN && nsn <= NSN_MAX;
}
