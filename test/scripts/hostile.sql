-- Hostile SQL (run by hostile.sh): mutated strings through every input path
-- of the extension's types, and every SQL function of schema dp called with
-- NULLs, empty vectors, NaN, infinities, extreme and mismatched values.
-- Input paths and functions come from the catalog, so ones added later are
-- covered (a type or argument type without values below makes the test
-- fail, naming it).  Everything lives in schema hostile of a scratch
-- database.
CREATE SCHEMA hostile;
SET search_path = hostile, pg_catalog;

-- ---- values ------------------------------------------------------------------

-- valid text forms of each input path to mutate from (enum labels are added
-- from pg_enum); path is the target type, or 'jsonb' for the cast from jsonb
CREATE TABLE seed (path text, s text);
INSERT INTO seed VALUES
  ('dp.capvec', 'month 2024-01-01 [100,120.5,0.1]'), ('dp.capvec', 'week 2024-01-01 []'),
  ('dp.capvec', 'day 2024-02-29 [1e308,-1e308,5e-324]'), ('dp.capvec', 'quarter 2024-04-01 [0.1,-2.5,+3,.5,5.,1e2]'),
  ('dp.capvec', 'year 9999-01-01 [1]'), ('dp.capvec', ' MONTH 0001-01-01[ -0 , 1 ] '),
  ('dp.capvec_state', '2 month 2024-01-01 [1,2]'), ('dp.capvec_state', '9223372036854775807 day 2024-01-01 []'),
  ('dp.capvec_state', '1 week 2024-01-01 [0.30000000000000004]'),
  ('dp.nsn', '1320-01-234-5678'), ('dp.nsn', '1320012345678'), ('dp.nsn', ' 5820-00-123-4567 '),
  ('dp.hhi_state', '2 x4004 x400a9 5'), ('dp.hhi_state', '9007199254740992 x3ff x3ff -1074'),
  ('dp.capvec_state', '2 month 2024-01-01 x[3ff,4,3fb999999999999a]'),
  ('jsonb', '{"period": "month", "start": "2024-01-01", "values": [100, 120.5, 0.1]}'),
  ('jsonb', '{"values": [1e20, -3], "start": "2024-04-01", "period": "QUARTER"}'),
  ('jsonb', '{"period": "week", "start": "2024-01-01", "values": []}');

-- what a mutation inserts: syntax, numbers at the edges, long runs, multibyte text
CREATE TABLE piece (p text);
INSERT INTO piece VALUES ('0'), ('1'), ('9'), ('.'), ('-'), ('+'), ('e'), ('E'), ('['), (']'), (','),
  (' '), (E'\t'), (E'\n'), ('N'), ('a'), ('I'), ('n'), ('f'), ('x'), ('"'), (''''), (E'\\'), ('{'), ('}'), (':'),
  ('é'), ('€'), ('𝄞'), ('day'), ('month'), ('2024-01-01'), ('2024-02-30'), ('01/02/2024'), ('today'),
  ('1e308'), ('1e309'), ('1e-400'), ('5e-324'), ('NaN'), ('Infinity'), ('-0'), ('0x10'),
  ('9223372036854775807'), ('9223372036854775808'), ('null'), ('true'), ('"values"'), ('[1,2]'),
  (repeat('9', 400)), (repeat('0', 1200)), (repeat(',', 64)), (repeat(' ', 200)), (repeat('1,', 100));
CREATE TABLE piece_array AS SELECT array_agg(p) AS a FROM piece;

-- argument values of each type, as SQL expressions; '@M' and '@W' stand for
-- a month and a week vector
CREATE TABLE pool (typ regtype, lit text);
INSERT INTO pool (typ, lit)
SELECT 'double precision'::regtype, x FROM unnest(ARRAY[
  'NULL::float8', '0::float8', '''-0''::float8', '1::float8', '-1::float8', '0.5::float8', '2::float8',
  '100::float8', '0.9999999999999999::float8', '''NaN''::float8', '''Infinity''::float8', '''-Infinity''::float8',
  '1.7976931348623157e308::float8', '-1.7976931348623157e308::float8', '5e-324::float8', '1e15::float8']) x
UNION ALL SELECT 'integer', x FROM unnest(ARRAY[
  'NULL::int', '0', '1', '-1', '2', '3', '12', '24', '1000000', '1000001', '2147483647', '-2147483648']) x
UNION ALL SELECT 'bigint', x FROM unnest(ARRAY[
  'NULL::bigint', '0::bigint', '1::bigint', '-1::bigint', '9223372036854775807::bigint', '(-9223372036854775807 - 1)::bigint']) x
UNION ALL SELECT 'boolean', x FROM unnest(ARRAY['NULL::boolean', 'true', 'false']) x
UNION ALL SELECT 'text', x FROM unnest(ARRAY[
  'NULL::text', '''''::text', '''day''::text', '''week''::text', '''month''::text', '''quarter''::text', '''year''::text',
  '''MONTH''::text', '''auto''::text', '''naive''::text', '''mean''::text', '''moving_average''::text', '''ses''::text',
  '''holt''::text', '''damped''::text', '''croston''::text', '''sba''::text', '''tsb''::text', '''adida''::text',
  '''imapa''::text', '''ets''::text', '''theta''::text', '''fair''::text', '''proportional''::text', '''priority''::text',
  '''normal''::text', '''gamma''::text', '''linear''::text', '''s-curve''::text', '''step''::text', '''#c00''::text',
  '''é€𝄞''::text', 'repeat(''x'', 100000)']) x
UNION ALL SELECT 'timestamp without time zone', x FROM unnest(ARRAY[
  'NULL::timestamp', '''2024-01-31 23:30''::timestamp', '''infinity''::timestamp', '''-infinity''::timestamp',
  '''4713-01-01 00:00 BC''::timestamp', '''294276-12-31 23:59''::timestamp', '''2000-01-01''::timestamp']) x
UNION ALL SELECT 'timestamp with time zone', x FROM unnest(ARRAY[
  'NULL::timestamptz', '''2024-01-31 23:30+00''::timestamptz', '''infinity''::timestamptz', '''-infinity''::timestamptz',
  '''0001-01-01 00:00+14''::timestamptz', '''9999-12-31 23:30-12''::timestamptz']) x
UNION ALL SELECT 'dp.hhi_state', x FROM unnest(ARRAY[
  'NULL::dp.hhi_state', '''2 x4004 x400a9 5''::dp.hhi_state', '''1 x3ff x3ff 0''::dp.hhi_state',
  '''9007199254740992 x3ff x3ff 1000''::dp.hhi_state']) x
UNION ALL SELECT 'date', x FROM unnest(ARRAY[
  'NULL::date', '''2024-01-01''::date', '''2024-01-15''::date', '''2024-07-01''::date', '''2000-01-03''::date',
  '''infinity''::date', '''-infinity''::date', '''0001-01-01''::date', '''9999-12-31''::date',
  '''4713-01-01 BC''::date', '''5874897-12-31''::date']) x
UNION ALL SELECT 'dp.capvec', x FROM unnest(ARRAY[
  'NULL::dp.capvec', '''month 2024-01-01 []''::dp.capvec', '''month 2024-01-01 [1]''::dp.capvec', '@M', '@W',
  '''month 2024-01-01 [1,2,3,4,5,6,7,8,9,10,11,12]''::dp.capvec', '''week 2024-01-01 [0,0,0]''::dp.capvec',
  '''day 2024-01-01 [1e308,1e308]''::dp.capvec', '''year 9999-01-01 [1.7976931348623157e308]''::dp.capvec',
  '''day 0001-01-01 [-1.7976931348623157e308]''::dp.capvec', '''quarter 2024-01-01 [-1,-2]''::dp.capvec',
  '''month 2024-01-01 [5e-324,0,1e-300]''::dp.capvec', '''month 9999-12-01 [1]''::dp.capvec',
  '''month 2024-01-01 [-1.7e308,1.7e308,0]''::dp.capvec', '''year 2024-01-01 [1,0,0,0,7]''::dp.capvec',
  'dp.capvec(''day'', ''2000-01-01'', array_fill(3::float8, ARRAY[5000]))',
  'dp.capvec(''month'', ''2000-01-01'', (SELECT array_agg((i % 7)::float8) FROM generate_series(1, 240) i))']) x
UNION ALL SELECT 'dp.capvec[]', x FROM unnest(ARRAY[
  'NULL::dp.capvec[]', '''{}''::dp.capvec[]', 'ARRAY[@M]', 'ARRAY[@M, NULL]', 'ARRAY[@M, @W]', 'ARRAY[@M, @M, @M]',
  'ARRAY[''month 2024-01-01 [1.7976931348623157e308]''::dp.capvec, ''month 2024-01-01 [1.7976931348623157e308]'']',
  'ARRAY[''month 2024-01-01 []''::dp.capvec]', 'ARRAY[[@M], [@M]]',
  '(SELECT array_agg(@M) FROM generate_series(1, 300))']) x
UNION ALL SELECT 'double precision[]', x FROM unnest(ARRAY[
  'NULL::float8[]', '''{}''::float8[]', '''{1}''::float8[]', '''{1,NULL}''::float8[]', '''{NaN}''::float8[]',
  '''{-1}''::float8[]', '''{1e308,1e308}''::float8[]', '''{{1,2},{3,4}}''::float8[]', '''{0}''::float8[]',
  '''{1,2,3}''::float8[]', '''{Infinity,1}''::float8[]']) x
UNION ALL SELECT 'integer[]', x FROM unnest(ARRAY[
  'NULL::int[]', '''{}''::int[]', '''{1}''::int[]', '''{1,NULL}''::int[]', '''{2147483647,-2147483648}''::int[]',
  '''{1,2,3}''::int[]', '''{{1},{2}}''::int[]']) x
UNION ALL SELECT 'text[]', x FROM unnest(ARRAY[
  'NULL::text[]', '''{}''::text[]', '''{a}''::text[]', '''{a,NULL}''::text[]', 'ARRAY[repeat(''é'', 50000)]',
  '''{a,b,c}''::text[]', '''{{a},{b}}''::text[]']) x
UNION ALL SELECT 'date[]', x FROM unnest(ARRAY[
  'NULL::date[]', '''{}''::date[]', '''{2024-01-01}''::date[]', '''{2024-01-01,NULL}''::date[]', '''{infinity}''::date[]',
  '''{2024-03-01,2024-01-01}''::date[]']) x
UNION ALL SELECT 'dp.nsn', x FROM unnest(ARRAY[
  'NULL::dp.nsn', '''1320-01-234-5678''::dp.nsn', '''9999-99-999-9999''::dp.nsn', '''1000-00-000-0000''::dp.nsn']) x
UNION ALL SELECT 'dp.capvec_state', x FROM unnest(ARRAY[
  'NULL::dp.capvec_state', '''1 month 2024-01-01 []''::dp.capvec_state', '''1 month 2024-01-01 [1]''::dp.capvec_state',
  '''9223372036854775807 day 2024-01-01 [1.7976931348623157e308]''::dp.capvec_state',
  '''3 week 2024-01-01 [1,2]''::dp.capvec_state']) x
UNION ALL SELECT 'dp.posture', x FROM unnest(ARRAY[
  'NULL::dp.posture', '''peacetime''::dp.posture', '''crisis''::dp.posture', '''conflict''::dp.posture']) x
UNION ALL SELECT 'jsonb', x FROM unnest(ARRAY[
  'NULL::jsonb', '''{}''::jsonb', '''[]''::jsonb', '''null''::jsonb',
  '''{"period": "month", "start": "2024-01-01", "values": [1]}''::jsonb']) x;
UPDATE pool SET lit = replace(replace(lit, '@M', '''month 2024-01-01 [10,20,30]''::dp.capvec'),
                              '@W', '''week 2024-01-01 [1,2]''::dp.capvec');

-- ---- mutations -----------------------------------------------------------------

-- One to three random edits: insert a piece, delete, replace, truncate, or
-- copy a stretch of the string into it.
CREATE FUNCTION mutate(s text, pieces text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n int := length(s);
  pos int;
  np int := array_length(pieces, 1);
BEGIN
  FOR i IN 1 .. 1 + floor(random() * 3)::int LOOP
    n := length(s);
    pos := floor(random() * (n + 1))::int;
    CASE floor(random() * 6)::int
      WHEN 0, 1 THEN s := overlay(s PLACING pieces[1 + floor(random() * np)::int] FROM pos + 1 FOR 0);
      WHEN 2 THEN s := overlay(s PLACING '' FROM pos + 1 FOR 1 + floor(random() * 4)::int);
      WHEN 3 THEN s := overlay(s PLACING pieces[1 + floor(random() * np)::int] FROM pos + 1 FOR 1);
      WHEN 4 THEN s := left(s, pos);
      ELSE s := overlay(s PLACING substr(s, 1 + floor(random() * (n + 1))::int, floor(random() * 12)::int)
                        FROM pos + 1 FOR 0);
    END CASE;
  END LOOP;
  RETURN s;
END $$;

-- The input paths: text input of every base, enum and domain type of schema
-- dp, and every cast into a dp type from jsonb.
CREATE VIEW input_path AS
SELECT t.oid::regtype::text AS path, 'text' AS source
  FROM pg_type t
 WHERE t.typnamespace = 'dp'::regnamespace AND t.typtype IN ('b', 'e', 'd') AND t.typcategory <> 'A'
UNION ALL
SELECT c.casttarget::regtype::text, 'jsonb'
  FROM pg_cast c JOIN pg_type t ON t.oid = c.casttarget
 WHERE t.typnamespace = 'dp'::regnamespace AND c.castsource = 'jsonb'::regtype;

-- n mutated strings through one input path: the SQLSTATEs they raise (ok:
-- accepted), with an example of each.  One function per path, so its cast is
-- planned once.
CREATE FUNCTION run_input(target text, source text, n int,
                          OUT code text, OUT hits bigint, OUT example text)
RETURNS SETOF record LANGUAGE plpgsql SET search_path = hostile, pg_catalog AS $$
DECLARE
  seeds text[];
  pieces text[] := (SELECT a FROM piece_array);
  fn text := 'hostile.try_' || md5(target || source);
BEGIN
  IF source = 'jsonb' THEN
    seeds := ARRAY(SELECT s FROM seed WHERE path = 'jsonb');
  ELSE
    seeds := ARRAY(SELECT s FROM seed WHERE path = target
                   UNION ALL SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = target::regtype);
  END IF;
  IF coalesce(array_length(seeds, 1), 0) = 0 THEN
    RAISE EXCEPTION 'no seed strings for input path % from %: add some to hostile.sql', target, source;
  END IF;
  EXECUTE format($f$
    CREATE FUNCTION %s(seeds text[], pieces text[], n int) RETURNS TABLE (code text, hits bigint, example text)
    LANGUAGE plpgsql AS $b$
    DECLARE
      s text;
      c text;
      counts jsonb := '{}';
      examples jsonb := '{}';
    BEGIN
      FOR i IN 1 .. n LOOP
        s := hostile.mutate(seeds[1 + (i %% array_length(seeds, 1))], pieces);
        BEGIN
          PERFORM s::%s::%s;
          c := 'ok';
        EXCEPTION WHEN OTHERS THEN
          c := SQLSTATE;
        END;
        counts := jsonb_set(counts, ARRAY[c], to_jsonb(coalesce((counts ->> c)::bigint, 0) + 1));
        IF NOT examples ? c THEN
          examples := jsonb_set(examples, ARRAY[c], to_jsonb(left(s, 60)));
        END IF;
      END LOOP;
      RETURN QUERY SELECT k, v::bigint, examples ->> k FROM jsonb_each_text(counts) AS e(k, v) ORDER BY k;
    END $b$ $f$, fn, CASE WHEN source = 'jsonb' THEN 'jsonb' ELSE 'text' END, target);
  RETURN QUERY EXECUTE format('SELECT * FROM %s($1, $2, $3)', fn) USING seeds, pieces, n;
END $$;

-- ---- function calls ------------------------------------------------------------

-- The functions called: every function and aggregate of schema dp except
-- those with side effects (VOLATILE: role mapping, sample data, refreshes)
-- and those that take pseudo-types (type support functions: input, output,
-- receive, sort support), whose paths the mutations and the fuzzers cover.
CREATE VIEW target_function AS
SELECT p.oid, p.oid::regprocedure::text AS sig, 'dp.' || quote_ident(p.proname) AS name, p.prokind, p.proretset,
       p.proargtypes::oid[] AS args
  FROM pg_proc p
 WHERE p.pronamespace = 'dp'::regnamespace
   AND p.prokind IN ('f', 'a')
   AND p.provolatile <> 'v'
   AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a JOIN pg_type t ON t.oid = a
                    WHERE t.typtype = 'p');

-- Argument types of the target functions that have no values in pool.
CREATE VIEW missing_pool AS
SELECT DISTINCT a::regtype::text AS typ
  FROM target_function f, unnest(f.args) a
 WHERE NOT EXISTS (SELECT 1 FROM pool WHERE pool.typ = a);

-- m calls of each target function, as psql input: each statement's result
-- goes nowhere and a failure prints "E <k> <SQLSTATE> <message>" (k: the
-- statement's number, counting the lines that start with SELECT).
-- Plain functions are called in SELECT, set-returning ones in FROM,
-- aggregates over three rows of random arguments.
CREATE FUNCTION calls(m int) RETURNS SETOF text LANGUAGE plpgsql SET search_path = hostile, pg_catalog AS $$
DECLARE
  f record;
  k int := 0;
  stmt text;
  argv text[];
  rows text[];
BEGIN
  FOR f IN SELECT * FROM target_function ORDER BY sig LOOP
    FOR i IN 1 .. m LOOP
      k := k + 1;
      IF f.prokind = 'a' THEN
        rows := ARRAY[]::text[];
        FOR r IN 1 .. 3 LOOP
          argv := ARRAY(SELECT (SELECT lit FROM pool WHERE pool.typ = a ORDER BY random() + g * 0 LIMIT 1)
                          FROM unnest(f.args) WITH ORDINALITY AS u(a, g) ORDER BY g);
          rows := rows || ('(' || array_to_string(argv, ', ') || ')');
        END LOOP;
        stmt := format('SELECT %s(%s) FROM (VALUES %s) t(%s)', f.name,
                       (SELECT string_agg('a' || g, ', ' ORDER BY g) FROM generate_series(1, cardinality(f.args)) g),
                       array_to_string(rows, ', '),
                       (SELECT string_agg('a' || g, ', ' ORDER BY g) FROM generate_series(1, cardinality(f.args)) g));
      ELSE
        argv := ARRAY(SELECT (SELECT lit FROM pool WHERE pool.typ = a ORDER BY random() + g * 0 LIMIT 1)
                        FROM unnest(f.args) WITH ORDINALITY AS u(a, g) ORDER BY g);
        stmt := CASE WHEN f.proretset
                     THEN format('SELECT count(*) FROM %s(%s)', f.name, array_to_string(argv, ', '))
                     ELSE format('SELECT %s(%s) IS NULL', f.name, array_to_string(argv, ', ')) END;
      END IF;
      RETURN NEXT stmt || E' \\g /dev/null';
      RETURN NEXT E'\\if :ERROR';
      RETURN NEXT format(E'\\echo E %s :SQLSTATE :''LAST_ERROR_MESSAGE''', k);
      RETURN NEXT E'\\endif';
    END LOOP;
  END LOOP;
END $$;
