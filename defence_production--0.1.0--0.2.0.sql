-- defence_production 0.1.0 -> 0.2.0: every SQL change since the 0.1.0 release,
-- applied by ALTER EXTENSION defence_production UPDATE.  A fresh 0.2.0 install
-- (defence_production--0.2.0.sql, generated from src/*.sql) and an updated
-- 0.1.0 install must end up with the same catalog.
\echo Use "ALTER EXTENSION defence_production UPDATE TO '0.2.0'" to load this file. \quit

-- ---- house: C entry points named after their SQL functions ------------------
-- The library's entry points now take their SQL function's name (dp_ + the
-- name, or the name itself for a type's support functions), so these
-- functions point to their new symbols.  Same signatures and attributes.
CREATE OR REPLACE FUNCTION dp.capvec(period text, start date, quantities float8[]) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_capvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.period(v dp.capvec) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.start_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_start_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.end_date(v dp.capvec) RETURNS date
    AS 'MODULE_PATHNAME', 'dp_end_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.length(v dp.capvec) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.total(v dp.capvec) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.value_at(v dp.capvec, d date) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.unnest(v dp.capvec, OUT period_start date, OUT period_end date, OUT quantity float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 24;
CREATE OR REPLACE FUNCTION dp.pointwise_min(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.pointwise_max(a dp.capvec, b dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pointwise_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.clamp(v dp.capvec, lo float8, hi float8) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_clamp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.cumulative(v dp.capvec) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_cumulative' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.shift(v dp.capvec, n integer) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.slice(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.pad(v dp.capvec, from_date date, to_date date) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_pad' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.resample(v dp.capvec, period text) RETURNS dp.capvec
    AS 'MODULE_PATHNAME', 'dp_resample' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.fsg(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_fsg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.nsc(n dp.nsn) RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_nsc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.ncb_code(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_ncb_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION dp.niin(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_niin' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- stockpile_outlook simulates the stock-out risk over its 6-month horizon only
-- (it simulated all 24 months to read the 6th), with the horizon and the
-- trials named; same columns, same values.
CREATE OR REPLACE VIEW dp.stockpile_outlook WITH (security_invoker = true) AS
SELECT i.nation,
       i.item_id,
       it.name AS item_name,
       it.interop_class,
       i.as_of,
       i.on_hand,
       i.target,
       i.method AS forecast_method,
       dp.total(i.demand) / dp.length(i.demand) AS monthly_consumption,
       dp.total(i.supply) / dp.length(i.supply) AS monthly_deliveries,
       dp.depletion_date(i.on_hand, i.supply, i.demand) AS depletion_date,
       CASE WHEN i.target IS NOT NULL THEN dp.replenish_date(i.on_hand, i.supply, i.demand, i.target) END AS replenish_date,
       dp.days_of_supply(i.on_hand, i.demand) AS days_of_supply,
       -- simulated over the risk horizon only; p_stockout_by grows, so its maximum is the last month's
       (SELECT pg_catalog.max(s.p_stockout_by)
          FROM dp.simulate_stock(i.on_hand, dp.slice(i.supply, i.start_month, r.risk_end),
                                 dp.slice(i.demand, i.start_month, r.risk_end),
                                 dp.slice(i.demand_sd, i.start_month, r.risk_end),
                                 trials => risk.trials, seed => 1) s) AS stockout_risk_6m,
       dp.sparkline(dp.cumulative(i.supply - i.demand + dp.capvec('month', i.start_month, ARRAY[i.on_hand]))) AS projected_stock
  FROM dp.stockpile_inputs() i
  JOIN dp.item it ON it.item_id = i.item_id
  -- the stock-out risk: its horizon in months and the simulation's trials
  CROSS JOIN (VALUES (6, 2000)) AS risk(months, trials)
  CROSS JOIN LATERAL (SELECT (i.start_month + pg_catalog.make_interval(months => risk.months))::date AS risk_end) r;

-- ===========================================================================
-- replenish: dp.replenishment_plan, dp.replenishment_summary,
-- dp.required_capacity; dp.scenario; dp.replenishment_results and
-- dp.replenishment_outlook; map_role/unmap_role grant the new table and view
-- ===========================================================================
-- ===========================================================================

CREATE FUNCTION dp.replenishment_plan(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                      deliveries dp.capvec[] DEFAULT NULL, weights float8[] DEFAULT NULL,
                                      OUT claimant integer, OUT period_start date, OUT allocated float8,
                                      OUT stock float8, OUT unmet float8, OUT below_target float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_replenishment_plan' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000 ROWS 1000;
COMMENT ON FUNCTION dp.replenishment_plan(dp.capvec, float8[], float8[], dp.capvec[], dp.capvec[], float8[]) IS 'lexicographically optimal sharing of capacity among claimants (claimant = 1-based position in demands) over the capacity''s periods, solved as linear programmes: least weighted unmet demand, then fewest weighted stock-periods below target, then least production; stock = previous + allocated + deliveries - demand + unmet, unmet demand is lost; one row per claimant and period, by claimant then period; NULL capacity, on_hand, targets or demands give no rows';

CREATE FUNCTION dp.replenishment_summary(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                         deliveries dp.capvec[] DEFAULT NULL, weights float8[] DEFAULT NULL,
                                         OUT unmet float8, OUT below_target float8, OUT reaches_target date[])
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_replenishment_summary' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000;
COMMENT ON FUNCTION dp.replenishment_summary(dp.capvec, float8[], float8[], dp.capvec[], dp.capvec[], float8[]) IS 'the optimal objective values of dp.replenishment_plan (weighted unmet demand, weighted stock-periods below target) and, per claimant, the first period from which its stock stays at or above target (NULL if never); NULL when capacity, on_hand, targets or demands is NULL';

CREATE FUNCTION dp.required_capacity(capacity dp.capvec, on_hand float8[], targets float8[], demands dp.capvec[],
                                     by date, deliveries dp.capvec[] DEFAULT NULL) RETURNS float8
    AS 'MODULE_PATHNAME', 'dp_required_capacity' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 10000;
COMMENT ON FUNCTION dp.required_capacity(dp.capvec, float8[], float8[], dp.capvec[], date, dp.capvec[]) IS 'the smallest factor k such that k x capacity, shared optimally, leaves no demand unmet and every claimant at or above target from the period containing by to the end of the capacity''s span (one linear programme); NULL if no factor does, or when capacity, on_hand, targets, demands or by is NULL';

-- ===========================================================================
-- replenish: scenarios of the replenishment outlook
-- ===========================================================================

-- Are a scenario's per-class consumption multipliers and per-line or
-- per-class surges well formed?  {"155mm": 2} and {"US-155": {"factor": 3,
-- "periods": 12}}: finite factors >= 0, whole periods >= 0.
CREATE FUNCTION dp.scenario_overrides_valid(class_consumption jsonb, surges jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.jsonb_typeof(class_consumption) OPERATOR(pg_catalog.=) 'object'
       AND pg_catalog.jsonb_typeof(surges) OPERATOR(pg_catalog.=) 'object'
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(class_consumption) c
                        WHERE pg_catalog.jsonb_typeof(c.value) OPERATOR(pg_catalog.<>) 'number'
                           OR (c.value)::float8 OPERATOR(pg_catalog.<) 0)
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(surges) s
                        WHERE pg_catalog.jsonb_typeof(s.value) OPERATOR(pg_catalog.<>) 'object'
                           OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_each(s.value) k
                                       WHERE k.key OPERATOR(pg_catalog.<>) ALL (ARRAY['factor', 'periods'])
                                          OR pg_catalog.jsonb_typeof(k.value) OPERATOR(pg_catalog.<>) 'number'
                                          OR (k.value)::float8 OPERATOR(pg_catalog.<) 0
                                          OR (k.key OPERATOR(pg_catalog.=) 'periods'
                                              AND (k.value)::numeric OPERATOR(pg_catalog.<>) pg_catalog.trunc((k.value)::numeric))));
END;
COMMENT ON FUNCTION dp.scenario_overrides_valid(jsonb, jsonb) IS 'true when a scenario''s class_consumption is an object of numbers >= 0 and its surges an object of objects with only factor (>= 0) and periods (whole, >= 0)';

CREATE TABLE dp.scenario (
    name text NOT NULL,
    posture dp.posture NOT NULL,
    start_date date CONSTRAINT scenario_start_month CHECK (start_date OPERATOR(pg_catalog.=) pg_catalog.date_trunc('month', start_date)::date),
    horizon_months integer NOT NULL DEFAULT 36 CONSTRAINT scenario_horizon CHECK (horizon_months BETWEEN 1 AND 240),
    target_months integer NOT NULL DEFAULT 24 CONSTRAINT scenario_target_months CHECK (target_months BETWEEN 1 AND horizon_months),
    consumption_multiplier float8 NOT NULL DEFAULT 1
        CONSTRAINT scenario_consumption_multiplier CHECK (consumption_multiplier >= 0 AND consumption_multiplier < 'Infinity'),
    class_consumption jsonb NOT NULL DEFAULT '{}',
    surge_factor float8 CONSTRAINT scenario_surge_factor CHECK (surge_factor >= 0 AND surge_factor < 'Infinity'),
    surge_periods integer CONSTRAINT scenario_surge_periods CHECK (surge_periods >= 0),
    surges jsonb NOT NULL DEFAULT '{}',
    description text NOT NULL DEFAULT '',
    builtin boolean NOT NULL DEFAULT false,
    PRIMARY KEY (name, builtin),
    CONSTRAINT scenario_overrides CHECK (dp.scenario_overrides_valid(class_consumption, surges))
);
COMMENT ON TABLE dp.scenario IS 'scenarios of the replenishment outlook: a posture, consumption multipliers and production surges; the extension ships peacetime, crisis and conflict (builtin); a user row of the same name takes precedence over a shipped one';
COMMENT ON COLUMN dp.scenario.name IS 'scenario name; dp.replenishment_outlook shows the scenarios named peacetime, crisis and conflict';
COMMENT ON COLUMN dp.scenario.posture IS 'the industrial posture: the lines surge to their crisis_factor or conflict_factor (peacetime: no surge) unless surge_factor or surges say otherwise';
COMMENT ON COLUMN dp.scenario.start_date IS 'first month planned, a month''s 1st (NULL: the month of the latest stock count in each class)';
COMMENT ON COLUMN dp.scenario.horizon_months IS 'months planned from the first month';
COMMENT ON COLUMN dp.scenario.target_months IS 'months from the first month by which every target should be reached (for the capacity factor needed)';
COMMENT ON COLUMN dp.scenario.consumption_multiplier IS 'forecast consumption is multiplied by this in every class without its own multiplier';
COMMENT ON COLUMN dp.scenario.class_consumption IS 'consumption multiplier per interoperability class, e.g. {"155mm": 3}';
COMMENT ON COLUMN dp.scenario.surge_factor IS 'capacity multiplier every line reaches (NULL: each line''s factor for the posture)';
COMMENT ON COLUMN dp.scenario.surge_periods IS 'months every surge takes to reach its factor, from the first month (NULL: each line''s surge_periods)';
COMMENT ON COLUMN dp.scenario.surges IS 'surge per production line or interoperability class, e.g. {"US-155": {"factor": 3, "periods": 12}}; a line''s own entry wins over its class''s';
COMMENT ON COLUMN dp.scenario.description IS 'what the scenario assumes';
COMMENT ON COLUMN dp.scenario.builtin IS 'true for the rows the extension ships (not dumped by pg_dump; the extension recreates them)';

INSERT INTO dp.scenario (name, posture, consumption_multiplier, description, builtin) VALUES
    ('peacetime', 'peacetime', 1, 'every line at its peacetime capacity; consumption as forecast from the last 24 months', true),
    ('crisis', 'crisis', 1.5, 'every line surges to its crisis_factor over its surge_periods from the first month; consumption 1.5 times the forecast (the default crisis factor)', true),
    ('conflict', 'conflict', 2.5, 'every line surges to its conflict_factor over its surge_periods from the first month; consumption 2.5 times the forecast (the default conflict factor)', true);

SELECT pg_catalog.pg_extension_config_dump('dp.scenario', 'WHERE NOT builtin');

-- map_role and unmap_role grant and revoke dp.scenario and dp.replenishment_outlook too
CREATE OR REPLACE FUNCTION dp.map_role(role name, nation text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp.require_admin();
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = role) THEN
        RAISE EXCEPTION USING ERRCODE = 'undefined_object', MESSAGE = format('role "%s" does not exist', role);
    END IF;
    IF nation IS DISTINCT FROM '*' AND NOT EXISTS (SELECT 1 FROM dp.nation n WHERE n.code = nation) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown nation "%s"', nation),
            HINT = 'Use a code from dp.nation, or * for Board-level access to all nations.';
    END IF;
    INSERT INTO dp.role_nation AS m (role, nation) VALUES (role, nation)
        ON CONFLICT ON CONSTRAINT role_nation_pkey DO UPDATE SET nation = excluded.nation;
    EXECUTE format('GRANT USAGE ON SCHEMA dp TO %I', role);
    EXECUTE format('GRANT SELECT ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation, dp.scenario TO %I', role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement TO %I', role);
    EXECUTE format('GRANT SELECT ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk, dp.replenishment_outlook TO %I', role);
END
$$;
COMMENT ON FUNCTION dp.map_role(name, text) IS 'lets a role act for a nation (* for Board-level access): records the mapping and grants what the role needs; superuser or extension owner only';

CREATE OR REPLACE FUNCTION dp.unmap_role(role name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM dp.require_admin();
    DELETE FROM dp.role_nation m WHERE m.role = unmap_role.role;
    IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = role) THEN
        EXECUTE format('REVOKE ALL ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation, dp.scenario, dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement FROM %I', role);
        EXECUTE format('REVOKE ALL ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk, dp.replenishment_outlook FROM %I', role);
        EXECUTE format('REVOKE USAGE ON SCHEMA dp FROM %I', role);
    END IF;
END
$$;
COMMENT ON FUNCTION dp.unmap_role(name) IS 'undoes dp.map_role: removes the mapping and revokes the grants; superuser or extension owner only';


-- ===========================================================================
-- replenish: the replenishment outlook per scenario, class and nation
-- ===========================================================================

-- A production line's monthly capacity over [first_month, first_month +
-- months): the vector, held at its last value after it ends, surged by
-- factor from first_month over ramp_periods months.
CREATE FUNCTION dp.scenario_line_capacity(capacity dp.capvec, factor float8, ramp_periods integer,
                                          first_month date, months integer) RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT dp.slice(dp.surge(dp.pad(v.held, first_month, v.last_month), factor, first_month, ramp_periods),
                    first_month, v.last_month)
      FROM (SELECT (first_month + pg_catalog.make_interval(months => months))::date AS last_month,
                   CASE WHEN dp.length(capacity) OPERATOR(pg_catalog.>) 0
                         AND dp.end_date(capacity) OPERATOR(pg_catalog.<) (first_month + pg_catalog.make_interval(months => months))::date
                        THEN capacity OPERATOR(dp.+) dp.constant('month', dp.end_date(capacity),
                               (SELECT (pg_catalog.date_part('year', a) * 12 OPERATOR(pg_catalog.+) pg_catalog.date_part('month', a))::integer
                                  FROM pg_catalog.age((first_month + pg_catalog.make_interval(months => months))::timestamp,
                                                      dp.end_date(capacity)::timestamp) a),
                               dp.value_at(capacity, (dp.end_date(capacity) OPERATOR(pg_catalog.-) 1)))
                        ELSE capacity END AS held) v;
END;
COMMENT ON FUNCTION dp.scenario_line_capacity(dp.capvec, float8, integer, date, integer) IS 'a monthly capacity over months months from first_month: held at its last value after the vector ends, surged by factor from first_month over ramp_periods months';

-- Internal (granted to no role): per effective scenario (a user row wins over
-- the shipped one of the same name), class and nation with a stockpile in the
-- class, the optimal replenishment plan's figures.  Every nation's latest
-- stock (on hand and target, in class units) starts the plan; its demand is
-- the automatic forecast from the 24 months of class consumption before the
-- first month, times the scenario's multiplier; the class's lines, surged as
-- the scenario says, are the capacity shared (planned deliveries are taken to
-- come out of that capacity, so they are not added); weights are 1.  A
-- refresh of a materialised outlook reads this view.
CREATE VIEW dp.replenishment_results AS
WITH scen AS (
    SELECT DISTINCT ON (s.name) s.*
      FROM dp.scenario s
     ORDER BY s.name, s.builtin
), latest AS (
    SELECT DISTINCT ON (s.nation, s.item_id) s.nation, s.item_id, s.as_of, s.on_hand, s.target
      FROM dp.stockpile s
     ORDER BY s.nation, s.item_id, s.as_of DESC
), stock AS (
    SELECT i.interop_class, l.nation,
           pg_catalog.sum(l.on_hand * i.class_units_per_unit) AS on_hand,
           pg_catalog.sum(COALESCE(l.target, 0) * i.class_units_per_unit) AS target,
           pg_catalog.max(pg_catalog.date_trunc('month', l.as_of))::date AS counted
      FROM latest l
      JOIN dp.item i ON i.item_id = l.item_id
     GROUP BY 1, 2
), runs AS (
    -- each scenario's first month and horizon per class
    SELECT s.name AS scenario, s.posture::text AS posture, c.interop_class,
           COALESCE(s.start_date, pg_catalog.max(c.counted)) AS first_month,
           s.horizon_months, s.target_months,
           COALESCE((s.class_consumption OPERATOR(pg_catalog.->>) c.interop_class)::float8, s.consumption_multiplier) AS consumption_multiplier,
           s.surge_factor, s.surge_periods, s.surges
      FROM scen s, stock c
     GROUP BY s.name, s.posture, c.interop_class, s.start_date, s.horizon_months, s.target_months,
              s.class_consumption, s.consumption_multiplier, s.surge_factor, s.surge_periods, s.surges
), forecasts AS (
    -- one forecast per class, nation, first month and horizon, whatever the scenarios sharing it
    SELECT k.interop_class, k.first_month, k.horizon_months, c.nation, c.on_hand, c.target,
           dp.clamp(dp.forecast(h.history, k.horizon_months, f.method, f.alpha, f.beta, f.phi), 0, 1.7976931348623157e308) AS demand
      FROM (SELECT DISTINCT r.interop_class, r.first_month, r.horizon_months FROM runs r) k
      JOIN stock c ON c.interop_class = k.interop_class,
           LATERAL (SELECT dp.pad(COALESCE(
                               (SELECT dp.capvec_agg(x.at, x.quantity * i.class_units_per_unit, 'month')
                                  FROM dp.consumption x
                                  JOIN dp.item i ON i.item_id = x.item_id
                                 WHERE x.nation = c.nation AND i.interop_class = k.interop_class
                                   AND x.at >= (k.first_month - '24 mons'::interval) AND x.at < k.first_month),
                               dp.capvec('month', k.first_month, '{}')),
                             (k.first_month - '24 mons'::interval)::date, k.first_month) AS history) h,
           LATERAL dp.forecast_fit(h.history) f
), capacities AS (
    SELECT r.scenario, r.interop_class,
           dp.sum(dp.scenario_line_capacity(
                    p.capacity,
                    COALESCE((r.surges OPERATOR(pg_catalog.->) p.line_id OPERATOR(pg_catalog.->>) 'factor')::float8,
                             (r.surges OPERATOR(pg_catalog.->) p.interop_class OPERATOR(pg_catalog.->>) 'factor')::float8,
                             r.surge_factor,
                             CASE r.posture WHEN 'crisis' THEN p.crisis_factor WHEN 'conflict' THEN p.conflict_factor ELSE 1 END),
                    COALESCE((r.surges OPERATOR(pg_catalog.->) p.line_id OPERATOR(pg_catalog.->>) 'periods')::integer,
                             (r.surges OPERATOR(pg_catalog.->) p.interop_class OPERATOR(pg_catalog.->>) 'periods')::integer,
                             r.surge_periods, p.surge_periods),
                    r.first_month, r.horizon_months)) AS capacity
      FROM runs r
      JOIN dp.production_line p ON p.interop_class = r.interop_class
     GROUP BY 1, 2
), problems AS (
    SELECT r.scenario, r.posture, r.interop_class, r.first_month,
           (r.first_month + pg_catalog.make_interval(months => r.target_months))::date AS target_by,
           pg_catalog.array_agg(f.nation ORDER BY f.nation) AS nations,
           pg_catalog.array_agg(f.on_hand ORDER BY f.nation) AS on_hand,
           pg_catalog.array_agg(f.target ORDER BY f.nation) AS targets,
           pg_catalog.array_agg(f.demand OPERATOR(dp.*) r.consumption_multiplier ORDER BY f.nation) AS demands,
           COALESCE(k.capacity, dp.constant('month', r.first_month, r.horizon_months, 0)) AS capacity
      FROM runs r
      JOIN forecasts f ON f.interop_class = r.interop_class AND f.first_month = r.first_month
                      AND f.horizon_months = r.horizon_months
      LEFT JOIN capacities k ON k.scenario = r.scenario AND k.interop_class = r.interop_class
     GROUP BY r.scenario, r.posture, r.interop_class, r.first_month, r.target_months, r.horizon_months, k.capacity
), solved AS MATERIALIZED (
    SELECT p.*, dp.required_capacity(p.capacity, p.on_hand, p.targets, p.demands, (p.target_by - 1)) AS capacity_factor
      FROM problems p
), plans AS (
    SELECT p.scenario, p.posture, p.interop_class, p.first_month, p.target_by,
           pg_catalog.cardinality(p.nations) AS contributors,
           p.nations[x.claimant] AS nation,
           pg_catalog.sum(x.unmet) AS unmet,
           pg_catalog.sum(x.below_target) AS below_target,
           pg_catalog.max(x.period_start) FILTER (WHERE x.below_target > 0) AS last_below,
           pg_catalog.max(x.period_start) AS last_month,
           p.capacity_factor
      FROM solved p,
           dp.replenishment_plan(p.capacity, p.on_hand, p.targets, p.demands) x
     GROUP BY p.scenario, p.posture, p.interop_class, p.first_month, p.target_by, p.nations, x.claimant,
              p.capacity_factor
)
SELECT p.scenario,
       p.posture,
       p.interop_class,
       p.nation,
       p.first_month,
       p.target_by,
       p.contributors,
       CASE WHEN p.last_below IS NULL THEN p.first_month
            WHEN p.last_below < p.last_month THEN (p.last_below + '1 mon'::interval)::date END AS reaches_target,
       p.unmet,
       p.below_target,
       pg_catalog.sum(p.unmet) OVER w AS class_unmet,
       pg_catalog.sum(p.below_target) OVER w AS class_below_target,
       p.capacity_factor
  FROM plans p
WINDOW w AS (PARTITION BY p.scenario, p.interop_class);
COMMENT ON VIEW dp.replenishment_results IS 'internal (granted to no role): per scenario, interoperability class and nation, the optimal replenishment plan''s figures over all nations; read by dp.replenishment_outlook and by a refresh of a materialised outlook';
COMMENT ON COLUMN dp.replenishment_results.scenario IS 'scenario name';
COMMENT ON COLUMN dp.replenishment_results.posture IS 'posture of the scenario';
COMMENT ON COLUMN dp.replenishment_results.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment_results.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment_results.first_month IS 'first month planned';
COMMENT ON COLUMN dp.replenishment_results.target_by IS 'date by which every target should be met and stay met (target_months after the first month), for capacity_factor';
COMMENT ON COLUMN dp.replenishment_results.contributors IS 'nations in the class''s plan';
COMMENT ON COLUMN dp.replenishment_results.reaches_target IS 'first month from which the nation''s planned stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment_results.unmet IS 'the nation''s planned unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment_results.below_target IS 'the nation''s planned stock-months below target (sum of the shortfalls), in class units';
COMMENT ON COLUMN dp.replenishment_results.class_unmet IS 'unmet demand of all nations in the class';
COMMENT ON COLUMN dp.replenishment_results.class_below_target IS 'stock-months below target of all nations in the class';
COMMENT ON COLUMN dp.replenishment_results.capacity_factor IS 'smallest multiple of the scenario''s capacity with which no demand is unmet and every nation is at or above target from target_by (NULL: none)';

CREATE VIEW dp.replenishment_outlook WITH (security_barrier = true) AS
SELECT r.interop_class,
       ic.unit,
       r.nation,
       pg_catalog.max(r.contributors) AS contributors,
       pg_catalog.min(r.first_month) AS first_month,
       pg_catalog.max(r.target_by) AS target_by,
       pg_catalog.max(r.reaches_target) FILTER (WHERE r.scenario = 'peacetime') AS peacetime_reaches_target,
       pg_catalog.max(r.reaches_target) FILTER (WHERE r.scenario = 'crisis') AS crisis_reaches_target,
       pg_catalog.max(r.reaches_target) FILTER (WHERE r.scenario = 'conflict') AS conflict_reaches_target,
       pg_catalog.max(r.unmet) FILTER (WHERE r.scenario = 'peacetime') AS peacetime_unmet,
       pg_catalog.max(r.unmet) FILTER (WHERE r.scenario = 'crisis') AS crisis_unmet,
       pg_catalog.max(r.unmet) FILTER (WHERE r.scenario = 'conflict') AS conflict_unmet,
       pg_catalog.max(r.below_target) FILTER (WHERE r.scenario = 'peacetime') AS peacetime_below_target,
       pg_catalog.max(r.below_target) FILTER (WHERE r.scenario = 'crisis') AS crisis_below_target,
       pg_catalog.max(r.below_target) FILTER (WHERE r.scenario = 'conflict') AS conflict_below_target,
       pg_catalog.max(r.class_unmet) FILTER (WHERE r.scenario = 'peacetime' AND r.contributors >= dp.min_contributors()) AS peacetime_class_unmet,
       pg_catalog.max(r.class_unmet) FILTER (WHERE r.scenario = 'crisis' AND r.contributors >= dp.min_contributors()) AS crisis_class_unmet,
       pg_catalog.max(r.class_unmet) FILTER (WHERE r.scenario = 'conflict' AND r.contributors >= dp.min_contributors()) AS conflict_class_unmet,
       pg_catalog.max(r.class_below_target) FILTER (WHERE r.scenario = 'peacetime' AND r.contributors >= dp.min_contributors()) AS peacetime_class_below_target,
       pg_catalog.max(r.class_below_target) FILTER (WHERE r.scenario = 'crisis' AND r.contributors >= dp.min_contributors()) AS crisis_class_below_target,
       pg_catalog.max(r.class_below_target) FILTER (WHERE r.scenario = 'conflict' AND r.contributors >= dp.min_contributors()) AS conflict_class_below_target,
       pg_catalog.max(r.capacity_factor) FILTER (WHERE r.scenario = 'peacetime' AND r.contributors >= dp.min_contributors()) AS peacetime_capacity_factor,
       pg_catalog.max(r.capacity_factor) FILTER (WHERE r.scenario = 'crisis' AND r.contributors >= dp.min_contributors()) AS crisis_capacity_factor,
       pg_catalog.max(r.capacity_factor) FILTER (WHERE r.scenario = 'conflict' AND r.contributors >= dp.min_contributors()) AS conflict_capacity_factor
  FROM dp.replenishment_results r
  JOIN dp.interop_class ic ON ic.class_id = r.interop_class
 WHERE r.scenario IN ('peacetime', 'crisis', 'conflict')
 GROUP BY r.interop_class, ic.unit, r.nation
HAVING dp.sees_nation(r.nation);
COMMENT ON VIEW dp.replenishment_outlook IS 'per interoperability class and nation, the optimal replenishment plan under the peacetime, crisis and conflict scenarios side by side: when the nation''s stock is back at target, its unmet demand and stock-months below target, and (when at least dp.min_contributors nations share the class) the class totals and the capacity factor needed to reach every target by target_by; a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.replenishment_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment_outlook.unit IS 'class unit of the quantities';
COMMENT ON COLUMN dp.replenishment_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment_outlook.contributors IS 'nations sharing the class''s capacity in the plans';
COMMENT ON COLUMN dp.replenishment_outlook.first_month IS 'first month planned';
COMMENT ON COLUMN dp.replenishment_outlook.target_by IS 'date by which every target should be met and stay met, for the capacity factors';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_reaches_target IS 'peacetime: first month from which the stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_reaches_target IS 'crisis: first month from which the stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_reaches_target IS 'conflict: first month from which the stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_unmet IS 'peacetime: the nation''s unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_unmet IS 'crisis: the nation''s unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_unmet IS 'conflict: the nation''s unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_below_target IS 'peacetime: the nation''s stock-months below target (sum of monthly shortfalls), in class units';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_below_target IS 'crisis: the nation''s stock-months below target, in class units';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_below_target IS 'conflict: the nation''s stock-months below target, in class units';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_unmet IS 'peacetime: unmet demand of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_unmet IS 'crisis: unmet demand of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_unmet IS 'conflict: unmet demand of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_below_target IS 'peacetime: stock-months below target of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_below_target IS 'crisis: stock-months below target of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_below_target IS 'conflict: stock-months below target of all nations in the class (NULL if fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_capacity_factor IS 'peacetime: smallest multiple of the capacity that leaves no demand unmet and every nation at target from target_by (NULL: none, or fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_capacity_factor IS 'crisis: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: none, or fewer than dp.min_contributors nations)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_capacity_factor IS 'conflict: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: none, or fewer than dp.min_contributors nations)';
