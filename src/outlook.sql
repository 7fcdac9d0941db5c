-- ===========================================================================
-- outlook: the materialised per-stockpile outlook that the stockpile views
-- read.  dp.outlook_row computes one stockpile's row from one fit of its
-- history; dp.outlook holds a row per stockpile; statement-level triggers
-- with transition tables record which stockpiles' inputs changed in
-- dp.outlook_change; dp.refresh_outlook recomputes those (or everything),
-- in one transaction, in parallel, while readers keep reading the old rows.
-- ===========================================================================

-- ---- one stockpile's outlook in one pass ------------------------------------

-- Not STRICT: a NULL target means no stock objective and a NULL history or
-- supply means none; a NULL on_hand, start or setting is an error (22004), as
-- for the stockpile functions (a NULL row would read as "never runs out").
CREATE FUNCTION dp.outlook_row(on_hand float8, target float8, start date,
                               history dp.capvec, supply dp.capvec,
                               history_periods integer DEFAULT 24, horizon integer DEFAULT 24,
                               risk_periods integer DEFAULT 6, trials integer DEFAULT 2000,
                               seed bigint DEFAULT 1,
                               OUT forecast_method text, OUT alpha float8, OUT beta float8,
                               OUT phi float8, OUT mae float8, OUT rmse float8, OUT mase float8,
                               OUT bias float8, OUT demand_class text, OUT forecast dp.capvec,
                               OUT deliveries dp.capvec, OUT monthly_consumption float8,
                               OUT monthly_deliveries float8, OUT depletion_date date,
                               OUT replenish_date date, OUT days_of_supply float8,
                               OUT stockout_risk float8, OUT projected_stock dp.capvec)
    RETURNS record
    AS 'MODULE_PATHNAME', 'dp_outlook_row' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION dp.outlook_row(float8, float8, date, dp.capvec, dp.capvec, integer, integer, integer, integer, bigint) IS
    'one stockpile''s outlook from one fit of its history (the history_periods before start): the method auto chose and its fit (as dp.forecast_fit), the demand class, the forecast of horizon periods from start clipped at 0 (as dp.forecast), the deliveries laid out on them, their means, the depletion and replenishment dates and days of supply (as the stockpile functions), the share of trials out of stock within risk_periods (as dp.simulate_stock with normal demand of sd rmse) and the projected closing stock; a NULL target, history or supply means none, any other NULL argument is an error (22004)';

-- ---- the materialised outlook -------------------------------------------------

CREATE TABLE dp.outlook (
    nation text NOT NULL,
    item_id text NOT NULL,
    item_name text NOT NULL,
    interop_class text NOT NULL,
    as_of date NOT NULL,
    on_hand float8 NOT NULL,
    target float8,
    start_month date NOT NULL,
    demand_class text,
    forecast_method text NOT NULL,
    alpha float8,
    beta float8,
    phi float8,
    mae float8,
    rmse float8,
    mase float8,
    bias float8,
    forecast dp.capvec NOT NULL,
    deliveries dp.capvec NOT NULL,
    projected_stock dp.capvec NOT NULL,
    monthly_consumption float8 NOT NULL,
    monthly_deliveries float8 NOT NULL,
    depletion_date date,
    replenish_date date,
    days_of_supply float8,
    stockout_risk_6m float8,
    refreshed_at timestamptz NOT NULL,
    PRIMARY KEY (nation, item_id)
);
COMMENT ON TABLE dp.outlook IS 'the materialised outlook, one row per stockpile (nation and item, latest stock count), written only by dp.refresh_outlook; every column but refreshed_at is a function of the planning tables as of that refresh';
COMMENT ON COLUMN dp.outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.outlook.item_id IS 'item';
COMMENT ON COLUMN dp.outlook.item_name IS 'item name';
COMMENT ON COLUMN dp.outlook.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.outlook.as_of IS 'date of the latest stock count';
COMMENT ON COLUMN dp.outlook.on_hand IS 'quantity on hand at the count, taken as the stock at the start of its month';
COMMENT ON COLUMN dp.outlook.target IS 'stock objective (NULL: none)';
COMMENT ON COLUMN dp.outlook.start_month IS 'first month of the forecast and projection: the month of the count';
COMMENT ON COLUMN dp.outlook.demand_class IS 'Syntetos-Boylan demand class of the 24 months of history (NULL: no consumption)';
COMMENT ON COLUMN dp.outlook.forecast_method IS 'the method of the automatic forecast (dp.forecast_fit with auto) of the 24 months of consumption before start_month: auto where it combines its parts (the median of ETS and Theta models; IMAPA shrunk towards zero for intermittent and lumpy demand), naive without demand, ses for a constant history';
COMMENT ON COLUMN dp.outlook.alpha IS 'the method''s level smoothing parameter (NULL if it has none)';
COMMENT ON COLUMN dp.outlook.beta IS 'the method''s trend (or probability) smoothing parameter (NULL if it has none)';
COMMENT ON COLUMN dp.outlook.phi IS 'the damping parameter (NULL unless damped)';
COMMENT ON COLUMN dp.outlook.mae IS 'in-sample one-step mean absolute error (NULL: none)';
COMMENT ON COLUMN dp.outlook.rmse IS 'in-sample one-step root mean squared error (NULL: none); the demand sd of the stock-out risk';
COMMENT ON COLUMN dp.outlook.mase IS 'in-sample mean absolute scaled error (NULL where undefined)';
COMMENT ON COLUMN dp.outlook.bias IS 'in-sample mean of actual minus forecast (NULL: none)';
COMMENT ON COLUMN dp.outlook.forecast IS 'monthly forecast consumption over the 24 months from start_month, clipped at 0';
COMMENT ON COLUMN dp.outlook.deliveries IS 'planned deliveries over the same 24 months';
COMMENT ON COLUMN dp.outlook.projected_stock IS 'projected month-end stock over the same 24 months (negative: owed)';
COMMENT ON COLUMN dp.outlook.monthly_consumption IS 'mean forecast consumption per month';
COMMENT ON COLUMN dp.outlook.monthly_deliveries IS 'mean planned deliveries per month';
COMMENT ON COLUMN dp.outlook.depletion_date IS 'first day the projected stock is at or below zero (NULL: not within 24 months)';
COMMENT ON COLUMN dp.outlook.replenish_date IS 'first day, after falling below target, the stock is back at target (NULL: not within 24 months or no target)';
COMMENT ON COLUMN dp.outlook.days_of_supply IS 'days the stock on hand lasts at forecast consumption, without deliveries (NULL: no forecast consumption)';
COMMENT ON COLUMN dp.outlook.stockout_risk_6m IS 'probability of a stock-out within 6 months (Monte Carlo, 2000 trials, seed 1, normal demand with the forecast''s in-sample error)';
COMMENT ON COLUMN dp.outlook.refreshed_at IS 'start of the refresh that computed the row';
-- no roles are granted it: the stockpile views show each role its nations'
-- rows; should a DBA grant it, the policy shows only those rows too
ALTER TABLE dp.outlook ENABLE ROW LEVEL SECURITY;
CREATE POLICY nation_rows ON dp.outlook FOR SELECT USING (dp.sees_nation(nation));
COMMENT ON POLICY nation_rows ON dp.outlook IS 'a role granted the table sees only the rows of the nations it is mapped to (all with *)';

-- ---- change tracking ----------------------------------------------------------

CREATE TABLE dp.outlook_change (
    scope text NOT NULL CONSTRAINT outlook_change_scope CHECK (scope IN ('stockpile', 'class', 'all')),
    nation text,
    item_id text,
    interop_class text,
    changed_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dp.outlook_change IS 'what changed since the last refresh, written by the planning tables'' statement-level triggers and consumed by dp.refresh_outlook';
COMMENT ON COLUMN dp.outlook_change.scope IS 'stockpile: a stockpile''s inputs (stock, consumption, deliveries, item name or class); class: a class''s allocation or replenishment inputs (requirements, lines, items'' classes; NULL interop_class: every class, a scenario changed); all: everything (a TRUNCATE)';
COMMENT ON COLUMN dp.outlook_change.nation IS 'nation of the changed stockpile (scope stockpile)';
COMMENT ON COLUMN dp.outlook_change.item_id IS 'item of the changed stockpile (scope stockpile)';
COMMENT ON COLUMN dp.outlook_change.interop_class IS 'the changed class (scope class; NULL: every class)';
COMMENT ON COLUMN dp.outlook_change.changed_at IS 'start of the transaction that made the change';

-- The stockpiles one refresh recomputes: filled and emptied inside
-- dp.refresh_outlook.  A plain table, so that parallel workers can read it
-- (they cannot read temporary tables).
CREATE UNLOGGED TABLE dp.outlook_pending (
    nation text NOT NULL,
    item_id text NOT NULL
);
COMMENT ON TABLE dp.outlook_pending IS 'internal: the stockpiles the running dp.refresh_outlook recomputes; empty outside a refresh';
COMMENT ON COLUMN dp.outlook_pending.nation IS 'nation of the stockpile';
COMMENT ON COLUMN dp.outlook_pending.item_id IS 'item of the stockpile';

-- A stockpile's inputs: its latest stock count, the 24 months of consumption
-- before the count's month and the deliveries in the 24 months from it
-- (summed in a fixed order, so that the sums do not depend on the rows'
-- physical order); no row's fields (all NULL) without a stock count.  A
-- function rather than correlated subqueries, which PostgreSQL 15 does not
-- run in parallel workers: the refresh calls it from a parallel plan.
CREATE FUNCTION dp._outlook_inputs(nation text, item_id text,
                                   OUT as_of date, OUT on_hand float8, OUT target float8,
                                   OUT start_month date, OUT history dp.capvec, OUT supply dp.capvec)
    RETURNS record
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT s.as_of, s.on_hand, s.target INTO as_of, on_hand, target
      FROM dp.stockpile s
     WHERE s.nation = _outlook_inputs.nation AND s.item_id = _outlook_inputs.item_id
     ORDER BY s.as_of DESC
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    start_month := date_trunc('month', as_of::timestamp)::date;
    SELECT dp.capvec_agg(c.at, c.quantity, 'month' ORDER BY c.at) INTO history
      FROM dp.consumption c
     WHERE c.nation = _outlook_inputs.nation AND c.item_id = _outlook_inputs.item_id
       AND c.at >= start_month - '24 mons'::interval AND c.at < start_month;
    SELECT dp.capvec_agg(d.due, d.quantity, 'month' ORDER BY d.due, d.quantity) INTO supply
      FROM dp.planned_delivery d
     WHERE d.nation = _outlook_inputs.nation AND d.item_id = _outlook_inputs.item_id
       AND d.due >= start_month AND d.due < start_month + '24 mons'::interval;
END
$$;
COMMENT ON FUNCTION dp._outlook_inputs(text, text) IS 'internal (owner only): a stockpile''s latest stock count, its month, the 24 months of consumption before it and the deliveries in the 24 months from it (NULLs without a stock count); read by dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._outlook_inputs(text, text) FROM PUBLIC;

-- Record what a statement changed, from its transition tables (a
-- statement-level trigger: one INSERT per statement whatever its size).
CREATE FUNCTION dp.outlook_track() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO dp.outlook_change (scope) VALUES ('all');
    ELSIF TG_TABLE_NAME IN ('stockpile', 'consumption', 'planned_delivery') THEN
        -- a stockpile's own inputs
        IF TG_OP = 'INSERT' THEN
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT DISTINCT 'stockpile', n.nation, n.item_id FROM new_rows n;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT DISTINCT 'stockpile', o.nation, o.item_id FROM old_rows o;
        ELSE
            INSERT INTO dp.outlook_change (scope, nation, item_id)
                SELECT 'stockpile', n.nation, n.item_id FROM new_rows n
                 UNION SELECT 'stockpile', o.nation, o.item_id FROM old_rows o;
        END IF;
    ELSIF TG_TABLE_NAME = 'item' THEN
        -- the outlook copies names and classes: every stockpile of such an item;
        -- classes and units feed the allocation and replenishment: both classes
        INSERT INTO dp.outlook_change (scope, nation, item_id)
            SELECT DISTINCT 'stockpile', s.nation, s.item_id
              FROM dp.stockpile s
             WHERE s.item_id IN (SELECT n.item_id FROM new_rows n JOIN old_rows o ON o.item_id = n.item_id
                                  WHERE n.name IS DISTINCT FROM o.name OR n.interop_class IS DISTINCT FROM o.interop_class);
        INSERT INTO dp.outlook_change (scope, interop_class)
            SELECT 'class', c.interop_class
              FROM new_rows n JOIN old_rows o ON o.item_id = n.item_id,
                   LATERAL (VALUES (n.interop_class), (o.interop_class)) c(interop_class)
             WHERE n.interop_class IS DISTINCT FROM o.interop_class
                OR n.class_units_per_unit IS DISTINCT FROM o.class_units_per_unit
             GROUP BY c.interop_class;
    ELSIF TG_TABLE_NAME = 'scenario' THEN
        INSERT INTO dp.outlook_change (scope, interop_class) VALUES ('class', NULL);
    ELSIF TG_TABLE_NAME = 'requirement' THEN
        -- the classes of the items required
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class)
                SELECT DISTINCT 'class', i.interop_class FROM new_rows n JOIN dp.item i ON i.item_id = n.item_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class)
                SELECT DISTINCT 'class', i.interop_class FROM old_rows o JOIN dp.item i ON i.item_id = o.item_id;
        END IF;
    ELSE
        -- production_line: the classes of the lines
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class) SELECT DISTINCT 'class', n.interop_class FROM new_rows n;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO dp.outlook_change (scope, interop_class) SELECT DISTINCT 'class', o.interop_class FROM old_rows o;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION dp.outlook_track() IS 'statement-level trigger of the planning tables: records in dp.outlook_change the stockpiles and classes whose materialised results the statement changed';
REVOKE EXECUTE ON FUNCTION dp.outlook_track() FROM PUBLIC;

-- the triggers: a statement's changed rows in transition tables (one trigger
-- per event, as PostgreSQL requires), and TRUNCATE
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement', 'production_line', 'scenario'] LOOP
        EXECUTE format('CREATE TRIGGER outlook_track_insert AFTER INSERT ON dp.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
        EXECUTE format('CREATE TRIGGER outlook_track_delete AFTER DELETE ON dp.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement', 'production_line', 'scenario', 'item'] LOOP
        EXECUTE format('CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
        EXECUTE format('CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.%I FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track()', t);
    END LOOP;
END
$$;

-- a stockpile's deliveries are read by nation, item and date
CREATE INDEX planned_delivery_stockpile ON dp.planned_delivery (nation, item_id, due);

-- derived data, but costly to recompute: dumped with the rest, so a restored
-- database reads the same outlook until its next refresh
SELECT pg_catalog.pg_extension_config_dump('dp.outlook', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_change', '');
