/*
 * nsn.c: the dp.nsn type (NATO Stock Number), stored as its 13-digit number
 * in a pass-by-value int8, so ordering, hashing and equality reuse the int8
 * support functions (see src/nsn.sql).  Parsing and formatting are in
 * core/nsn_core.c.
 */
#include "dp.h"

#include "core/nsn_core.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* A value read by binary input must be a valid NSN (22P03). */
static void
check_received(int64 v)
{
	if (!nsnum_valid(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid nsn value " INT64_FORMAT " in binary input", v),
				 errdetail("An NSN is a 13-digit number whose first two digits are between 10 and 99.")));
}

/* Text input: NNNN-NN-NNN-NNNN or 13 digits (nsnum_parse). */
PG_FUNCTION_INFO_V1(nsn_in);
Datum
nsn_in(PG_FUNCTION_ARGS)
{
	int64_t		v;
	DpError		err;

	if (!nsnum_parse(PG_GETARG_CSTRING(0), &v, &dp_interrupts, &err))
		dp_raise(&err);
	PG_RETURN_INT64(v);
}

/* Text output: always NNNN-NN-NNN-NNNN (nsnum_format). */
PG_FUNCTION_INFO_V1(nsn_out);
Datum
nsn_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(NSNUM_TEXT_LEN + 1);

	nsnum_format(PG_GETARG_INT64(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the int8, checked. */
PG_FUNCTION_INFO_V1(nsn_recv);
Datum
nsn_recv(PG_FUNCTION_ARGS)
{
	int64		v = pq_getmsgint64((StringInfo) PG_GETARG_POINTER(0));

	check_received(v);
	PG_RETURN_INT64(v);
}

/* Binary output: the int8. */
PG_FUNCTION_INFO_V1(nsn_send);
Datum
nsn_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* dp.fsg(n): the supply group, 2 digits (nsnum_group). */
PG_FUNCTION_INFO_V1(dp_fsg);
Datum
dp_fsg(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(nsnum_group(PG_GETARG_INT64(0)));
}

/* dp.nsc(n): the supply class, 4 digits (nsnum_class). */
PG_FUNCTION_INFO_V1(dp_nsc);
Datum
dp_nsc(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(nsnum_class(PG_GETARG_INT64(0)));
}

/* dp.ncb_code(n): the codification bureau code as 2 digits (nsnum_ncb). */
PG_FUNCTION_INFO_V1(dp_ncb_code);
Datum
dp_ncb_code(PG_FUNCTION_ARGS)
{
	char		buf[3];
	int			ncb = nsnum_ncb(PG_GETARG_INT64(0));

	buf[0] = (char) ('0' + ncb / 10);
	buf[1] = (char) ('0' + ncb % 10);
	buf[2] = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* dp.niin(n): the last nine digits, leading zeros kept (nsnum_niin). */
PG_FUNCTION_INFO_V1(dp_niin);
Datum
dp_niin(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%09lld", (long long) nsnum_niin(PG_GETARG_INT64(0)))));
}
