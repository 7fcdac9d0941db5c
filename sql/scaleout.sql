-- dp.distribute() without Citus: a clear error naming what to do first
SET search_path = "$user", public, dp;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

SELECT pg_temp.err($$SELECT * FROM dp.distribute()$$);
-- its markings: volatile, not strict (the shard count may be NULL), runs with a pinned search_path
SELECT p.provolatile, p.proisstrict, p.proretset, p.proconfig
  FROM pg_proc p WHERE p.oid = 'dp.distribute(integer)'::regprocedure;
