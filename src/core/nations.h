/*
 * nations.h: the nations the extension ships, as a constant table in plain C.
 *
 * The install script fills dp.nation from this table (dp.shipped_nations()),
 * and dp.codification_country(nsn) looks National Codification Bureau codes
 * up in it, so that function reads no table and is IMMUTABLE.  Sources: NATO,
 * "NATO member countries" (members and accession dates, as of 2024); NATO
 * AC/135, "NCS Country Codes" (the two-digit NCB codes of an NSN).
 */
#ifndef DP_NATIONS_CORE_H
#define DP_NATIONS_CORE_H

#include <stdbool.h>

/* One shipped nation. */
typedef struct NatRow
{
	const char *code;			/* ISO 3166-1 alpha-3 */
	const char *name;			/* English short name */
	bool		nato_member;
	const char *accession;		/* date joined NATO, YYYY-MM-DD, or NULL */
	int			ncb_first;		/* its NCB codes: ncb_first .. ncb_last, or -1 for none */
	int			ncb_last;
} NatRow;

/* The shipped nations, NATO members by accession then partners. */
extern const NatRow nat_rows[];
extern const int nat_count;

/* The shipped nation whose codification bureau has this code (0-99), or NULL. */
extern const NatRow *nat_by_ncb(int ncb);
/* The shipped nation with this ISO code, or NULL. */
extern const NatRow *nat_find(const char *code);
/* Does a shipped nation own this NCB code? */
extern bool nat_has_ncb(const NatRow *row, int ncb);

#endif
