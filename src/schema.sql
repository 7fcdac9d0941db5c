-- ===========================================================================
-- schema: the reference data model (nations, interoperability classes,
-- items, stockpiles, consumption, deliveries, requirements, production
-- lines, bills of materials, component sources), nation-scoped row-level
-- security and the role mapping.
-- ===========================================================================

-- ---- settings ---------------------------------------------------------------

CREATE FUNCTION dp.min_contributors() RETURNS integer
    AS 'MODULE_PATHNAME', 'dp_min_contributors' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.min_contributors() IS 'the k of the pooled views: setting dp.min_contributors (default 3, changeable by superusers only)';

-- ---- reference tables -------------------------------------------------------

-- The nations the extension ships, from a constant table in the library (no
-- table read): dp.nation starts with them, dp.codification_country uses them.
CREATE FUNCTION dp.shipped_nations(OUT code text, OUT name text, OUT nato_member boolean,
                                   OUT accession date, OUT ncb_codes text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_shipped_nations' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 38;
COMMENT ON FUNCTION dp.shipped_nations() IS 'the nations the extension ships (the 32 NATO members and six partners) as shipped: code, name, nato_member, accession, ncb_codes';

CREATE TABLE dp.nation (
    code text PRIMARY KEY CONSTRAINT nation_code_iso_alpha3 CHECK (code ~ '^[A-Z]{3}$'),
    name text NOT NULL,
    nato_member boolean NOT NULL DEFAULT false,
    accession date,
    ncb_codes text[] NOT NULL DEFAULT '{}'
        CONSTRAINT nation_ncb_codes_two_digits CHECK (pg_catalog.array_to_string(ncb_codes, ',') ~ '^([0-9]{2}(,[0-9]{2})*)?$'),
    builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE dp.nation IS 'nations: the 32 NATO members and six partners the extension ships, and any others users add; a shipped row can be edited (the edit is kept by pg_dump) but not deleted';
COMMENT ON COLUMN dp.nation.code IS 'ISO 3166-1 alpha-3 code, e.g. DEU';
COMMENT ON COLUMN dp.nation.name IS 'English short name';
COMMENT ON COLUMN dp.nation.nato_member IS 'true for NATO members';
COMMENT ON COLUMN dp.nation.accession IS 'date the nation joined NATO';
COMMENT ON COLUMN dp.nation.ncb_codes IS 'two-digit codes of its National Codification Bureau, as used in NSNs (USA 00-09)';
COMMENT ON COLUMN dp.nation.builtin IS 'true for a shipped row as shipped (not dumped: CREATE EXTENSION recreates it); editing the row makes it false, so pg_dump keeps the edit; maintained by the extension';

INSERT INTO dp.nation (code, name, nato_member, accession, ncb_codes, builtin)
    SELECT s.code, s.name, s.nato_member, s.accession, s.ncb_codes, true FROM dp.shipped_nations() s;

-- Keeps shipped rows apart from user rows: an edited shipped row becomes a
-- user row (dumped); a row inserted with a shipped code (pg_restore of an
-- edited row) replaces the shipped row instead of failing; shipped rows
-- cannot be deleted, renamed or truncated away (they would come back with
-- the next CREATE EXTENSION, e.g. on restore).
CREATE FUNCTION dp._nation_rows() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    merged bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = 'cannot truncate dp.nation: it holds the nations the extension ships',
            HINT = 'Delete the rows you added instead: DELETE FROM dp.nation WHERE code NOT IN (SELECT code FROM dp.shipped_nations()).';
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
       AND EXISTS (SELECT 1 FROM dp.shipped_nations() s WHERE s.code = OLD.code) THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = format('cannot %s nation %s: the extension ships it',
                             CASE TG_OP WHEN 'DELETE' THEN 'delete' ELSE 'change the code of' END, OLD.code),
            DETAIL = 'A shipped row comes back with the next CREATE EXTENSION, for example when a dump is restored.',
            HINT = 'Edit its other columns instead (pg_dump keeps an edited row), e.g. set nato_member to false.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    ELSIF TG_OP = 'UPDATE' THEN
        -- builtin can only be lowered: an edited shipped row is a user row from now on
        NEW.builtin := NEW.builtin AND OLD.builtin
            AND (NEW.name, NEW.nato_member, NEW.accession, NEW.ncb_codes)
                IS NOT DISTINCT FROM (OLD.name, OLD.nato_member, OLD.accession, OLD.ncb_codes);
        RETURN NEW;
    END IF;
    -- INSERT: a row is builtin only as shipped; a shipped code takes over the shipped row.
    -- The table is the trigger's own (on Citus, the shard placement the row goes to).
    NEW.builtin := NEW.builtin AND EXISTS (
        SELECT 1 FROM dp.shipped_nations() s
         WHERE (s.code, s.name, s.nato_member, s.accession, s.ncb_codes)
               IS NOT DISTINCT FROM (NEW.code, NEW.name, NEW.nato_member, NEW.accession, NEW.ncb_codes));
    EXECUTE format('UPDATE %I.%I n SET name = $1.name, nato_member = $1.nato_member, accession = $1.accession,'
                   ' ncb_codes = $1.ncb_codes, builtin = $1.builtin WHERE n.code = $1.code AND n.builtin',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
        USING NEW;
    GET DIAGNOSTICS merged = ROW_COUNT;
    IF merged > 0 THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION dp._nation_rows() IS 'internal: trigger of dp.nation keeping shipped rows apart from user rows (edits dumped, inserts of shipped codes merged, deletes of shipped rows refused)';
CREATE TRIGGER nation_rows BEFORE INSERT OR UPDATE OR DELETE ON dp.nation
    FOR EACH ROW EXECUTE FUNCTION dp._nation_rows();
COMMENT ON TRIGGER nation_rows ON dp.nation IS 'edited shipped rows become user rows (dumped); an insert of a shipped code replaces the shipped row; shipped rows cannot be deleted';
CREATE TRIGGER nation_truncate BEFORE TRUNCATE ON dp.nation
    FOR EACH STATEMENT EXECUTE FUNCTION dp._nation_rows();
COMMENT ON TRIGGER nation_truncate ON dp.nation IS 'the shipped rows cannot be truncated away';

CREATE TABLE dp.interop_class (
    class_id text PRIMARY KEY,
    description text NOT NULL,
    unit text NOT NULL DEFAULT 'round'
);
COMMENT ON TABLE dp.interop_class IS 'interoperability classes: items Allies can use interchangeably, pooled in one unit (e.g. 155mm NATO rounds)';
COMMENT ON COLUMN dp.interop_class.class_id IS 'class identifier, e.g. 155mm';
COMMENT ON COLUMN dp.interop_class.description IS 'what the class covers';
COMMENT ON COLUMN dp.interop_class.unit IS 'unit in which the class is pooled, e.g. round, missile';

CREATE TABLE dp.item (
    item_id text PRIMARY KEY,
    nsn dp.nsn UNIQUE,
    name text NOT NULL,
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    class_units_per_unit float8 NOT NULL DEFAULT 1
        CONSTRAINT item_class_units_range CHECK (class_units_per_unit > 0 AND class_units_per_unit <= 1e6)
);
COMMENT ON TABLE dp.item IS 'items of supply, each in one interoperability class';
COMMENT ON COLUMN dp.item.item_id IS 'item identifier';
COMMENT ON COLUMN dp.item.nsn IS 'NATO Stock Number';
COMMENT ON COLUMN dp.item.name IS 'item name';
COMMENT ON COLUMN dp.item.interop_class IS 'the interoperability class the item belongs to';
COMMENT ON COLUMN dp.item.class_units_per_unit IS 'class units in one item unit (e.g. rounds per pallet), for pooling; above 0, at most 1e6';

-- ---- nation data (row-level security) ---------------------------------------

-- Quantities are below 1e15 and dates lie in 1900-2199, so no sum over the
-- tables can overflow float8 and no pooled vector outgrows the calendar: one
-- nation's rows can never make another nation's views fail.

CREATE TABLE dp.stockpile (
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    as_of date NOT NULL CONSTRAINT stockpile_as_of_range CHECK (as_of >= '1900-01-01' AND as_of < '2200-01-01'),
    on_hand float8 NOT NULL CONSTRAINT stockpile_on_hand_range CHECK (on_hand >= 0 AND on_hand < 1e15),
    target float8 CONSTRAINT stockpile_target_range CHECK (target >= 0 AND target < 1e15),
    PRIMARY KEY (nation, item_id, as_of)
);
COMMENT ON TABLE dp.stockpile IS 'stock on hand per nation and item as of a date (the latest row counts)';
COMMENT ON COLUMN dp.stockpile.nation IS 'owning nation';
COMMENT ON COLUMN dp.stockpile.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile.as_of IS 'date the stock was counted (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.stockpile.on_hand IS 'quantity on hand, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.stockpile.target IS 'stock objective, in item units (0 to below 1e15)';

CREATE TABLE dp.consumption (
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    at date NOT NULL CONSTRAINT consumption_at_range CHECK (at >= '1900-01-01' AND at < '2200-01-01'),
    quantity float8 NOT NULL CONSTRAINT consumption_quantity_range CHECK (quantity >= 0 AND quantity < 1e15),
    PRIMARY KEY (nation, item_id, at)
);
COMMENT ON TABLE dp.consumption IS 'consumption history: quantity used, expended or donated per nation, item and date';
COMMENT ON COLUMN dp.consumption.nation IS 'consuming nation';
COMMENT ON COLUMN dp.consumption.item_id IS 'item';
COMMENT ON COLUMN dp.consumption.at IS 'date of the consumption (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.consumption.quantity IS 'quantity consumed, in item units (0 to below 1e15)';

CREATE TABLE dp.planned_delivery (
    delivery_id bigint GENERATED ALWAYS AS IDENTITY,
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    due date NOT NULL CONSTRAINT planned_delivery_due_range CHECK (due >= '1900-01-01' AND due < '2200-01-01'),
    quantity float8 NOT NULL CONSTRAINT planned_delivery_quantity_range CHECK (quantity >= 0 AND quantity < 1e15),
    PRIMARY KEY (nation, delivery_id)
);
COMMENT ON TABLE dp.planned_delivery IS 'deliveries industry is due to make to a nation';
COMMENT ON COLUMN dp.planned_delivery.delivery_id IS 'delivery identifier, assigned by the database (GENERATED ALWAYS)';
COMMENT ON SEQUENCE dp.planned_delivery_delivery_id_seq IS 'identity of dp.planned_delivery';
COMMENT ON COLUMN dp.planned_delivery.nation IS 'receiving nation';
COMMENT ON COLUMN dp.planned_delivery.item_id IS 'item';
COMMENT ON COLUMN dp.planned_delivery.due IS 'due date (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.planned_delivery.quantity IS 'quantity due, in item units (0 to below 1e15)';

CREATE TABLE dp.requirement (
    requirement_id bigint GENERATED ALWAYS AS IDENTITY,
    nation text NOT NULL REFERENCES dp.nation (code),
    item_id text NOT NULL REFERENCES dp.item (item_id),
    need_by date NOT NULL CONSTRAINT requirement_need_by_range CHECK (need_by >= '1900-01-01' AND need_by < '2200-01-01'),
    quantity float8 NOT NULL CONSTRAINT requirement_quantity_range CHECK (quantity >= 0 AND quantity < 1e15),
    priority integer NOT NULL DEFAULT 1,
    weight float8 NOT NULL DEFAULT 1 CONSTRAINT requirement_weight_range CHECK (weight >= 1e-6 AND weight <= 1e6),
    PRIMARY KEY (nation, requirement_id)
);
COMMENT ON TABLE dp.requirement IS 'what each nation wants to procure, by date';
COMMENT ON COLUMN dp.requirement.requirement_id IS 'requirement identifier, assigned by the database (GENERATED ALWAYS)';
COMMENT ON SEQUENCE dp.requirement_requirement_id_seq IS 'identity of dp.requirement';
COMMENT ON COLUMN dp.requirement.nation IS 'requiring nation';
COMMENT ON COLUMN dp.requirement.item_id IS 'item';
COMMENT ON COLUMN dp.requirement.need_by IS 'date the quantity is needed by (1900-01-01 to 2199-12-31)';
COMMENT ON COLUMN dp.requirement.quantity IS 'quantity required, in item units (0 to below 1e15)';
COMMENT ON COLUMN dp.requirement.priority IS 'priority (lower is served first by the priority policy)';
COMMENT ON COLUMN dp.requirement.weight IS 'weight in fair and proportional allocation (1e-6 to 1e6)';

-- ---- industrial base --------------------------------------------------------

CREATE TABLE dp.production_line (
    line_id text PRIMARY KEY,
    producer text NOT NULL,
    country text NOT NULL REFERENCES dp.nation (code),
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    capacity dp.capvec NOT NULL CONSTRAINT production_line_capacity_monthly CHECK (dp.period(capacity) = 'month')
        CONSTRAINT production_line_capacity_range CHECK (capacity = dp.clamp(capacity, 0, 1e15)),
    posture dp.posture NOT NULL DEFAULT 'peacetime',
    crisis_factor float8 NOT NULL DEFAULT 1.5 CONSTRAINT production_line_crisis_factor CHECK (crisis_factor >= 1 AND crisis_factor <= 100),
    conflict_factor float8 NOT NULL DEFAULT 2.5 CONSTRAINT production_line_conflict_factor CHECK (conflict_factor >= 1 AND conflict_factor <= 100),
    surge_periods integer NOT NULL DEFAULT 6 CONSTRAINT production_line_surge_periods CHECK (surge_periods >= 0),
    surge_from date
);
COMMENT ON TABLE dp.production_line IS 'production lines: monthly peacetime capacity in class units and how far it can surge';
COMMENT ON COLUMN dp.production_line.line_id IS 'line identifier';
COMMENT ON COLUMN dp.production_line.producer IS 'producing company';
COMMENT ON COLUMN dp.production_line.country IS 'country of the plant';
COMMENT ON COLUMN dp.production_line.interop_class IS 'interoperability class produced';
COMMENT ON COLUMN dp.production_line.capacity IS 'peacetime capacity per month, in class units (a monthly capvec, values 0 to 1e15)';
COMMENT ON COLUMN dp.production_line.posture IS 'the posture the line currently works at';
COMMENT ON COLUMN dp.production_line.crisis_factor IS 'capacity multiplier reached in a crisis posture (1 to 100)';
COMMENT ON COLUMN dp.production_line.conflict_factor IS 'capacity multiplier reached in a conflict posture (1 to 100)';
COMMENT ON COLUMN dp.production_line.surge_periods IS 'months a surge takes to reach its factor';
COMMENT ON COLUMN dp.production_line.surge_from IS 'month a surge would start (NULL: the start of the capacity vector)';

CREATE TABLE dp.bom (
    interop_class text NOT NULL REFERENCES dp.interop_class (class_id),
    component text NOT NULL,
    qty_per float8 NOT NULL CONSTRAINT bom_qty_per_range CHECK (qty_per >= 1e-6 AND qty_per <= 1e6),
    PRIMARY KEY (interop_class, component)
);
COMMENT ON TABLE dp.bom IS 'bill of materials: components needed per class unit';
COMMENT ON COLUMN dp.bom.interop_class IS 'interoperability class assembled';
COMMENT ON COLUMN dp.bom.component IS 'component, e.g. shell body, fuze, propellant charge';
COMMENT ON COLUMN dp.bom.qty_per IS 'component units per class unit (1e-6 to 1e6)';

CREATE TABLE dp.component_source (
    component text NOT NULL,
    supplier text NOT NULL,
    country text NOT NULL REFERENCES dp.nation (code),
    capacity dp.capvec NOT NULL CONSTRAINT component_source_capacity_monthly CHECK (dp.period(capacity) = 'month')
        CONSTRAINT component_source_capacity_range CHECK (capacity = dp.clamp(capacity, 0, 1e15)),
    PRIMARY KEY (component, supplier)
);
COMMENT ON TABLE dp.component_source IS 'who supplies each component, from where, at what monthly capacity';
COMMENT ON COLUMN dp.component_source.component IS 'component';
COMMENT ON COLUMN dp.component_source.supplier IS 'supplying company';
COMMENT ON COLUMN dp.component_source.country IS 'country of the supplying plant';
COMMENT ON COLUMN dp.component_source.capacity IS 'capacity per month, in component units (a monthly capvec, values 0 to 1e15)';

-- ---- role mapping and row-level security ------------------------------------

-- A role acts for a nation by membership of the nation's NOLOGIN marker role
-- (dp_nation_deu; dp_all_nations for '*', Board level).  Membership is kept
-- by OID (a renamed role keeps its nation, a new role of the old name gets
-- none), dropped with the role, propagated to Citus workers, and evaluated
-- without reading a table.

CREATE FUNCTION dp.session_nations() RETURNS text[]
    AS 'MODULE_PATHNAME', 'dp_session_nations' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION dp.session_nations() IS 'the nations the current role acts for ({*}: all): from membership, direct or indirect, of the nations'' marker roles; all for superusers, BYPASSRLS roles and members of dp_all_nations';

CREATE FUNCTION dp.sees_nation(nation text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'dp_sees_nation' LANGUAGE C STABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION dp.sees_nation(text) IS 'true if the current role acts for this nation or for all (the row-level security test of the nation tables)';

CREATE FUNCTION dp.nation_role(nation text) RETURNS name
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT (CASE WHEN nation OPERATOR(pg_catalog.=) '*' THEN 'dp_all_nations'
                 ELSE 'dp_nation_' OPERATOR(pg_catalog.||) pg_catalog.lower(nation) END)::name;
END;
COMMENT ON FUNCTION dp.nation_role(text) IS 'the marker role of a nation (dp_nation_ and the lower-case code) or of all nations (* : dp_all_nations)';

-- the mappings, from the catalog (a role sees those of the roles it belongs to)
CREATE VIEW dp.role_nation WITH (security_barrier = true) AS
SELECT u.rolname::text AS role,
       CASE WHEN g.rolname OPERATOR(pg_catalog.=) 'dp_all_nations' THEN '*'
            ELSE pg_catalog.upper(pg_catalog.substr(g.rolname, 11)) END AS nation
  FROM pg_catalog.pg_auth_members m
  JOIN pg_catalog.pg_roles g ON g.oid OPERATOR(pg_catalog.=) m.roleid
  JOIN pg_catalog.pg_roles u ON u.oid OPERATOR(pg_catalog.=) m.member
 WHERE (g.rolname OPERATOR(pg_catalog.~) '^dp_nation_[a-z]{3}$' OR g.rolname OPERATOR(pg_catalog.=) 'dp_all_nations')
   AND pg_catalog.pg_has_role(u.oid, 'MEMBER');
COMMENT ON VIEW dp.role_nation IS 'which database role acts for which nation (* for Board-level access to all): the members of the nations'' marker roles, maintained by dp.map_role and dp.unmap_role; a role sees the mappings of the roles it belongs to';
COMMENT ON COLUMN dp.role_nation.role IS 'database role';
COMMENT ON COLUMN dp.role_nation.nation IS 'nation code, or * for all nations';

-- the nation tables: row-level security, for their owner too, by one policy each
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stockpile', 'consumption', 'planned_delivery', 'requirement'] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE dp.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('ALTER TABLE dp.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('CREATE POLICY nation_rows ON dp.%I USING (dp.sees_nation(nation)) WITH CHECK (dp.sees_nation(nation))', t);
        EXECUTE pg_catalog.format('COMMENT ON POLICY nation_rows ON dp.%I IS %L', t,
                       'a role sees and changes only the rows of the nations it acts for (all with *)');
    END LOOP;
END
$$;

-- ---- NSN lookups ------------------------------------------------------------

CREATE FUNCTION dp.codification_country(n dp.nsn) RETURNS text
    AS 'MODULE_PATHNAME', 'dp_codification_country' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dp.codification_country(dp.nsn) IS 'ISO alpha-3 code of the shipped nation whose codification bureau assigned the NSN (NCB codes as shipped; reads no table); NULL if none: for nations users add, join dp.nation on dp.ncb_code(n) = ANY (ncb_codes)';

-- ---- mapping roles to nations ---------------------------------------------------

-- Raise 42501 unless the caller is a superuser or the extension's owner.
CREATE FUNCTION dp.require_admin() RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = current_user AND r.rolsuper)
       AND NOT EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = 'defence_production'
                          AND pg_has_role(current_user, e.extowner, 'MEMBER')) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only a superuser or the owner of extension defence_production may map roles to nations';
    END IF;
END
$$;
COMMENT ON FUNCTION dp.require_admin() IS 'raises 42501 unless the current role is a superuser or owns the extension';

-- Create a nation's marker role if missing (NOLOGIN, no attributes) and grant
-- it what a nation's planner needs: schema usage, reading the reference
-- tables and views, reading and writing the nation tables (row-level
-- security confines it to its nation).  Repeating the grants is harmless.
CREATE FUNCTION dp._nation_role_ensure(marker name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r pg_roles;
BEGIN
    SELECT * INTO r FROM pg_roles WHERE rolname = marker;
    IF NOT FOUND THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', marker);
            EXECUTE format('COMMENT ON ROLE %I IS %L', marker,
                           'marker role of extension defence_production: its members act for '
                           || CASE WHEN marker = 'dp_all_nations' THEN 'all nations' ELSE upper(substr(marker, 11)) END);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by another session
        END;
    ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
            MESSAGE = format('role "%s" exists but is not a nation marker role', marker),
            DETAIL = 'A marker role must be NOLOGIN, NOSUPERUSER, NOCREATEROLE, NOCREATEDB, NOREPLICATION and NOBYPASSRLS.',
            HINT = format('Drop or rename role "%s", or remove those attributes.', marker);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA dp TO %I', marker);
    EXECUTE format('GRANT SELECT ON dp.nation, dp.interop_class, dp.item, dp.production_line, dp.bom, dp.component_source, dp.role_nation, dp.scenario TO %I', marker);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dp.stockpile, dp.consumption, dp.planned_delivery, dp.requirement TO %I', marker);
    EXECUTE format('GRANT SELECT ON dp.stockpile_outlook, dp.stockpile_projection, dp.harmonized_demand, dp.allocation_plan, dp.capacity_outlook, dp.capacity_gap, dp.supply_risk, dp.replenishment_outlook TO %I', marker);
END
$$;
COMMENT ON FUNCTION dp._nation_role_ensure(name) IS 'internal: creates a nation''s marker role if missing and grants it what a nation''s role needs';
REVOKE EXECUTE ON FUNCTION dp._nation_role_ensure(name) FROM PUBLIC;

CREATE FUNCTION dp.map_role(role name, nation text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    marker name := dp.nation_role(nation);
    m record;
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
    IF role ~ '^dp_nation_[a-z]{3}$' OR role = 'dp_all_nations' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('role "%s" is a nation marker role', role),
            HINT = 'Map the roles that act for the nation, not the marker role.';
    END IF;
    PERFORM dp._nation_role_ensure(marker);
    -- a role acts for one nation: a later mapping replaces the earlier one
    FOR m IN SELECT g.rolname
               FROM pg_auth_members am
               JOIN pg_roles g ON g.oid = am.roleid
               JOIN pg_roles u ON u.oid = am.member
              WHERE u.rolname = role AND g.rolname <> marker
                AND (g.rolname ~ '^dp_nation_[a-z]{3}$' OR g.rolname = 'dp_all_nations') LOOP
        EXECUTE format('REVOKE %I FROM %I', m.rolname, role);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members am
                     JOIN pg_roles g ON g.oid = am.roleid
                     JOIN pg_roles u ON u.oid = am.member
                    WHERE u.rolname = role AND g.rolname = marker) THEN
        EXECUTE format('GRANT %I TO %I', marker, role);
    END IF;
END
$$;
COMMENT ON FUNCTION dp.map_role(name, text) IS 'lets a role act for a nation (* for Board-level access): makes it a member of the nation''s marker role (created if missing, with the grants a nation''s role needs), replacing an earlier mapping; superuser or extension owner only';

CREATE FUNCTION dp.unmap_role(role name) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    PERFORM dp.require_admin();
    FOR m IN SELECT g.rolname
               FROM pg_auth_members am
               JOIN pg_roles g ON g.oid = am.roleid
               JOIN pg_roles u ON u.oid = am.member
              WHERE u.rolname = role
                AND (g.rolname ~ '^dp_nation_[a-z]{3}$' OR g.rolname = 'dp_all_nations') LOOP
        EXECUTE format('REVOKE %I FROM %I', m.rolname, role);
    END LOOP;
END
$$;
COMMENT ON FUNCTION dp.unmap_role(name) IS 'undoes dp.map_role: the role stops being a member of the nations'' marker roles; superuser or extension owner only';

REVOKE EXECUTE ON FUNCTION dp.map_role(name, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION dp.unmap_role(name) FROM PUBLIC;

-- ---- DROP EXTENSION without CASCADE keeps the planning data ----------------------

CREATE FUNCTION dp._guard_drop() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'dp_guard_drop' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION dp._guard_drop() IS 'internal: event trigger refusing DROP EXTENSION defence_production or DROP SCHEMA dp without CASCADE while the planning tables hold data (2BP01)';
CREATE EVENT TRIGGER defence_production_guard_drop ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
    EXECUTE FUNCTION dp._guard_drop();
COMMENT ON EVENT TRIGGER defence_production_guard_drop IS 'refuses DROP EXTENSION defence_production (or DROP SCHEMA dp) without CASCADE while the planning tables hold data';

-- user data is dumped by pg_dump; the shipped nations as shipped are recreated by CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('dp.nation', 'WHERE NOT builtin');
-- the others whole, in this order (one call a statement: each updates the extension's row)
DO $$
DECLARE
    t regclass;
BEGIN
    FOREACH t IN ARRAY '{dp.interop_class, dp.item, dp.stockpile, dp.consumption, dp.planned_delivery,
                         dp.planned_delivery_delivery_id_seq, dp.requirement, dp.requirement_requirement_id_seq,
                         dp.production_line, dp.bom, dp.component_source}'::regclass[] LOOP
        PERFORM pg_catalog.pg_extension_config_dump(t, '');
    END LOOP;
END
$$;

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
