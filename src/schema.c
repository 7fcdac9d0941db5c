/*
 * schema.c: the C side of the reference schema: the shipped nations
 * (core/nations.c) and the NSN lookup over them, the nations the current
 * role acts for (role membership, cached per transaction), the runner that
 * computes the pooled views with the extension owner's rights, and the event
 * trigger that refuses DROP EXTENSION without CASCADE while the planning
 * tables hold data.
 *
 * Nation membership.  dp.map_role(role, 'DEU') grants the NOLOGIN marker
 * role dp_nation_deu to the role ('*': dp_all_nations).  Membership is
 * keyed by role OID, is removed by DROP ROLE, propagates to every node of a
 * Citus cluster, and is evaluated here from the catalog caches without
 * reading a table, so row-level security policies are plain calls of
 * dp.sees_nation(nation).
 */
#include "dp.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_auth_members.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "core/nations.h"
#include "core/nsn_core.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "nodes/parsenodes.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#define EXTENSION_NAME "defence_production"
#define EXTENSION_SCHEMA "dp"
/* marker roles: dp_nation_ + the lower-case ISO code, and the one for all nations */
#define MARKER_PREFIX "dp_nation_"
#define MARKER_ALL "dp_all_nations"

/* ---- shipped nations ---- */

/* dp.shipped_nations(): the rows the extension ships in dp.nation. */
PG_FUNCTION_INFO_V1(dp_shipped_nations);
Datum
dp_shipped_nations(PG_FUNCTION_ARGS)
{

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < nat_count; i++)
	{
		const NatRow *r = &nat_rows[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, r->accession == NULL, false};
		int			ncodes = r->ncb_first < 0 ? 0 : r->ncb_last - r->ncb_first + 1;
		Datum	   *codes = palloc(sizeof(Datum) * (ncodes > 0 ? ncodes : 1));

		for (int k = 0; k < ncodes; k++)
			codes[k] = CStringGetTextDatum(psprintf("%02d", r->ncb_first + k));
		values[0] = CStringGetTextDatum(r->code);
		values[1] = CStringGetTextDatum(r->name);
		values[2] = BoolGetDatum(r->nato_member);
		values[3] = r->accession ? DirectFunctionCall1(date_in, CStringGetDatum(r->accession)) : (Datum) 0;
		values[4] = PointerGetDatum(construct_array(codes, ncodes, TEXTOID, -1, false, TYPALIGN_INT));
		dp_put_row(fcinfo, values, nulls, i);
	}
	return (Datum) 0;
}

/* dp.codification_country(nsn): the shipped nation whose bureau assigned it. */
PG_FUNCTION_INFO_V1(dp_codification_country);
Datum
dp_codification_country(PG_FUNCTION_ARGS)
{
	const NatRow *r = nat_by_ncb(nsnum_ncb(PG_GETARG_INT64(0)));

	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(r->code));
}

/* ---- the nations the current role acts for ---- */

/*
 * The current user's nations, for one transaction: all (superuser, BYPASSRLS
 * or a member of dp_all_nations) or the sorted ISO codes of the marker roles
 * it is a member of, directly or through other roles.  A change to role
 * membership or to a role (a rename) invalidates it.
 */
typedef struct NationCache
{
	bool		valid;
	Oid			userid;
	LocalTransactionId lxid;
	bool		all;
	int			n;
	int			cap;
	char	  (*codes)[4];
} NationCache;

static NationCache cache;
static bool callbacks_registered = false;

static void
invalidate_cache(Datum arg, int cacheid, uint32 hashvalue)
{
	cache.valid = false;
}

/* The nation a marker role stands for: its code in code[4], or "*"; false if not a marker. */
static bool
marker_nation(const char *rolname, char *code)
{
	size_t		plen = strlen(MARKER_PREFIX);

	if (strcmp(rolname, MARKER_ALL) == 0)
	{
		strcpy(code, "*");
		return true;
	}
	if (strncmp(rolname, MARKER_PREFIX, plen) != 0 || strlen(rolname) != plen + 3)
		return false;
	for (int i = 0; i < 3; i++)
	{
		char		c = rolname[plen + i];

		if (c < 'a' || c > 'z')
			return false;
		code[i] = (char) (c - 'a' + 'A');
	}
	code[3] = '\0';
	return true;
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp((const char *) a, (const char *) b);
}

/* Fill the cache for userid: walk its memberships (regardless of INHERIT, as pg_has_role MEMBER). */
static void
compute_nations(Oid userid)
{
	List	   *roles;

	cache.valid = false;
	cache.userid = userid;
	cache.lxid = MyProc->lxid;
	cache.all = superuser_arg(userid) || has_bypassrls_privilege(userid);
	cache.n = 0;
	if (!cache.all)
	{
		roles = list_make1_oid(userid);
		for (int i = 0; i < list_length(roles); i++)
		{
			Oid			r = list_nth_oid(roles, i);
			HeapTuple	tup = SearchSysCache1(AUTHOID, ObjectIdGetDatum(r));
			CatCList   *members;
			char		code[4];

			if (HeapTupleIsValid(tup))
			{
				if (marker_nation(NameStr(((Form_pg_authid) GETSTRUCT(tup))->rolname), code))
				{
					if (code[0] == '*')
						cache.all = true;
					else
					{
						if (cache.n == cache.cap)
						{
							cache.cap = cache.cap ? cache.cap * 2 : 8;
							cache.codes = cache.codes
								? repalloc(cache.codes, sizeof(*cache.codes) * cache.cap)
								: MemoryContextAlloc(TopMemoryContext, sizeof(*cache.codes) * cache.cap);
						}
						memcpy(cache.codes[cache.n++], code, 4);
					}
				}
				ReleaseSysCache(tup);
			}
			members = SearchSysCacheList1(AUTHMEMMEMROLE, ObjectIdGetDatum(r));
			for (int k = 0; k < members->n_members; k++)
				roles = list_append_unique_oid(roles, ((Form_pg_auth_members) GETSTRUCT(&members->members[k]->tuple))->roleid);
			ReleaseSysCacheList(members);
		}
		list_free(roles);
		if (cache.n > 1)
			qsort(cache.codes, cache.n, sizeof(*cache.codes), code_cmp);
	}
	cache.valid = true;
}

/* The current user's nations (cached for the transaction). */
static const NationCache *
current_nations(void)
{
	Oid			userid = GetUserId();

	if (!callbacks_registered)
	{
		CacheRegisterSyscacheCallback(AUTHMEMMEMROLE, invalidate_cache, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHOID, invalidate_cache, (Datum) 0);
		callbacks_registered = true;
	}
	if (!cache.valid || cache.userid != userid || cache.lxid != MyProc->lxid)
		compute_nations(userid);
	return &cache;
}

/* The nations as a text[]: {*} for all, else the sorted codes. */
static Datum
nations_array(const NationCache *c)
{
	Datum	   *elems;
	int			n = c->all ? 1 : c->n;

	elems = palloc(sizeof(Datum) * (n > 0 ? n : 1));
	if (c->all)
		elems[0] = CStringGetTextDatum("*");
	else
		for (int i = 0; i < n; i++)
			elems[i] = CStringGetTextDatum(c->codes[i]);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* dp.session_nations(): the nations the current role acts for ({*}: all). */
PG_FUNCTION_INFO_V1(dp_session_nations);
Datum
dp_session_nations(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(nations_array(current_nations()));
}

/* dp.sees_nation(nation): may the current role see this nation's rows? */
PG_FUNCTION_INFO_V1(dp_sees_nation);
Datum
dp_sees_nation(PG_FUNCTION_ARGS)
{
	text	   *nation = PG_GETARG_TEXT_PP(0);
	const NationCache *c = current_nations();
	char		code[4];

	if (c->all)
		PG_RETURN_BOOL(true);
	if (VARSIZE_ANY_EXHDR(nation) != 3)
		PG_RETURN_BOOL(false);
	memcpy(code, VARDATA_ANY(nation), 3);
	code[3] = '\0';
	PG_RETURN_BOOL(bsearch(code, c->codes, c->n, sizeof(*c->codes), code_cmp) != NULL);
}

/* ---- pooled figures computed with the extension owner's rights ---- */

/* The extension's owner. */
static Oid
extension_owner(void)
{
	Oid			ext = get_extension_oid(EXTENSION_NAME, false);
	Oid			owner = InvalidOid;
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(ext));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		owner = ((Form_pg_extension) GETSTRUCT(tup))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (!OidIsValid(owner))
		elog(ERROR, "extension %s has no owner", EXTENSION_NAME);
	return owner;
}

/*
 * dp._pooled_harmonized_demand() and its siblings: the rows of the internal
 * function of the same name that takes the viewer's nations (text[]),
 * called with the extension owner's rights.  The current role's nations are
 * worked out here, before the switch, so no caller can claim another's; the
 * internal function, whose EXECUTE is revoked from PUBLIC, applies the
 * confidentiality rule to them.  A view over a function with the owner's
 * rights (not a view with the owner's rights) is what works on Citus too:
 * Citus runs a view's shard queries as the current user.
 */
PG_FUNCTION_INFO_V1(dp_as_owner);
Datum
dp_as_owner(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			fn = fcinfo->flinfo->fn_oid;
	char	   *query = psprintf("SELECT * FROM %s.%s($1)",
								 quote_identifier(get_namespace_name(get_func_namespace(fn))),
								 quote_identifier(get_func_name(fn)));
	Datum		viewer = nations_array(current_nations());
	Oid			argtype = TEXTARRAYOID;
	Oid			save_userid;
	int			save_sec;
	int			ret;
	TupleDesc	want;

	InitMaterializedSRF(fcinfo, 0);
	want = rsinfo->setDesc;
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(extension_owner(), save_sec | SECURITY_LOCAL_USERID_CHANGE);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args(query, 1, &argtype, &viewer, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "%s failed: %s", query, SPI_result_code_string(ret));
	if (SPI_tuptable->tupdesc->natts != want->natts)
		elog(ERROR, "%s returns %d columns, expected %d", query, SPI_tuptable->tupdesc->natts, want->natts);
	for (int i = 0; i < want->natts; i++)
		if (TupleDescAttr(SPI_tuptable->tupdesc, i)->atttypid != TupleDescAttr(want, i)->atttypid)
			elog(ERROR, "%s returns column %d of another type", query, i + 1);
	for (uint64 i = 0; i < SPI_processed; i++)
		tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[i]);
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec);
	return (Datum) 0;
}

/* ---- DROP EXTENSION guard ---- */

/*
 * The planning tables (the extension's tables that pg_dump dumps) holding
 * rows pg_dump would dump, as a comma-separated list; NULL if none.  Read as
 * the bootstrap superuser, so row-level security hides nothing.
 */
static char *
tables_with_data(void)
{
	StringInfoData list;
	Oid			save_userid;
	int			save_sec;
	uint64		ntables;
	SPITupleTable *tables;

	initStringInfo(&list);
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(BOOTSTRAP_SUPERUSERID, save_sec | SECURITY_LOCAL_USERID_CHANGE);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("SELECT pg_catalog.format('%I.%I', n.nspname, c.relname),"
					"       pg_catalog.format('SELECT EXISTS (SELECT 1 FROM %I.%I %s)', n.nspname, c.relname, x.cond)"
					"  FROM pg_catalog.pg_extension e"
					" CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) WITH ORDINALITY AS x(rel, cond, pos)"
					"  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.rel"
					"  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
					" WHERE e.extname OPERATOR(pg_catalog.=) '" EXTENSION_NAME "' AND c.relkind OPERATOR(pg_catalog.=) 'r'"
	/* the materialised results and their bookkeeping: derived, dp.refresh_outlook recomputes them */
					"   AND c.relname OPERATOR(pg_catalog.<>) ALL ('{outlook,outlook_change,outlook_refresh,allocation,replenishment}')"
					" ORDER BY x.pos", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not list the tables of extension %s", EXTENSION_NAME);
	tables = SPI_tuptable;
	ntables = SPI_processed;
	for (uint64 i = 0; i < ntables; i++)
	{
		char	   *name = SPI_getvalue(tables->vals[i], tables->tupdesc, 1);
		char	   *probe = SPI_getvalue(tables->vals[i], tables->tupdesc, 2);
		bool		isnull;

		if (SPI_execute(probe, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "could not read table %s", name);
		if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)))
			appendStringInfo(&list, "%s%s", list.len ? ", " : "", name);
	}
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec);
	return list.len ? list.data : NULL;
}

/*
 * Event trigger (ddl_command_start, DROP EXTENSION and DROP SCHEMA): refuse
 * to drop the extension or its schema without CASCADE while a planning table
 * holds data (2BP01).  With CASCADE the DBA has said what they want.
 */
PG_FUNCTION_INFO_V1(dp_guard_drop);
Datum
dp_guard_drop(PG_FUNCTION_ARGS)
{
	EventTriggerData *trig;
	DropStmt   *stmt;
	const char *ours;
	bool		found = false;
	ListCell   *lc;
	char	   *tables;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		elog(ERROR, "dp._guard_drop() must be called as an event trigger");
	trig = (EventTriggerData *) fcinfo->context;
	if (!IsA(trig->parsetree, DropStmt))
		PG_RETURN_VOID();
	stmt = (DropStmt *) trig->parsetree;
	if (stmt->behavior == DROP_CASCADE)
		PG_RETURN_VOID();
	if (stmt->removeType == OBJECT_EXTENSION)
		ours = EXTENSION_NAME;
	else if (stmt->removeType == OBJECT_SCHEMA)
		ours = EXTENSION_SCHEMA;
	else
		PG_RETURN_VOID();
	foreach(lc, stmt->objects)
		if (IsA(lfirst(lc), String) && strcmp(strVal(lfirst(lc)), ours) == 0)
			found = true;
	if (!found || !OidIsValid(get_extension_oid(EXTENSION_NAME, true)))
		PG_RETURN_VOID();
	tables = tables_with_data();
	if (tables != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
				 stmt->removeType == OBJECT_EXTENSION
				 ? errmsg("cannot drop extension %s while its tables hold data", EXTENSION_NAME)
				 : errmsg("cannot drop schema %s while the tables of extension %s hold data",
						  EXTENSION_SCHEMA, EXTENSION_NAME),
				 errdetail("Tables with data: %s.", tables),
				 errhint("Dump them first; DROP EXTENSION %s CASCADE drops them with their data.",
						 EXTENSION_NAME)));
	PG_RETURN_VOID();
}
