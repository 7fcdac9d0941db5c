-- ===========================================================================
-- sample: an illustrative data set behind the README's demo.
--
-- Production figures follow public reporting (see README, "Sample data");
-- stock levels, consumption, deliveries, requirements, component supply and
-- the NSNs are made up for illustration.  Dates are fixed (stock counted on
-- 2025-07-01, 24 months of history before it), so the demo is reproducible.
-- ===========================================================================

-- A deterministic number in [0, 1) from a text key (md5 based, stable across versions).
CREATE FUNCTION dp.sample_uniform(key text) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT (('x' OPERATOR(pg_catalog.||) pg_catalog.substr(pg_catalog.md5(key), 1, 8))::bit(32)::bigint)::float8 OPERATOR(pg_catalog./) 4294967296.0;
END;
COMMENT ON FUNCTION dp.sample_uniform(text) IS 'deterministic pseudo-random number in [0, 1) from a text key, used to generate the sample data';

-- A monthly capacity vector from 2022-01 to 2027-12 that moves linearly between dated levels.
CREATE FUNCTION dp.sample_levels(dates date[], levels float8[]) RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT dp.capvec('month', '2022-01-01', pg_catalog.array_agg(v ORDER BY m))
      FROM (SELECT m.m,
                   (SELECT CASE WHEN m.m <= dates[1] THEN levels[1]
                                WHEN m.m >= dates[pg_catalog.array_length(dates, 1)] THEN levels[pg_catalog.array_length(levels, 1)]
                                ELSE levels[k] + (levels[k + 1] - levels[k]) * (m.m - dates[k])
                                     / (dates[k + 1] - dates[k])::float8 END
                      FROM (SELECT pg_catalog.max(i) AS k FROM pg_catalog.generate_subscripts(dates, 1) i
                             WHERE dates[i] <= m.m) kk) AS v
              FROM (SELECT g::date AS m
                      FROM pg_catalog.generate_series('2022-01-01'::date, '2027-12-01'::date, '1 mon'::interval) g) m) x;
END;
COMMENT ON FUNCTION dp.sample_levels(date[], float8[]) IS 'monthly vector 2022-01 to 2027-12 interpolating linearly between dated levels (sample data helper)';

-- Raise 55000 naming the first planning table that holds rows: the data
-- loaders (sample, scale) fill empty tables only.
CREATE FUNCTION dp._require_empty_tables(loader text, hint text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
    has_rows boolean;
BEGIN
    FOREACH t IN ARRAY ARRAY['interop_class', 'item', 'stockpile', 'consumption', 'planned_delivery',
                             'requirement', 'production_line', 'bom', 'component_source'] LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM dp.%I)', t) INTO has_rows;
        IF has_rows THEN
            RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
                MESSAGE = format('%s needs empty tables', loader),
                DETAIL = format('Table dp.%s already holds data.', t),
                HINT = hint;
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp._require_empty_tables(text, text) IS 'internal: raises 55000 "<loader> needs empty tables" with the hint if a planning table holds rows';

CREATE FUNCTION dp.load_sample_data() RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp._require_empty_tables('dp.load_sample_data()',
                                     'Load the sample data into a fresh database, or empty the dp tables first.');

    -- interoperability classes
    INSERT INTO dp.interop_class (class_id, description, unit) VALUES
        ('155mm', 'NATO 155 mm artillery rounds (JBMoU ballistics, interchangeable)', 'round'),
        ('120mm', '120 mm smoothbore tank rounds', 'round'),
        ('javelin', 'Javelin anti-tank guided missiles', 'missile'),
        ('gmlrs', 'Guided MLRS rockets (M270/HIMARS)', 'rocket'),
        ('stinger', 'Stinger man-portable air-defence missiles', 'missile');

    -- items; the NSNs are invented, in the right supply classes (1320 over 125 mm, 1315 75-125 mm,
    -- 1410 guided missiles, 1340 rockets) with the assigning nation's NCB code
    INSERT INTO dp.item (item_id, nsn, name, interop_class, class_units_per_unit) VALUES
        ('155-HE-US', '1320-01-555-0101', '155 mm HE projectile, US pattern', '155mm', 1),
        ('155-HE-DE', '1320-12-555-0102', '155 mm HE projectile, German pattern', '155mm', 1),
        ('155-HE-FR', '1320-14-555-0103', '155 mm HE projectile, French pattern', '155mm', 1),
        ('155-HE-GB', '1320-99-555-0104', '155 mm HE projectile, British pattern', '155mm', 1),
        ('155-HE-PL', '1320-43-555-0105', '155 mm HE projectile, Polish pattern', '155mm', 1),
        ('155-PAL8', '1320-17-555-0106', '155 mm HE projectiles, pallet of 8', '155mm', 8),
        ('120-KE-DE', '1315-12-555-0201', '120 mm kinetic energy round', '120mm', 1),
        ('JAV-MSL', '1410-01-555-0301', 'Javelin missile', 'javelin', 1),
        ('GMLRS-U', '1340-01-555-0401', 'GMLRS unitary rocket pod (6 rockets)', 'gmlrs', 6),
        ('STINGER', '1410-01-555-0501', 'Stinger missile', 'stinger', 1);

    -- stock on 2025-07-01 (illustrative): nation, item, on hand, target, monthly use (for the history)
    CREATE TEMP TABLE sample_stock (nation text, item_id text, on_hand float8, target float8, use float8, lumpy boolean)
        ON COMMIT DROP;
    INSERT INTO sample_stock VALUES
        ('USA', '155-HE-US', 420000, 600000, 30000, false),
        ('DEU', '155-HE-DE', 35000, 230000, 7000, false),
        ('FRA', '155-HE-FR', 45000, 150000, 5000, false),
        ('GBR', '155-HE-GB', 40000, 140000, 4500, false),
        ('POL', '155-HE-PL', 110000, 300000, 9000, false),
        ('NLD', '155-PAL8', 4000, 12000, 450, false),
        ('NOR', '155-HE-DE', 18000, 60000, 1800, false),
        ('EST', '155-HE-DE', 12000, 90000, 2500, false),
        ('ITA', '155-HE-FR', 30000, 90000, 2200, false),
        ('CZE', '155-HE-PL', 14000, 70000, 2600, false),
        ('DEU', '120-KE-DE', 15000, 30000, 300, false),
        ('POL', '120-KE-DE', 12000, 25000, 350, false),
        ('USA', 'JAV-MSL', 14000, 20000, 180, true),
        ('GBR', 'JAV-MSL', 1800, 3000, 25, true),
        ('NOR', 'JAV-MSL', 900, 1500, 12, true),
        ('EST', 'JAV-MSL', 1200, 2000, 20, true),
        ('FRA', 'JAV-MSL', 700, 1200, 10, true),
        ('USA', 'GMLRS-U', 4500, 7000, 90, true),
        ('GBR', 'GMLRS-U', 600, 1000, 12, true),
        ('POL', 'GMLRS-U', 300, 1500, 8, true),
        ('EST', 'GMLRS-U', 120, 400, 4, true),
        ('USA', 'STINGER', 6000, 9000, 60, true),
        ('DEU', 'STINGER', 1500, 2500, 25, true),
        ('NLD', 'STINGER', 500, 900, 8, true);

    INSERT INTO dp.stockpile (nation, item_id, as_of, on_hand, target)
        SELECT s.nation, s.item_id, '2025-07-01', s.on_hand, s.target FROM sample_stock s;

    -- 24 months of consumption before the count (2023-07 to 2025-06): weekly for munitions fired in
    -- volume, with donation surges in autumn 2023; monthly and intermittent for missiles
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, w::date,
               round(s.use * 12 / 52 * (0.6 + 0.8 * dp.sample_uniform(s.nation || s.item_id || w::date))
                     * CASE WHEN w >= '2023-09-01' AND w < '2023-12-01' THEN 2.5 ELSE 1 END)
          FROM sample_stock s,
               generate_series('2023-07-03'::date, '2025-06-30'::date, '7 days'::interval) w
         WHERE NOT s.lumpy;
    INSERT INTO dp.consumption (nation, item_id, at, quantity)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(s.use * 3 * (0.5 + dp.sample_uniform('size' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2023-07-01'::date, '2025-06-01'::date, '1 mon'::interval) m
         WHERE s.lumpy AND dp.sample_uniform(s.nation || s.item_id || m::date) < 0.35;

    -- planned deliveries, 2025-07 to 2027-06: a quarter of monthly use at first, rising by a
    -- twentieth of it each month as new contracts deliver
    INSERT INTO dp.planned_delivery (nation, item_id, due, quantity)
        SELECT s.nation, s.item_id, (m + '20 days'::interval)::date,
               round(s.use * (0.25 + 0.05 * (extract(year FROM age(m, '2025-07-01')) * 12 + extract(month FROM age(m, '2025-07-01'))))
                     * (0.8 + 0.4 * dp.sample_uniform('del' || s.nation || s.item_id || m::date)))
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE NOT s.lumpy OR dp.sample_uniform('dm' || s.nation || s.item_id || m::date) < 0.5;

    -- requirements: what each nation wants to procure each month: its consumption plus a
    -- 24th of the gap to its stock objective; 120 mm has only two nations (its pooled figures
    -- stay hidden below dp.min_contributors)
    INSERT INTO dp.requirement (nation, item_id, need_by, quantity, priority, weight)
        SELECT s.nation, s.item_id, (m + '14 days'::interval)::date,
               round(((s.target - s.on_hand) / 24 + s.use) * (0.7 + 0.6 * dp.sample_uniform('req' || s.nation || s.item_id || m::date))),
               CASE s.nation WHEN 'EST' THEN 1 WHEN 'POL' THEN 1 WHEN 'USA' THEN 3 ELSE 2 END,
               CASE s.nation WHEN 'EST' THEN 2 WHEN 'POL' THEN 1.5 ELSE 1 END
          FROM sample_stock s,
               generate_series('2025-07-01'::date, '2027-06-01'::date, '1 mon'::interval) m
         WHERE s.target > s.on_hand;

    -- production lines; public figures (see README): US 155 mm 14,400/month in 2022, 28,000 by
    -- late 2023, 40,000 in mid-2025, aiming at 100,000; EU 155 mm 1 million a year in early 2024
    -- towards 2 million by end 2025 (shares between plants illustrative); Javelin 2,100 a year in
    -- 2022 towards 3,960; GMLRS about 7,500 a year in 2022, 10,000, then 14,000 (pods of 6)
    INSERT INTO dp.production_line (line_id, producer, country, interop_class, capacity, posture,
                                    crisis_factor, conflict_factor, surge_periods, surge_from) VALUES
        ('US-155', 'US Army ammunition plants and contractors', 'USA', '155mm',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-10-01,2025-06-01,2026-12-01}',
                          '{14400,14400,28000,40000,100000}'), 'crisis', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-155', 'Rheinmetall (Unterluess and others)', 'DEU', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{12500,33300,66700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('FR-155', 'KNDS France', 'FRA', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{4000,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('NO-155', 'Nammo', 'NOR', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('CZ-155', 'CSG / MSM Group', 'CZE', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{3500,12500,25000}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('PL-155', 'PGZ / Mesko', 'POL', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8300,16700}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('ES-155', 'Expal (Rheinmetall)', 'ESP', '155mm',
         dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{2000,8400,16600}'), 'peacetime', 1.3, 1.8, 6, '2025-07-01'),
        ('DE-120', 'Rheinmetall', 'DEU', '120mm',
         dp.sample_levels('{2022-01-01,2025-01-01}', '{800,1500}'), 'peacetime', 1.3, 1.8, 6, NULL),
        ('US-JAV', 'Javelin JV (Lockheed Martin, RTX)', 'USA', 'javelin',
         dp.sample_levels('{2022-01-01,2022-06-01,2024-06-01,2026-06-01}', '{175,175,200,330}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-GMLRS', 'Lockheed Martin', 'USA', 'gmlrs',
         dp.sample_levels('{2022-01-01,2022-09-01,2023-06-01,2025-06-01}', '{625,625,833,1167}'), 'peacetime', 1.2, 1.5, 9, NULL),
        ('US-STINGER', 'RTX', 'USA', 'stinger',
         dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40,60,100}'), 'peacetime', 1.2, 1.5, 12, NULL);

    -- a 155 mm round: one shell body, 10.8 kg of explosive fill, one propelling charge set, one fuze
    INSERT INTO dp.bom (interop_class, component, qty_per) VALUES
        ('155mm', 'shell body', 1),
        ('155mm', 'explosive fill (kg)', 10.8),
        ('155mm', 'propelling charge', 1),
        ('155mm', 'fuze', 1);

    -- component supply (illustrative), monthly; explosives bind in 2024, charges later
    INSERT INTO dp.component_source (component, supplier, country, capacity) VALUES
        ('shell body', 'US forge plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2025-06-01,2026-12-01}', '{15000,30000,45000,100000}')),
        ('shell body', 'European forges', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2025-12-01}', '{30000,90000,180000}')),
        ('shell body', 'Korean forges', 'KOR', dp.sample_levels('{2022-01-01,2024-01-01}', '{10000,20000}')),
        ('explosive fill (kg)', 'Nitro-Chem', 'POL', dp.sample_levels('{2022-01-01,2024-06-01,2026-01-01}', '{300000,700000,1300000}')),
        ('explosive fill (kg)', 'US explosives plants', 'USA', dp.sample_levels('{2022-01-01,2025-01-01,2026-12-01}', '{200000,450000,1100000}')),
        ('explosive fill (kg)', 'Chemring Nobel', 'NOR', dp.sample_levels('{2022-01-01,2025-01-01}', '{60000,150000}')),
        ('propelling charge', 'Nitrochemie', 'CHE', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{15000,35000,60000}')),
        ('propelling charge', 'Eurenco', 'FRA', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{10000,30000,70000}')),
        ('propelling charge', 'US propellant plants', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{15000,30000,90000}')),
        ('fuze', 'Junghans Microtec', 'DEU', dp.sample_levels('{2022-01-01,2024-01-01,2026-01-01}', '{40000,100000,200000}')),
        ('fuze', 'L3Harris', 'USA', dp.sample_levels('{2022-01-01,2023-10-01,2026-12-01}', '{20000,35000,100000}'));

    -- the materialised results, from the data just loaded
    PERFORM dp.refresh_outlook(true);

    RETURN format('loaded %s nations'' stockpiles of %s items in %s interoperability classes, %s consumption rows, %s production lines',
                  (SELECT count(DISTINCT nation) FROM dp.stockpile), (SELECT count(*) FROM dp.item),
                  (SELECT count(*) FROM dp.interop_class), (SELECT count(*) FROM dp.consumption),
                  (SELECT count(*) FROM dp.production_line));
END
$$;
COMMENT ON FUNCTION dp.load_sample_data() IS 'loads the illustrative sample data set (public production figures, made-up stocks) into empty tables; fails with 55000 if they hold data';
