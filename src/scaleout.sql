-- ---- scale-out: the reference schema on Citus ------------------------------

-- One call distributes the planning tables on a Citus cluster: the tables
-- with a nation column are distributed by it and colocated (a nation's rows
-- of every table on one node); the others, small, become reference tables
-- (a copy on every node).  Citus cannot convert tables that extension views
-- depend on while local tables refer to them by foreign key (it would
-- rebuild the tables and the views), so the foreign keys between the
-- planning tables are set aside on every node while the tables are
-- distributed and added again after, which makes Citus enforce them between
-- the shards.  dp.nation's triggers (shipped rows) run on the shards, which
-- Citus allows with citus.enable_unsafe_triggers.
CREATE FUNCTION dp.distribute(shard_count integer DEFAULT NULL) RETURNS SETOF text
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    tables text[];
    distributed text[];
    fk record;
    fks text[][] := '{}';
    t text;
    first text;
    failure text;
    trg name;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'dp.distribute needs the citus extension'
            USING ERRCODE = '55000',
                  HINT = 'Load citus on every node (shared_preload_libraries), CREATE EXTENSION citus, add the workers with citus_add_node, then call dp.distribute() on the coordinator.';
    END IF;
    IF shard_count IS NOT NULL AND shard_count < 1 THEN
        RAISE EXCEPTION 'shard_count must be at least 1, not %', shard_count USING ERRCODE = '22023';
    END IF;
    -- the extension's tables, and those of them with a nation column
    SELECT array_agg(c.oid::regclass::text ORDER BY c.relname),
           array_agg(c.oid::regclass::text ORDER BY c.relname) FILTER (
               WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'nation' AND NOT a.attisdropped))
      INTO tables, distributed
      FROM pg_class c
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'defence_production'
     WHERE c.relkind = 'r'
       -- the refresh's bookkeeping and the materialised results it writes stay
       -- on the coordinator, where dp.refresh_outlook runs and the views read them
       AND c.relname <> ALL ('{outlook_change,outlook_pending,outlook_pending_class,outlook_refresh,outlook_state,outlook,allocation,replenishment}');
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid::text = ANY (tables)) THEN
        RAISE EXCEPTION 'the planning tables are distributed already' USING ERRCODE = '55000';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0) THEN
        RAISE EXCEPTION 'no Citus worker is known' USING ERRCODE = '55000',
            HINT = 'Add the workers with citus_add_node first, then call dp.distribute().';
    END IF;

    -- set the foreign keys between the planning tables aside, here and on the workers
    FOR fk IN SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def
                FROM pg_constraint
               WHERE contype = 'f' AND conrelid::regclass::text = ANY (tables)
               ORDER BY 1, 2
    LOOP
        fks := fks || ARRAY[[fk.rel, fk.conname, fk.def]];
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
        SELECT string_agg(r.nodename || ':' || r.nodeport || ': ' || r.result, '; ') INTO failure
          FROM run_command_on_workers(format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I', fk.rel, fk.conname)) r
         WHERE NOT r.success;
        IF failure IS NOT NULL THEN
            RAISE EXCEPTION 'could not set the foreign key % of % aside on a worker', fk.conname, fk.rel
                USING ERRCODE = '55000', DETAIL = failure;
        END IF;
    END LOOP;

    -- the outlook's change tracking goes: Citus runs no statement-level
    -- trigger with transition tables for a distributed table (on the
    -- coordinator it would never fire, on the shards it would see shard
    -- names); without it dp.refresh_outlook() refreshes everything
    FOREACH t IN ARRAY tables LOOP
        FOR trg IN SELECT g.tgname FROM pg_trigger g
                    WHERE g.tgrelid = t::regclass AND g.tgname LIKE 'outlook\_track\_%' ORDER BY 1 LOOP
            EXECUTE format('DROP TRIGGER %I ON %s', trg, t);
        END LOOP;
    END LOOP;
    RETURN NEXT 'change tracking off: dp.refresh_outlook() refreshes everything';

    PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
    -- foreign keys to reference tables want one connection per node in a transaction
    PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
    FOREACH t IN ARRAY tables LOOP
        CONTINUE WHEN t = ANY (distributed);
        PERFORM create_reference_table(t);
        RETURN NEXT 'reference table ' || t;
    END LOOP;
    FOREACH t IN ARRAY distributed LOOP
        IF first IS NULL THEN
            IF shard_count IS NULL THEN
                PERFORM create_distributed_table(t, 'nation');
            ELSE
                PERFORM create_distributed_table(t, 'nation', shard_count => shard_count);
            END IF;
            first := t;
        ELSE
            PERFORM create_distributed_table(t, 'nation', colocate_with => first);
        END IF;
        RETURN NEXT 'distributed by nation ' || t;
    END LOOP;

    FOR i IN 1 .. coalesce(array_length(fks, 1), 0) LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fks[i][1], fks[i][2], fks[i][3]);
    END LOOP;
    RETURN NEXT 'foreign keys restored: ' || coalesce(array_length(fks, 1), 0);
END
$$;
COMMENT ON FUNCTION dp.distribute(integer) IS 'on a Citus coordinator with its workers added: makes the planning tables with a nation column distributed tables colocated by nation (shard_count shards, NULL: citus.shard_count) and the others reference tables, keeping their foreign keys; returns what it did';
