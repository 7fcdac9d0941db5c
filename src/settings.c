/*
 * settings.c: the extension's configuration parameters, defined when the
 * library loads.
 *
 * dp.min_contributors is the k of the pooled views: a pooled figure is shown
 * only when at least k nations contribute to it.  It is PGC_SUSET, so only a
 * superuser (or ALTER DATABASE/ROLE by one) can lower it; the views read it
 * through dp.min_contributors(), a C function, so the library is loaded and a
 * placeholder value set earlier by an ordinary user is discarded.
 */
#include "dp.h"

#include "utils/guc.h"

static int	min_contributors = 3;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomIntVariable("dp.min_contributors",
							"Smallest number of nations that must contribute to a pooled figure for it to be shown.",
							"Pooled views (dp.harmonized_demand, dp.capacity_gap) show NULL for a figure fewer nations contribute to.",
							&min_contributors,
							3, 1, 1000,
							PGC_SUSET, 0,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("dp");
}

PG_FUNCTION_INFO_V1(dp_min_contributors);
Datum
dp_min_contributors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(min_contributors);
}
