-- Catalog checks over every object of the extension: comments, function
-- markings, and search_path safety of SQL-language code.
SET search_path = "$user", public, dp;

-- extension members (functions, types, operators, casts, tables, views, ...) without a comment
SELECT pg_describe_object(d.classid, d.objid, 0) AS uncommented
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'defence_production')
   AND d.deptype = 'e'
   AND obj_description(d.objid, d.classid::regclass::text) IS NULL
   -- array types and table row types are implicit
   AND NOT (d.classid = 'pg_type'::regclass AND EXISTS (
         SELECT 1 FROM pg_type t WHERE t.oid = d.objid AND (t.typelem <> 0 AND t.typlen = -1 OR t.typrelid <> 0)))
 ORDER BY 1;

-- columns of the extension's tables and views without a comment
SELECT c.relname || '.' || a.attname AS uncommented_column
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'dp'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relkind IN ('r', 'v') AND col_description(c.oid, a.attnum) IS NULL
 ORDER BY 1;

-- every function's markings: volatility (i/s/v), strictness, parallel safety (s/r/u)
SELECT p.oid::regprocedure AS function, p.provolatile AS vol, p.proisstrict AS strict, p.proparallel AS par
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'dp'
 ORDER BY p.proname, p.oid::regprocedure::text;

-- SQL and PL/pgSQL code must not depend on the caller's search_path: SQL functions use
-- standard (BEGIN ATOMIC) bodies, resolved at creation; others pin search_path
SELECT p.oid::regprocedure AS unpinned
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'dp'
  JOIN pg_language l ON l.oid = p.prolang
 WHERE l.lanname IN ('sql', 'plpgsql') AND p.prosqlbody IS NULL
   AND NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, pg_temp'], false)
 ORDER BY 1;

-- the views BI tools read (all but the internal ones, named _...) expose only plain SQL types
SELECT table_name, column_name, data_type
  FROM information_schema.columns
 WHERE table_schema = 'dp' AND table_name IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'dp')
   AND table_name NOT LIKE '\_%'
   AND data_type NOT IN ('date', 'double precision', 'numeric', 'integer', 'bigint', 'smallint', 'text', 'boolean')
 ORDER BY 1, 2;

-- the first check can fail: an uncommented function added to the extension shows up
CREATE FUNCTION dp.catalog_probe() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 1;
ALTER EXTENSION defence_production ADD FUNCTION dp.catalog_probe();
SELECT pg_describe_object(d.classid, d.objid, 0) AS uncommented
  FROM pg_depend d
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'defence_production')
   AND d.deptype = 'e' AND obj_description(d.objid, d.classid::regclass::text) IS NULL
   AND d.classid = 'pg_proc'::regclass;
ALTER EXTENSION defence_production DROP FUNCTION dp.catalog_probe();
DROP FUNCTION dp.catalog_probe();
