/*
 * nsn.c: the dp.nsn type (NATO Stock Number), stored as its 13-digit number
 * in a pass-by-value int8, so ordering, hashing and equality reuse the int8
 * support functions (see src/nsn.sql).
 */
#include "dp.h"

#include "core/nsn_core.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

static void
nsn_check(int64 v)
{
	if (!nsn_valid(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid nsn value " INT64_FORMAT " in binary input", v),
				 errdetail("An NSN is a 13-digit number whose first two digits are between 10 and 99.")));
}

PG_FUNCTION_INFO_V1(nsn_in);
Datum
nsn_in(PG_FUNCTION_ARGS)
{
	int64_t		v;
	DpError		err;

	if (!nsn_parse(PG_GETARG_CSTRING(0), &v, &err))
		dp_raise(&err);
	PG_RETURN_INT64(v);
}

PG_FUNCTION_INFO_V1(nsn_out);
Datum
nsn_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(NSN_TEXT_LEN + 1);

	nsn_format(PG_GETARG_INT64(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(nsn_recv);
Datum
nsn_recv(PG_FUNCTION_ARGS)
{
	int64		v = pq_getmsgint64((StringInfo) PG_GETARG_POINTER(0));

	nsn_check(v);
	PG_RETURN_INT64(v);
}

PG_FUNCTION_INFO_V1(nsn_send);
Datum
nsn_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(nsn_fsg);
Datum
nsn_fsg(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(nsn_group(PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(nsn_nsc);
Datum
nsn_nsc(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(nsn_class(PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(nsn_ncb_code);
Datum
nsn_ncb_code(PG_FUNCTION_ARGS)
{
	char		buf[3];
	int			ncb = nsn_ncb(PG_GETARG_INT64(0));

	buf[0] = (char) ('0' + ncb / 10);
	buf[1] = (char) ('0' + ncb % 10);
	buf[2] = '\0';
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(nsn_niin_text);
Datum
nsn_niin_text(PG_FUNCTION_ARGS)
{
	/* the NIIN is the last nine digits, leading zeros kept */
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%09lld", (long long) nsn_niin(PG_GETARG_INT64(0)))));
}
