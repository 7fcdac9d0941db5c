-- ===========================================================================
-- scale: a synthetic national-scale data set for benchmarks and sizing,
-- deterministic for a seed.  Scale factor 1 is 100,000 stockpiles with 60
-- months of consumption each (6 million consumption rows).
-- ===========================================================================

-- A deterministic number in [0, 1) from an integer key and a seed (PostgreSQL's
-- extended integer hash, stable across versions and platforms).  Inlined.
CREATE FUNCTION dp.scale_uniform(key bigint, seed integer) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (pg_catalog.hashint8extended(key, seed) OPERATOR(pg_catalog.&) 4503599627370495)::float8
           OPERATOR(pg_catalog./) 4503599627370496.0;
COMMENT ON FUNCTION dp.scale_uniform(bigint, integer) IS 'deterministic pseudo-random number in [0, 1) from an integer key and a seed (52 bits of hashint8extended), used by dp.generate_scale_data';

CREATE FUNCTION dp.generate_scale_data(stockpiles integer, months integer DEFAULT 60, seed integer DEFAULT 1)
    RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- simple expressions over many rows: compiling them costs more than it saves
AS $$
DECLARE
    nations text[];
    ncbs text[];
    -- the data's fixed dates: stock counted at the start of this month, the
    -- consumption history the months before it, deliveries and requirements after
    count_month constant date := '2025-07-01';
    first_month date;
    n_items integer;
    n_classes constant integer := 40;
    holders constant integer := 8;          -- nations holding each item
BEGIN
    IF stockpiles IS NULL OR stockpiles < 1 OR stockpiles > 10000000 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'stockpiles must be between 1 and 10000000',
            DETAIL = format('stockpiles is %s.', coalesce(stockpiles::text, 'NULL'));
    END IF;
    IF months IS NULL OR months < 1 OR months > 600 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'months must be between 1 and 600',
            DETAIL = format('months is %s.', coalesce(months::text, 'NULL'));
    END IF;
    IF seed IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = 'seed must not be NULL';
    END IF;
    PERFORM dp._require_empty_tables('dp.generate_scale_data()',
                                     'Generate the data into a fresh database, or empty the dp tables first.');

    nations := ARRAY(SELECT n.code FROM dp.nation n WHERE n.nato_member ORDER BY n.code);
    ncbs := ARRAY(SELECT DISTINCT c FROM dp.nation n, unnest(n.ncb_codes) c WHERE n.nato_member ORDER BY c);
    first_month := (count_month - make_interval(months => months))::date;
    n_items := (stockpiles + holders - 1) / holders;

    -- classes: munitions, missiles, spares... in a few units
    INSERT INTO dp.interop_class (class_id, description, unit)
        SELECT format('SC%s', lpad(c::text, 2, '0')),
               format('synthetic interoperability class %s', c),
               (ARRAY['round', 'missile', 'rocket', 'each', 'kit'])[1 + c % 5]
          FROM generate_series(1, n_classes) c;

    -- items: each in a class, with a demand pattern of its own; most NSNs are
    -- intermittent or lumpy, as in defence inventories (a few smooth, trending
    -- or seasonal fast movers)
    CREATE TEMP TABLE scale_item ON COMMIT DROP AS
        SELECT j,
               format('SYN-%s', lpad(j::text, 7, '0')) AS item_id,
               format('SC%s', lpad((1 + (dp.scale_uniform(j * 65536 + 1, seed) * n_classes)::integer % n_classes)::text, 2, '0')) AS interop_class,
               CASE WHEN u < 0.50 THEN 'intermittent' WHEN u < 0.70 THEN 'lumpy' WHEN u < 0.82 THEN 'smooth'
                    WHEN u < 0.91 THEN 'trending' ELSE 'seasonal' END AS pattern
          FROM (SELECT j, dp.scale_uniform(j * 65536 + 2, seed) AS u FROM generate_series(0::bigint, n_items - 1) j) x;
    INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit)
        SELECT i.item_id,
               -- a supply class of munitions and missiles, the NCB code of a member, a serial
               format('%s-%s-%s-%s',
                      (ARRAY['1305', '1310', '1315', '1320', '1330', '1336', '1340', '1375', '1376', '1410', '1420', '1427'])[1 + (substr(i.interop_class, 3)::integer % 12)],
                      ncbs[1 + j % array_length(ncbs, 1)],
                      lpad((j / 10000)::text, 3, '0'), lpad((j % 10000)::text, 4, '0'))::dp.nsn,
               format('synthetic %s item %s', i.pattern, j),
               i.interop_class,
               CASE WHEN dp.scale_uniform(j * 65536 + 3, seed) < 0.9 THEN 1 ELSE 6 END
          FROM scale_item i;

    -- stockpiles: item j is held by `holders` nations, spread evenly; the
    -- monthly use (base) spans three orders of magnitude
    CREATE TEMP TABLE scale_stock ON COMMIT DROP AS
        SELECT s.i, s.nation, it.item_id, it.pattern, s.base,
               0.15 + 0.30 * dp.scale_uniform(s.i * 65536 + 11, seed) AS p_demand,
               dp.scale_uniform(s.i * 65536 + 12, seed) * 12 AS phase,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 13, seed) < 0.6 THEN 1 ELSE -1 END AS trend_dir,
               round(s.base * 18 * dp.scale_uniform(s.i * 65536 + 14, seed)) AS on_hand,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 15, seed) < 0.9
                    THEN round(s.base * (6 + 18 * dp.scale_uniform(s.i * 65536 + 16, seed))) END AS target
          FROM (SELECT i, nations[1 + ((i / holders) * 5 + (i % holders) * 4) % array_length(nations, 1)] AS nation,
                       i / holders AS j,
                       round(power(10, 0.5 + 2.5 * dp.scale_uniform(i * 65536 + 10, seed)))::float8 AS base
                  FROM generate_series(0::bigint, stockpiles - 1) i) s
          JOIN scale_item it ON it.j = s.j
         ORDER BY s.nation, it.item_id;   -- rows in key order: the indexes below grow at their ends
    INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
        SELECT s.nation, s.item_id, count_month, s.on_hand, s.target FROM scale_stock s;

    -- consumption: one row a month (zero in months without demand), on a day of the month
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id,
               (first_month + make_interval(months => m) + make_interval(days => (27 * dp.scale_uniform(k + 1, seed))::integer))::date,
               greatest(0, round(CASE s.pattern
                   WHEN 'smooth' THEN s.base * (0.8 + 0.4 * u)
                   WHEN 'trending' THEN s.base * (1 + s.trend_dir * 0.6 * (m::float8 / months - 0.5)) * (0.8 + 0.4 * u)
                   WHEN 'seasonal' THEN s.base * (1 + 0.6 * sin(2 * pi() * (m + s.phase) / 12)) * (0.85 + 0.3 * u)
                   WHEN 'intermittent' THEN CASE WHEN u < s.p_demand THEN s.base / s.p_demand * (0.7 + 0.6 * v) ELSE 0 END
                   ELSE CASE WHEN u < s.p_demand THEN s.base / s.p_demand * 0.2 * exp(3 * v) ELSE 0 END
               END))
          FROM scale_stock s,
               generate_series(0, months - 1) m,
               LATERAL (SELECT s.i * 65536 + 256 + m * 4 AS k) kk,
               LATERAL (SELECT dp.scale_uniform(kk.k + 2, seed) AS u, dp.scale_uniform(kk.k + 3, seed) AS v) uv
         ORDER BY s.nation, s.item_id, m;

    -- planned deliveries over the next 24 months: monthly for fast movers, now and then for the rest
    INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
        SELECT s.nation, s.item_id,
               (count_month + make_interval(months => m, days => 19))::date,
               round(s.base * (CASE WHEN s.pattern IN ('smooth', 'trending', 'seasonal') THEN 1.6 ELSE 8 END)
                     * (0.5 + dp.scale_uniform(s.i * 65536 + 40000 + m * 2 + 1, seed)))
          FROM scale_stock s, generate_series(0, 23) m
         WHERE dp.scale_uniform(s.i * 65536 + 40000 + m * 2, seed)
               < CASE WHEN s.pattern IN ('smooth', 'trending', 'seasonal') THEN 0.5 ELSE 0.08 END
         ORDER BY s.nation, s.item_id, m;

    -- requirements: a stockpile below its objective asks for the gap in two tranches
    INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
        SELECT s.nation, s.item_id,
               (count_month + make_interval(months => 6 + 9 * t, days => 14))::date,
               round((s.target - s.on_hand) / 2),
               1 + (3 * dp.scale_uniform(s.i * 65536 + 50000 + t, seed))::integer % 3,
               CASE WHEN dp.scale_uniform(s.i * 65536 + 50002 + t, seed) < 0.8 THEN 1 ELSE 2 END
          FROM scale_stock s, generate_series(0, 1) t
         WHERE s.target > s.on_hand
         ORDER BY s.nation, s.item_id, t;

    -- production lines: two to five per class in member nations, sized against the class's
    -- requirements (some classes short of capacity), from 2022 to 2027
    CREATE TEMP TABLE scale_class ON COMMIT DROP AS
        SELECT ic.class_id, substr(ic.class_id, 3)::bigint AS k,
               2 + (4 * dp.scale_uniform(substr(ic.class_id, 3)::bigint * 65536 + 60300, seed))::integer % 4 AS lines,
               greatest(1, coalesce(q.total, 0) / 24) AS monthly
          FROM dp.interop_class ic
          LEFT JOIN (SELECT it.interop_class, sum(r.quantity * it.class_units_per_unit) AS total
                       FROM dp.requirement r JOIN dp.item it ON it.item_id = r.item_id
                      GROUP BY it.interop_class) q ON q.interop_class = ic.class_id;
    INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                    crisis_factor, conflict_factor, surge_periods, surge_from)
        SELECT format('%s-L%s', c.class_id, l), format('synthetic producer %s', l),
               nations[1 + (dp.scale_uniform(c.k * 65536 + 60000 + l, seed) * array_length(nations, 1))::integer % array_length(nations, 1)],
               c.class_id,
               dp.capvec('month', '2022-01-01',
                         ARRAY(SELECT round(c.monthly * (0.4 + 0.8 * dp.scale_uniform(c.k * 65536 + 60100 + l, seed)) / c.lines
                                            * (0.6 + 0.4 * least(g, 48) / 48.0))
                                 FROM generate_series(0, 71) g)),
               (ARRAY['peacetime', 'peacetime', 'peacetime', 'crisis'])[1 + (4 * dp.scale_uniform(c.k * 65536 + 60200 + l, seed))::integer % 4]::dp.posture,
               1.5, 2.5, 6, '2025-07-01'
          FROM scale_class c, generate_series(1, c.lines) l;

    -- bills of materials for about half the classes: three components, one to three suppliers each
    INSERT INTO dp.bom (interop_class, component, qty_per)
        SELECT ic.class_id, format('%s component %s', ic.class_id, k), 1 + (k = 2)::integer * 9
          FROM dp.interop_class ic, generate_series(1, 3) k
         WHERE dp.scale_uniform(substr(ic.class_id, 3)::bigint * 65536 + 61000, seed) < 0.5;
    INSERT INTO dp.component_source (component, supplier, country, capacity)
        SELECT b.component, format('synthetic supplier %s', sup),
               nations[1 + (dp.scale_uniform(b.k * 65536 + 61100 + sup, seed) * array_length(nations, 1))::integer % array_length(nations, 1)],
               dp.capvec('month', '2022-01-01',
                         array_fill(round(b.qty_per * b.monthly * (0.5 + dp.scale_uniform(b.k * 65536 + 61200 + sup, seed))), ARRAY[72]))
          FROM (SELECT bm.component, bm.qty_per,
                       substr(bm.interop_class, 3)::bigint * 16 + substr(bm.component, length(bm.component))::bigint AS k,
                       greatest(1, (SELECT sum(pl.total) FROM (SELECT dp.total(p.capacity) / 72 AS total FROM dp.production_line p
                                                                WHERE p.interop_class = bm.interop_class) pl)) AS monthly
                  FROM dp.bom bm) b,
               generate_series(1, 3) sup
         WHERE sup = 1 OR dp.scale_uniform(b.k * 65536 + 61300 + sup, seed) < 0.5;

    RETURN format('generated %s stockpiles of %s items in %s classes held by %s nations, %s consumption rows over %s months, %s deliveries, %s requirements, %s production lines; run dp.refresh_outlook(true) to compute the outlook',
                  stockpiles, n_items, n_classes, (SELECT count(DISTINCT s.nation) FROM scale_stock s),
                  stockpiles::bigint * months, months,
                  (SELECT count(*) FROM dp.planned_delivery), (SELECT count(*) FROM dp.requirement),
                  (SELECT count(*) FROM dp.production_line));
END
$$;
COMMENT ON FUNCTION dp.generate_scale_data(integer, integer, integer) IS 'fills empty planning tables with a synthetic data set of the given number of stockpiles (8 nations per item, 40 classes, mostly intermittent and lumpy demand, a consumption row per stockpile and month over `months` months before 2025-07-01, deliveries, requirements, production lines, bills of materials), the same for the same arguments; fails with 55000 if the tables hold data';
