/*
 * Unit tests of nations.c: the shipped nations' table.
 */
#include "core/nations.h"
#include "unit.h"

/* 32 NATO members and 6 partners; codes are 3 capital letters and unique */
TEST(table_shape)
{
	int			members = 0;

	CHECK(nat_count == 38);
	for (int i = 0; i < nat_count; i++)
	{
		const char *c = nat_rows[i].code;

		members += nat_rows[i].nato_member;
		CHECK(strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
			  c[2] >= 'A' && c[2] <= 'Z');
		CHECK(nat_find(c) == &nat_rows[i]);
		/* members have an accession date, partners none */
		CHECK((nat_rows[i].accession != NULL) == nat_rows[i].nato_member);
	}
	CHECK(members == 32);
	CHECK(nat_find("XKX") == NULL);
	CHECK(nat_find("") == NULL);
}

/* every NCB code belongs to at most one nation */
TEST(ncb_codes_unique)
{
	for (int ncb = 0; ncb < 100; ncb++)
	{
		int			owners = 0;

		for (int i = 0; i < nat_count; i++)
			owners += nat_has_ncb(&nat_rows[i], ncb);
		CHECK(owners <= 1);
	}
}

/* NCS country codes: USA 00-09, Germany 12, France 14, UK 99, Canada 20 and 21, Australia 66 */
TEST(ncb_lookup)
{
	CHECK_STR(nat_by_ncb(0)->code, "USA");
	CHECK_STR(nat_by_ncb(9)->code, "USA");
	CHECK_STR(nat_by_ncb(12)->code, "DEU");
	CHECK_STR(nat_by_ncb(14)->code, "FRA");
	CHECK_STR(nat_by_ncb(99)->code, "GBR");
	CHECK_STR(nat_by_ncb(20)->code, "CAN");
	CHECK_STR(nat_by_ncb(21)->code, "CAN");
	CHECK_STR(nat_by_ncb(66)->code, "AUS");
	CHECK(nat_by_ncb(10) == NULL);
	CHECK(nat_by_ncb(97) == NULL);
	/* a nation without a bureau of its own has no code */
	CHECK(!nat_has_ncb(nat_find("SWE"), 0));
}

int
main(void)
{
	RUN(table_shape);
	RUN(ncb_codes_unique);
	RUN(ncb_lookup);
	return DONE();
}
