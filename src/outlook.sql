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
-- supply means none; a NULL on_hand, start or setting gives NULL.
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
    'one stockpile''s outlook from one fit of its history (the history_periods before start): the method auto chose and its fit (as dp.forecast_fit), the demand class, the forecast of horizon periods from start clipped at 0 (as dp.forecast), the deliveries laid out on them, their means, the depletion and replenishment dates and days of supply (as the stockpile functions), the share of trials out of stock within risk_periods (as dp.simulate_stock with normal demand of sd rmse) and the projected closing stock';

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
COMMENT ON COLUMN dp.outlook.forecast_method IS 'forecasting method chosen automatically from the 24 months of consumption before start_month';
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
CREATE POLICY nation_rows ON dp.outlook FOR SELECT
    USING ((SELECT dp.session_nations()) OPERATOR(pg_catalog.&&) ARRAY['*', nation]);
COMMENT ON POLICY nation_rows ON dp.outlook IS 'a role granted the table sees only the rows of the nations it is mapped to (all with *)';

-- ---- change tracking ----------------------------------------------------------

CREATE TABLE dp.outlook_change (
    nation text,
    item_id text,
    changed_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dp.outlook_change IS 'stockpiles whose inputs changed since the last refresh, written by the planning tables'' triggers and consumed by dp.refresh_outlook; a row with NULL nation and item (a TRUNCATE) asks for a full refresh';
COMMENT ON COLUMN dp.outlook_change.nation IS 'nation of the changed stockpile (NULL: all stockpiles)';
COMMENT ON COLUMN dp.outlook_change.item_id IS 'item of the changed stockpile (NULL: all stockpiles)';
COMMENT ON COLUMN dp.outlook_change.changed_at IS 'start of the transaction that made the change';

-- The stockpiles one refresh recomputes, with their inputs: filled and
-- emptied inside dp.refresh_outlook.  A plain table, so that parallel
-- workers can read it (they cannot read temporary tables).
CREATE UNLOGGED TABLE dp.outlook_pending (
    nation text NOT NULL,
    item_id text NOT NULL,
    item_name text,
    interop_class text,
    as_of date,
    on_hand float8,
    target float8,
    start_month date,
    history dp.capvec,
    supply dp.capvec
);
COMMENT ON TABLE dp.outlook_pending IS 'internal: the stockpiles the running dp.refresh_outlook recomputes and their inputs (as_of NULL: the stockpile is gone); empty outside a refresh';
COMMENT ON COLUMN dp.outlook_pending.nation IS 'nation of the stockpile';
COMMENT ON COLUMN dp.outlook_pending.item_id IS 'item of the stockpile';
COMMENT ON COLUMN dp.outlook_pending.item_name IS 'item name';
COMMENT ON COLUMN dp.outlook_pending.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.outlook_pending.as_of IS 'date of the latest stock count (NULL: no stock count left)';
COMMENT ON COLUMN dp.outlook_pending.on_hand IS 'quantity on hand at the count';
COMMENT ON COLUMN dp.outlook_pending.target IS 'stock objective';
COMMENT ON COLUMN dp.outlook_pending.start_month IS 'month of the count';
COMMENT ON COLUMN dp.outlook_pending.history IS 'monthly consumption in the 24 months before start_month (NULL: none)';
COMMENT ON COLUMN dp.outlook_pending.supply IS 'monthly planned deliveries in the 24 months from start_month (NULL: none)';

-- Record the stockpiles a statement touched, from its transition tables (a
-- statement-level trigger: one INSERT per statement whatever its size).
CREATE FUNCTION dp.outlook_track() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO dp.outlook_change (nation, item_id) VALUES (NULL, NULL);
    ELSIF TG_TABLE_NAME = 'item' THEN
        -- item names and classes are copied into the outlook: every stockpile of a renamed or reclassed item
        INSERT INTO dp.outlook_change (nation, item_id)
            SELECT DISTINCT s.nation, s.item_id
              FROM dp.stockpile s
             WHERE s.item_id IN (SELECT n.item_id FROM new_rows n JOIN old_rows o ON o.item_id = n.item_id
                                  WHERE n.name IS DISTINCT FROM o.name OR n.interop_class IS DISTINCT FROM o.interop_class);
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO dp.outlook_change (nation, item_id) SELECT DISTINCT n.nation, n.item_id FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO dp.outlook_change (nation, item_id) SELECT DISTINCT o.nation, o.item_id FROM old_rows o;
    ELSE
        INSERT INTO dp.outlook_change (nation, item_id)
            SELECT n.nation, n.item_id FROM new_rows n UNION SELECT o.nation, o.item_id FROM old_rows o;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION dp.outlook_track() IS 'statement-level trigger of the planning tables: records the stockpiles whose outlook inputs the statement changed in dp.outlook_change';
REVOKE EXECUTE ON FUNCTION dp.outlook_track() FROM PUBLIC;

-- the inputs of a stockpile's outlook: its stock counts, consumption and deliveries
CREATE TRIGGER outlook_track_insert AFTER INSERT ON dp.stockpile
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.stockpile
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_delete AFTER DELETE ON dp.stockpile
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.stockpile
    FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_insert AFTER INSERT ON dp.consumption
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.consumption
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_delete AFTER DELETE ON dp.consumption
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.consumption
    FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_insert AFTER INSERT ON dp.planned_delivery
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.planned_delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_delete AFTER DELETE ON dp.planned_delivery
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.planned_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
-- the item name and class the outlook copies
CREATE TRIGGER outlook_track_update AFTER UPDATE ON dp.item
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();
CREATE TRIGGER outlook_track_truncate AFTER TRUNCATE ON dp.item
    FOR EACH STATEMENT EXECUTE FUNCTION dp.outlook_track();

-- a stockpile's deliveries are read by nation, item and date
CREATE INDEX planned_delivery_stockpile ON dp.planned_delivery (nation, item_id, due);

-- ---- refresh ------------------------------------------------------------------

CREATE TABLE dp.outlook_refresh (
    refreshed_at timestamptz PRIMARY KEY,
    full_refresh boolean NOT NULL,
    stockpiles bigint NOT NULL,
    seconds float8 NOT NULL
);
COMMENT ON TABLE dp.outlook_refresh IS 'the last 1000 refreshes of dp.outlook, written by dp.refresh_outlook';
COMMENT ON COLUMN dp.outlook_refresh.refreshed_at IS 'start of the refresh (the refreshed_at of the rows it wrote)';
COMMENT ON COLUMN dp.outlook_refresh.full_refresh IS 'true if every stockpile was recomputed';
COMMENT ON COLUMN dp.outlook_refresh.stockpiles IS 'stockpile rows written';
COMMENT ON COLUMN dp.outlook_refresh.seconds IS 'how long the refresh took, in seconds';

CREATE FUNCTION dp.refresh_outlook(full boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- the planner parallelises the computation whatever the row count
    -- (max_parallel_workers_per_gather, the caller's, says how many workers)
    SET parallel_setup_cost = 0
    SET parallel_tuple_cost = 0
    SET min_parallel_table_scan_size = 0
AS $$
DECLARE
    everything boolean := $1;   -- full (a keyword, so not usable by name here)
    recomputed bigint;
BEGIN
    IF everything IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = 'full must not be NULL';
    END IF;
    -- one refresh at a time; EXCLUSIVE lets every reader (ACCESS SHARE) through
    LOCK TABLE dp.outlook IN EXCLUSIVE MODE;

    -- 1. claim the changes committed so far (later ones stay for the next
    --    refresh); a claimed NULL row (a TRUNCATE) asks for everything
    CREATE TEMP TABLE dp_outlook_keys (nation text, item_id text) ON COMMIT DROP;
    WITH claimed AS (DELETE FROM dp.outlook_change RETURNING nation, item_id),
         keys AS (INSERT INTO pg_temp.dp_outlook_keys (nation, item_id)
                      SELECT DISTINCT c.nation, c.item_id FROM claimed c
                       WHERE c.nation IS NOT NULL AND c.item_id IS NOT NULL)
    SELECT everything OR EXISTS (SELECT 1 FROM claimed c WHERE c.nation IS NULL OR c.item_id IS NULL)
      INTO everything;
    IF everything THEN
        DELETE FROM pg_temp.dp_outlook_keys;
        INSERT INTO pg_temp.dp_outlook_keys (nation, item_id) SELECT DISTINCT s.nation, s.item_id FROM dp.stockpile s;
    END IF;

    -- 2. gather their inputs: the latest count, 24 months of consumption
    --    before its month, deliveries in the 24 months from it (in a fixed
    --    order, so that sums are the same whatever the rows' physical order)
    INSERT INTO dp.outlook_pending (nation, item_id, item_name, interop_class, as_of, on_hand, target,
                                    start_month, history, supply)
    SELECT k.nation, k.item_id, i.name, i.interop_class, l.as_of, l.on_hand, l.target, l.start_month,
           (SELECT dp.capvec_agg(c.at, c.quantity, 'month' ORDER BY c.at)
              FROM dp.consumption c
             WHERE c.nation = k.nation AND c.item_id = k.item_id
               AND c.at >= l.start_month - '24 mons'::interval AND c.at < l.start_month),
           (SELECT dp.capvec_agg(d.due, d.quantity, 'month' ORDER BY d.due, d.quantity)
              FROM dp.planned_delivery d
             WHERE d.nation = k.nation AND d.item_id = k.item_id
               AND d.due >= l.start_month AND d.due < l.start_month + '24 mons'::interval)
      FROM pg_temp.dp_outlook_keys k
      LEFT JOIN LATERAL (
            SELECT s.as_of, s.on_hand, s.target, date_trunc('month', s.as_of::timestamp)::date AS start_month
              FROM dp.stockpile s
             WHERE s.nation = k.nation AND s.item_id = k.item_id
             ORDER BY s.as_of DESC
             LIMIT 1) l ON true
      LEFT JOIN dp.item i ON i.item_id = k.item_id;

    -- 3. compute their rows, one dp.outlook_row call each, in parallel:
    --    CREATE TABLE AS runs its query in parallel where INSERT ... SELECT
    --    would not, and every function it calls is PARALLEL SAFE
    CREATE TEMP TABLE dp_outlook_stage ON COMMIT DROP AS
    SELECT p.nation, p.item_id, p.item_name, p.interop_class, p.as_of, p.on_hand, p.target,
           p.start_month, r.demand_class, r.forecast_method, r.alpha, r.beta, r.phi, r.mae, r.rmse,
           r.mase, r.bias, r.forecast, r.deliveries, r.projected_stock, r.monthly_consumption,
           r.monthly_deliveries, r.depletion_date, r.replenish_date, r.days_of_supply,
           r.stockout_risk AS stockout_risk_6m, now() AS refreshed_at
      FROM dp.outlook_pending p,
           dp.outlook_row(p.on_hand, p.target, p.start_month, p.history, p.supply,
                          history_periods => 24, horizon => 24, risk_periods => 6,
                          trials => 2000, seed => 1) r
     WHERE p.as_of IS NOT NULL;

    -- 4. swap the rows in: readers see the old ones until this transaction commits
    IF everything THEN
        DELETE FROM dp.outlook;
    ELSE
        DELETE FROM dp.outlook o USING dp.outlook_pending p WHERE o.nation = p.nation AND o.item_id = p.item_id;
    END IF;
    INSERT INTO dp.outlook SELECT * FROM pg_temp.dp_outlook_stage ORDER BY nation, item_id;
    GET DIAGNOSTICS recomputed = ROW_COUNT;
    DROP TABLE pg_temp.dp_outlook_stage;
    DROP TABLE pg_temp.dp_outlook_keys;
    DELETE FROM dp.outlook_pending;
    INSERT INTO dp.outlook_refresh (refreshed_at, full_refresh, stockpiles, seconds)
        VALUES (now(), everything, recomputed, extract(epoch FROM clock_timestamp() - now()))
        ON CONFLICT (refreshed_at) DO UPDATE
           SET full_refresh = dp.outlook_refresh.full_refresh OR excluded.full_refresh,
               stockpiles = dp.outlook_refresh.stockpiles + excluded.stockpiles,
               seconds = excluded.seconds;
    DELETE FROM dp.outlook_refresh r
     WHERE r.refreshed_at < (SELECT l.refreshed_at FROM dp.outlook_refresh l ORDER BY l.refreshed_at DESC OFFSET 999 LIMIT 1);
    RETURN recomputed;
END
$$;
COMMENT ON FUNCTION dp.refresh_outlook(boolean) IS 'brings dp.outlook up to date in one transaction: recomputes the stockpiles whose inputs changed since the last refresh (all of them with full => true), in parallel; readers keep seeing the old rows until it commits, and a cancelled refresh leaves them as they were; returns the number of stockpile rows written';
REVOKE EXECUTE ON FUNCTION dp.refresh_outlook(boolean) FROM PUBLIC;

CREATE FUNCTION dp.outlook_status(OUT refreshed_at timestamptz, OUT full_refresh boolean,
                                  OUT stockpiles bigint, OUT pending_stockpiles bigint,
                                  OUT oldest_change timestamptz, OUT full_refresh_pending boolean)
    RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT r.refreshed_at, r.full_refresh,
           (SELECT count(*) FROM dp.outlook),
           (SELECT count(*) FROM (SELECT DISTINCT c.nation, c.item_id FROM dp.outlook_change c
                                   WHERE c.nation IS NOT NULL AND c.item_id IS NOT NULL) d),
           (SELECT min(c.changed_at) FROM dp.outlook_change c),
           EXISTS (SELECT 1 FROM dp.outlook_change c WHERE c.nation IS NULL OR c.item_id IS NULL)
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT l.refreshed_at, l.full_refresh FROM dp.outlook_refresh l
                          ORDER BY l.refreshed_at DESC LIMIT 1) r ON true;
END;
COMMENT ON FUNCTION dp.outlook_status() IS 'how fresh dp.outlook is: when the last refresh started and whether it was full, the stockpile rows it holds, the stockpiles changed since (changes committed later than a refresh''s start wait for the next one), the oldest such change, and whether a full refresh is due (after a TRUNCATE)';
REVOKE EXECUTE ON FUNCTION dp.outlook_status() FROM PUBLIC;

-- derived data, but costly to recompute: dumped with the rest, so a restored
-- database reads the same outlook until its next refresh
SELECT pg_catalog.pg_extension_config_dump('dp.outlook', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_change', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_refresh', '');
