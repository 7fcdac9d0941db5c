/*
 * Unit tests of nsn_core.c.
 */
#include "core/nsn_core.h"
#include "unit.h"

static int64_t
parse_ok(const char *s)
{
	int64_t		v = -1;
	DpError		e;

	if (!nsnum_parse(s, &v, NULL, &e))
	{
		fprintf(stderr, "  nsnum_parse(\"%s\") failed: %s\n", s, e.detail);
		unit_current_failed++;
	}
	return v;
}

static DpErrCode
parse_code(const char *s)
{
	int64_t		v;
	DpError		e;

	return nsnum_parse(s, &v, NULL, &e) ? DP_OK : e.code;
}

TEST(parse_forms)
{
	char		buf[32];

	CHECK(parse_ok("1320-01-234-5678") == INT64_C(1320012345678));
	CHECK(parse_ok("1320012345678") == INT64_C(1320012345678));
	CHECK(parse_ok("  1005-12-000-0001 ") == INT64_C(1005120000001));
	CHECK(parse_ok("9999999999999") == INT64_C(9999999999999));
	nsnum_format(INT64_C(1320012345678), buf);
	CHECK_STR(buf, "1320-01-234-5678");
	nsnum_format(INT64_C(1005120000001), buf);
	CHECK_STR(buf, "1005-12-000-0001");
}

TEST(parts)
{
	int64_t		n = INT64_C(1320012345678);

	CHECK(nsnum_group(n) == 13);
	CHECK(nsnum_class(n) == 1320);
	CHECK(nsnum_ncb(n) == 1);
	CHECK(nsnum_niin(n) == INT64_C(12345678));
	CHECK(nsnum_ncb(INT64_C(1410991234567)) == 99);
}

TEST(parse_errors)
{
	CHECK(parse_code("1320-01-234-567X") == DP_ERR_SYNTAX);	/* alphanumeric */
	CHECK(parse_code("1320-C1-234-5678") == DP_ERR_SYNTAX);
	CHECK(parse_code("1320-01-234-567") == DP_ERR_SYNTAX);	/* short */
	CHECK(parse_code("13200123456789") == DP_ERR_SYNTAX);	/* long */
	CHECK(parse_code("0520-01-234-5678") == DP_ERR_SYNTAX);	/* group 05 */
	CHECK(parse_code("0999999999999") == DP_ERR_SYNTAX);
	CHECK(parse_code("1320/01/234/5678") == DP_ERR_SYNTAX);
	CHECK(parse_code("132-001-234-5678") == DP_ERR_SYNTAX);
	CHECK(parse_code("") == DP_ERR_SYNTAX);
	CHECK(parse_code("1320 01 234 5678") == DP_ERR_SYNTAX);
}

TEST(validity)
{
	CHECK(nsnum_valid(INT64_C(1000000000000)));
	CHECK(!nsnum_valid(INT64_C(999999999999)));
	CHECK(!nsnum_valid(INT64_C(10000000000000)));
	CHECK(!nsnum_valid(-1));
}

int
main(void)
{
	RUN(parse_forms);
	RUN(parts);
	RUN(parse_errors);
	RUN(validity);
	return DONE();
}
