/*
 * nations.c: the nations the extension ships (see nations.h).
 */
#include "nations.h"

#include <stddef.h>
#include <string.h>

const NatRow nat_rows[] = {
	{"BEL", "Belgium", true, "1949-04-04", 13, 13},
	{"CAN", "Canada", true, "1949-04-04", 20, 21},
	{"DNK", "Denmark", true, "1949-04-04", 22, 22},
	{"FRA", "France", true, "1949-04-04", 14, 14},
	{"ISL", "Iceland", true, "1949-04-04", 24, 24},
	{"ITA", "Italy", true, "1949-04-04", 15, 15},
	{"LUX", "Luxembourg", true, "1949-04-04", 28, 28},
	{"NLD", "Netherlands", true, "1949-04-04", 17, 17},
	{"NOR", "Norway", true, "1949-04-04", 25, 25},
	{"PRT", "Portugal", true, "1949-04-04", 26, 26},
	{"GBR", "United Kingdom", true, "1949-04-04", 99, 99},
	{"USA", "United States", true, "1949-04-04", 0, 9},
	{"GRC", "Greece", true, "1952-02-18", 23, 23},
	{"TUR", "Türkiye", true, "1952-02-18", 27, 27},
	{"DEU", "Germany", true, "1955-05-06", 12, 12},
	{"ESP", "Spain", true, "1982-05-30", 33, 33},
	{"CZE", "Czechia", true, "1999-03-12", 16, 16},
	{"HUN", "Hungary", true, "1999-03-12", 51, 51},
	{"POL", "Poland", true, "1999-03-12", 43, 43},
	{"BGR", "Bulgaria", true, "2004-03-29", 50, 50},
	{"EST", "Estonia", true, "2004-03-29", 38, 38},
	{"LVA", "Latvia", true, "2004-03-29", 55, 55},
	{"LTU", "Lithuania", true, "2004-03-29", 47, 47},
	{"ROU", "Romania", true, "2004-03-29", 39, 39},
	{"SVK", "Slovakia", true, "2004-03-29", 40, 40},
	{"SVN", "Slovenia", true, "2004-03-29", 42, 42},
	{"ALB", "Albania", true, "2009-04-01", 59, 59},
	{"HRV", "Croatia", true, "2009-04-01", 53, 53},
	{"MNE", "Montenegro", true, "2017-06-05", -1, -1},
	{"MKD", "North Macedonia", true, "2020-03-27", 54, 54},
	{"FIN", "Finland", true, "2023-04-04", 58, 58},
	{"SWE", "Sweden", true, "2024-03-07", -1, -1},
	{"AUS", "Australia", false, NULL, 66, 66},
	{"NZL", "New Zealand", false, NULL, 98, 98},
	{"JPN", "Japan", false, NULL, 30, 30},
	{"KOR", "Republic of Korea", false, NULL, 37, 37},
	{"UKR", "Ukraine", false, NULL, -1, -1},
	{"CHE", "Switzerland", false, NULL, -1, -1},
};

const int	nat_count = (int) (sizeof(nat_rows) / sizeof(nat_rows[0]));

bool
nat_has_ncb(const NatRow *row, int ncb)
{
	return row->ncb_first >= 0 && ncb >= row->ncb_first && ncb <= row->ncb_last;
}

const NatRow *
nat_by_ncb(int ncb)
{
	for (int i = 0; i < nat_count; i++)
		if (nat_has_ncb(&nat_rows[i], ncb))
			return &nat_rows[i];
	return NULL;
}

const NatRow *
nat_find(const char *code)
{
	for (int i = 0; i < nat_count; i++)
		if (strcmp(nat_rows[i].code, code) == 0)
			return &nat_rows[i];
	return NULL;
}
