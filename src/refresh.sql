-- ===========================================================================
-- refresh: dp.refresh_outlook brings the materialised results up to date
-- from committed data, one section per materialised table: the stockpile
-- outlook (dp.outlook), the allocation plan (dp.allocation) and the
-- replenishment results (dp.replenishment).  dp.outlook_status says how
-- fresh they are.
-- ===========================================================================

CREATE TABLE dp.outlook_refresh (
    refreshed_at timestamptz PRIMARY KEY,
    full_refresh boolean NOT NULL,
    stockpiles bigint NOT NULL,
    allocation_classes integer NOT NULL,
    replenishment_classes integer NOT NULL,
    seconds float8 NOT NULL,
    outlook_seconds float8 NOT NULL,
    allocation_seconds float8 NOT NULL,
    replenishment_seconds float8 NOT NULL
);
COMMENT ON TABLE dp.outlook_refresh IS 'the last 1000 refreshes, written by dp.refresh_outlook';
COMMENT ON COLUMN dp.outlook_refresh.refreshed_at IS 'start of the refresh (the refreshed_at of the outlook rows it wrote)';
COMMENT ON COLUMN dp.outlook_refresh.full_refresh IS 'true if everything was recomputed';
COMMENT ON COLUMN dp.outlook_refresh.stockpiles IS 'stockpile rows of dp.outlook written';
COMMENT ON COLUMN dp.outlook_refresh.allocation_classes IS 'classes whose allocation plan was recomputed';
COMMENT ON COLUMN dp.outlook_refresh.replenishment_classes IS 'classes whose replenishment results were recomputed';
COMMENT ON COLUMN dp.outlook_refresh.seconds IS 'how long the refresh took, in seconds';
COMMENT ON COLUMN dp.outlook_refresh.outlook_seconds IS 'of which the stockpile outlook section';
COMMENT ON COLUMN dp.outlook_refresh.allocation_seconds IS 'of which the allocation section';
COMMENT ON COLUMN dp.outlook_refresh.replenishment_seconds IS 'of which the replenishment section';

-- The classes whose replenishment results one refresh recomputes: filled
-- and emptied inside dp.refresh_outlook.  A plain table, so that parallel
-- workers can read it; one row a page (a wide uncompressed column and
-- fillfactor 10), since a parallel scan shares a table out by pages and each
-- class's linear programmes take seconds.
CREATE UNLOGGED TABLE dp.outlook_pending_class (
    interop_class text NOT NULL,
    spread text NOT NULL
) WITH (fillfactor = 10);
ALTER TABLE dp.outlook_pending_class ALTER COLUMN spread SET STORAGE PLAIN;
COMMENT ON TABLE dp.outlook_pending_class IS 'internal: the classes whose replenishment results the running dp.refresh_outlook recomputes, one a page; empty outside a refresh';
COMMENT ON COLUMN dp.outlook_pending_class.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.outlook_pending_class.spread IS 'filler that puts each row on a page of its own';

-- One row: since when stock and consumption changes wait for the
-- replenishment results (a full refresh takes them).
CREATE TABLE dp.outlook_state (
    one boolean PRIMARY KEY DEFAULT true CONSTRAINT outlook_state_one_row CHECK (one),
    replenishment_stale_since timestamptz
);
COMMENT ON TABLE dp.outlook_state IS 'internal: the refresh''s state, one row';
COMMENT ON COLUMN dp.outlook_state.one IS 'always true: the table has one row';
COMMENT ON COLUMN dp.outlook_state.replenishment_stale_since IS 'the oldest stock or consumption change not yet in dp.replenishment (NULL: none)';
INSERT INTO dp.outlook_state (one) VALUES (true);

-- The class-by-class fallback of dp.refresh_outlook, when computing every
-- class at once failed (it cannot with data within the tables' bounds): the
-- staging table (a temporary table like the results table, dropped at
-- commit) gets the rows of each class in turn, so one class never breaks the
-- others; a class that fails is left out with a warning.
CREATE FUNCTION dp._refresh_by_class(staging text, results_table regclass, class_rows regproc, classes text[],
                                     results text, view_name text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cls text;
    msg text;
    state text;
BEGIN
    EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %s WITH NO DATA', staging, results_table);
    FOREACH cls IN ARRAY classes LOOP
        BEGIN
            EXECUTE format('INSERT INTO pg_temp.%I SELECT * FROM %s($1)', staging, class_rows) USING cls;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
            RAISE WARNING USING
                MESSAGE = format('%s of class %s not refreshed: %s', results, cls, msg),
                DETAIL = format('SQLSTATE %s; the class has no rows in %s until a refresh succeeds.', state, view_name);
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp._refresh_by_class(text, regclass, regproc, text[], text, text) IS 'internal (owner only): creates the temporary table staging like results_table and inserts the rows class_rows returns for each of the classes in turn; a class that fails is left out with a warning naming the results and the view that lack its rows until a refresh succeeds; the fallback of dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._refresh_by_class(text, regclass, regproc, text[], text, text) FROM PUBLIC;

-- The last step of a section of dp.refresh_outlook: the rows of the classes
-- (NULL: all) in results_table replaced by the staging table's, which is
-- then dropped.  Readers see the old rows until the refresh commits.
CREATE FUNCTION dp._refresh_replace(results_table regclass, staging regclass, classes text[]) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('DELETE FROM %s r WHERE $1 IS NULL OR r.interop_class OPERATOR(pg_catalog.=) ANY ($1)',
                   results_table) USING classes;
    EXECUTE format('INSERT INTO %s SELECT * FROM %s', results_table, staging);
    EXECUTE format('DROP TABLE %s', staging);
END
$$;
COMMENT ON FUNCTION dp._refresh_replace(regclass, regclass, text[]) IS 'internal (owner only): replaces the rows of the classes (NULL: all) in results_table with the staging table''s and drops the staging table; the last step of each section of dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._refresh_replace(regclass, regclass, text[]) FROM PUBLIC;

-- dp.refresh_outlook runs with the extension owner's rights (SECURITY
-- DEFINER, pinned search_path) and EXECUTE is revoked from PUBLIC: the owner,
-- a superuser, or a role granted EXECUTE (a cron job) calls it; a nation's
-- role cannot, so no uncommitted change of its own ever reaches the results.
-- One transaction; refreshes run one at a time (EXCLUSIVE lock on
-- dp.outlook, which lets every reader through); a cancelled refresh leaves
-- everything as it was.
--
-- What each section recomputes:
--  - dp.outlook: the stockpiles whose stock, consumption, deliveries or item
--    changed (all with full), in parallel (a CREATE TABLE AS, so the planner
--    can use max_parallel_workers_per_gather workers beside the leader);
--  - dp.allocation: the classes whose requirements, lines or items changed;
--  - dp.replenishment: the classes whose lines or items changed, every class
--    after a scenario changed, and everything on a full refresh.  Stock and
--    consumption changes reach it at the next full refresh: it solves linear
--    programmes over every nation of a class, seconds a class, which would
--    make every incremental refresh as slow as a full one.
CREATE FUNCTION dp.refresh_outlook("full" boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- the planner parallelises the outlook's computation whatever the row
    -- count (max_parallel_workers_per_gather, the caller's, says how many)
    SET parallel_setup_cost = 0
    SET parallel_tuple_cost = 0
    SET min_parallel_table_scan_size = 0
AS $$
DECLARE
    everything boolean := refresh_outlook.full;
    all_classes boolean;
    stale timestamptz;
    recomputed bigint;
    n_allocation integer := 0;
    n_replenishment integer := 0;
    t_outlook timestamptz;
    t_allocation timestamptz;
    t_replenishment timestamptz;
    t_end timestamptz;
BEGIN
    IF everything IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = 'full must not be NULL';
    END IF;
    -- one refresh at a time; EXCLUSIVE lets every reader (ACCESS SHARE) through
    LOCK TABLE dp.outlook IN EXCLUSIVE MODE;

    -- ---- the changes: claim those committed so far (later ones stay for
    -- the next refresh), in one statement, so one snapshot decides ----
    CREATE TEMP TABLE dp_refresh_claimed ON COMMIT DROP AS
        SELECT c.scope, c.nation, c.item_id, c.interop_class, c.changed_at FROM dp.outlook_change c WITH NO DATA;
    WITH claimed AS (DELETE FROM dp.outlook_change RETURNING *)
    INSERT INTO pg_temp.dp_refresh_claimed SELECT c.scope, c.nation, c.item_id, c.interop_class, c.changed_at FROM claimed c;
    everything := everything OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'all')
        -- no change tracking (dp.distribute removes it on Citus): everything
        OR NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = 'dp.consumption'::regclass
                                                   AND g.tgname = 'outlook_track_insert');
    all_classes := everything OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'class' AND c.interop_class IS NULL);
    CREATE TEMP TABLE dp_refresh_classes ON COMMIT DROP AS
        SELECT DISTINCT c.interop_class FROM pg_temp.dp_refresh_claimed c
         WHERE c.scope = 'class' AND c.interop_class IS NOT NULL AND NOT all_classes;

    -- ---- dp.outlook: the stockpiles whose inputs changed ----
    t_outlook := clock_timestamp();
    INSERT INTO dp.outlook_pending (nation, item_id)
    SELECT DISTINCT s.nation, s.item_id FROM dp.stockpile s WHERE everything
     UNION
    SELECT c.nation, c.item_id FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'stockpile' AND NOT everything;
    -- the planner sizes the parallel plan from the table's statistics, which
    -- an autovacuum of the (usually empty) table may have left at no rows
    ANALYZE dp.outlook_pending;

    -- their rows, inputs gathered and one dp.outlook_row call each, in
    -- parallel: CREATE TABLE AS runs its query in parallel where INSERT ...
    -- SELECT would not, every function it calls is PARALLEL SAFE, and the
    -- workers read the pending stockpiles from a plain table
    CREATE TEMP TABLE dp_refresh_stage ON COMMIT DROP AS
    SELECT p.nation, p.item_id, i.name AS item_name, i.interop_class, x.as_of, x.on_hand, x.target,
           x.start_month, r.demand_class, r.forecast_method, r.alpha, r.beta, r.phi, r.mae, r.rmse,
           r.mase, r.bias, r.forecast, r.deliveries, r.projected_stock, r.monthly_consumption,
           r.monthly_deliveries, r.depletion_date, r.replenish_date, r.days_of_supply,
           r.stockout_risk AS stockout_risk_6m, now() AS refreshed_at
      FROM dp.outlook_pending p
      JOIN dp.item i ON i.item_id = p.item_id,
           dp._outlook_inputs(p.nation, p.item_id) x,
           dp.outlook_row(x.on_hand, x.target, x.start_month, x.history, x.supply,
                          history_periods => 24, horizon => 24, risk_periods => 6,
                          trials => 2000, seed => 1) r
     WHERE x.as_of IS NOT NULL;

    -- swap the rows in: readers see the old ones until this transaction commits
    IF everything THEN
        DELETE FROM dp.outlook;
    ELSE
        DELETE FROM dp.outlook o USING dp.outlook_pending p WHERE o.nation = p.nation AND o.item_id = p.item_id;
    END IF;
    INSERT INTO dp.outlook SELECT * FROM pg_temp.dp_refresh_stage ORDER BY nation, item_id;
    GET DIAGNOSTICS recomputed = ROW_COUNT;
    DELETE FROM dp.outlook_pending;

    -- ---- dp.allocation: the classes whose allocation inputs changed ----
    t_allocation := clock_timestamp();
    -- every class at once; if one fails (it cannot with data within the
    -- tables' bounds), class by class, so one class never breaks the others
    IF all_classes OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_classes) THEN
        BEGIN
            CREATE TEMP TABLE dp_refresh_allocation ON COMMIT DROP AS
                SELECT a.* FROM dp._allocation_rows(NULL) a
                 WHERE all_classes OR a.interop_class IN (SELECT c.interop_class FROM pg_temp.dp_refresh_classes c);
        EXCEPTION WHEN OTHERS THEN
            PERFORM dp._refresh_by_class('dp_refresh_allocation', 'dp.allocation', 'dp._allocation_rows',
                                         ARRAY(SELECT DISTINCT i.interop_class
                                                 FROM dp.requirement r JOIN dp.item i ON i.item_id = r.item_id
                                                WHERE all_classes OR i.interop_class IN (SELECT c.interop_class FROM pg_temp.dp_refresh_classes c)
                                                ORDER BY 1),
                                         'allocation', 'dp.allocation_plan');
        END;
        PERFORM dp._refresh_replace('dp.allocation', 'pg_temp.dp_refresh_allocation',
                                    CASE WHEN NOT all_classes THEN ARRAY(SELECT c.interop_class FROM pg_temp.dp_refresh_classes c) END);
        n_allocation := CASE WHEN all_classes THEN (SELECT count(*) FROM dp.interop_class)
                             ELSE (SELECT count(*) FROM pg_temp.dp_refresh_classes) END;
    END IF;

    -- ---- dp.replenishment: classes with line, item or scenario changes; all on a full refresh ----
    t_replenishment := clock_timestamp();
    IF all_classes OR EXISTS (SELECT 1 FROM pg_temp.dp_refresh_classes) THEN
        INSERT INTO dp.outlook_pending_class (interop_class, spread)
        SELECT c.class_id, repeat(' ', 900) FROM dp.interop_class c
         WHERE all_classes OR c.class_id IN (SELECT k.interop_class FROM pg_temp.dp_refresh_classes k);
        ANALYZE dp.outlook_pending_class;
        -- every class at once, in parallel; if one fails (it cannot with data
        -- within the tables' bounds), class by class, so one class never
        -- breaks the others
        BEGIN
            CREATE TEMP TABLE dp_refresh_replenishment ON COMMIT DROP AS
                SELECT r.* FROM dp.outlook_pending_class q, dp._replenishment_rows(q.interop_class) r;
        EXCEPTION WHEN OTHERS THEN
            PERFORM dp._refresh_by_class('dp_refresh_replenishment', 'dp.replenishment', 'dp._replenishment_rows',
                                         ARRAY(SELECT q.interop_class FROM dp.outlook_pending_class q ORDER BY 1),
                                         'replenishment results', 'dp.replenishment_outlook');
        END;
        PERFORM dp._refresh_replace('dp.replenishment', 'pg_temp.dp_refresh_replenishment',
                                    CASE WHEN NOT all_classes THEN ARRAY(SELECT q.interop_class FROM dp.outlook_pending_class q) END);
        n_replenishment := (SELECT count(*) FROM dp.outlook_pending_class);
        DELETE FROM dp.outlook_pending_class;
    END IF;
    -- stock and consumption changes not in it wait for a full refresh
    SELECT min(c.changed_at) INTO stale FROM pg_temp.dp_refresh_claimed c WHERE c.scope = 'stockpile';
    UPDATE dp.outlook_state
       SET replenishment_stale_since = CASE WHEN all_classes AND n_replenishment > 0 THEN NULL
                                            ELSE least(replenishment_stale_since, stale) END;

    -- ---- the log ----
    t_end := clock_timestamp();
    DROP TABLE pg_temp.dp_refresh_stage;
    DROP TABLE pg_temp.dp_refresh_classes;
    DROP TABLE pg_temp.dp_refresh_claimed;
    INSERT INTO dp.outlook_refresh (refreshed_at, full_refresh, stockpiles, allocation_classes,
                                    replenishment_classes, seconds, outlook_seconds, allocation_seconds,
                                    replenishment_seconds)
        VALUES (now(), everything, recomputed, n_allocation, n_replenishment,
                extract(epoch FROM clock_timestamp() - now()), extract(epoch FROM t_allocation - t_outlook),
                extract(epoch FROM t_replenishment - t_allocation), extract(epoch FROM t_end - t_replenishment))
        ON CONFLICT (refreshed_at) DO UPDATE
           SET full_refresh = dp.outlook_refresh.full_refresh OR excluded.full_refresh,
               stockpiles = dp.outlook_refresh.stockpiles + excluded.stockpiles,
               allocation_classes = dp.outlook_refresh.allocation_classes + excluded.allocation_classes,
               replenishment_classes = dp.outlook_refresh.replenishment_classes + excluded.replenishment_classes,
               seconds = excluded.seconds,
               outlook_seconds = dp.outlook_refresh.outlook_seconds + excluded.outlook_seconds,
               allocation_seconds = dp.outlook_refresh.allocation_seconds + excluded.allocation_seconds,
               replenishment_seconds = dp.outlook_refresh.replenishment_seconds + excluded.replenishment_seconds;
    DELETE FROM dp.outlook_refresh r
     WHERE r.refreshed_at < (SELECT l.refreshed_at FROM dp.outlook_refresh l ORDER BY l.refreshed_at DESC OFFSET 999 LIMIT 1);
    RETURN recomputed;
END
$$;
COMMENT ON FUNCTION dp.refresh_outlook(boolean) IS 'brings the materialised results up to date from committed data, in one transaction: the stockpile outlook of the stockpiles whose inputs changed since the last refresh (in parallel), the allocation plan and the replenishment results of the classes whose inputs changed (stock and consumption changes reach the replenishment results at the next full refresh); full => true recomputes everything; readers keep the old results until it commits, and a cancelled refresh leaves them as they were; returns the number of stockpile rows written; EXECUTE is revoked from PUBLIC';
REVOKE EXECUTE ON FUNCTION dp.refresh_outlook(boolean) FROM PUBLIC;

CREATE FUNCTION dp.outlook_status(OUT refreshed_at timestamptz, OUT full_refresh boolean,
                                  OUT stockpiles bigint, OUT pending_stockpiles bigint,
                                  OUT pending_classes bigint, OUT oldest_change timestamptz,
                                  OUT full_refresh_pending boolean,
                                  OUT replenishment_stale_since timestamptz)
    RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT r.refreshed_at, r.full_refresh,
           (SELECT count(*) FROM dp.outlook),
           (SELECT count(*) FROM (SELECT DISTINCT c.nation, c.item_id FROM dp.outlook_change c
                                   WHERE c.scope = 'stockpile') d),
           (SELECT count(DISTINCT c.interop_class) FROM dp.outlook_change c WHERE c.scope = 'class'),
           (SELECT min(c.changed_at) FROM dp.outlook_change c),
           EXISTS (SELECT 1 FROM dp.outlook_change c WHERE c.scope = 'all'),
           least((SELECT s.replenishment_stale_since FROM dp.outlook_state s),
                 (SELECT min(c.changed_at) FROM dp.outlook_change c WHERE c.scope = 'stockpile'))
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT l.refreshed_at, l.full_refresh FROM dp.outlook_refresh l
                          ORDER BY l.refreshed_at DESC LIMIT 1) r ON true;
END;
COMMENT ON FUNCTION dp.outlook_status() IS 'how fresh the materialised results are: when the last refresh started and whether it was full, the stockpile rows of dp.outlook, the stockpiles and classes changed since (changes committed after a refresh started wait for the next one), the oldest such change, whether a full refresh is due (after a TRUNCATE), and since when stock and consumption changes wait for the replenishment results (NULL: they do not); EXECUTE is revoked from PUBLIC';
REVOKE EXECUTE ON FUNCTION dp.outlook_status() FROM PUBLIC;

-- derived data, but costly to recompute: dumped with the rest, so a restored
-- database reads the same results until its next refresh
SELECT pg_catalog.pg_extension_config_dump('dp.allocation', '');
SELECT pg_catalog.pg_extension_config_dump('dp.outlook_refresh', '');
