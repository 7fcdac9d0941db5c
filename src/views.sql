-- ===========================================================================
-- views: what BI tools read.  Plain SQL types only (date, float8, int, text,
-- bool); every column commented; a view has rows only where there is data
-- (NULL says "no data" or "hidden", as each column's comment says).
-- Per-nation views run with the invoker's rights (row-level security
-- applies).  Pooled views (harmonized_demand, capacity_gap, allocation_plan)
-- read functions that run with the extension owner's rights (dp.as_owner in
-- schema.c) and show a pooled figure to a nation's role only when at least
-- dp.min_contributors() nations other than its own contribute to it; the
-- allocation plan is materialised from committed data by dp.refresh_outlook.
-- Objects whose names start with _ are internal.
-- ===========================================================================

-- ---- helpers ------------------------------------------------------------------

-- Monthly capacity of a production line at a posture (surges ramp from surge_from).
CREATE FUNCTION dp.line_capacity(capacity dp.capvec, posture dp.posture, crisis_factor float8,
                                 conflict_factor float8, surge_periods integer, surge_from date)
    RETURNS dp.capvec
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE posture
             WHEN 'crisis' THEN dp.surge(capacity, crisis_factor, COALESCE(surge_from, dp.start_date(capacity)), surge_periods)
             WHEN 'conflict' THEN dp.surge(capacity, conflict_factor, COALESCE(surge_from, dp.start_date(capacity)), surge_periods)
             ELSE capacity
           END;
END;
COMMENT ON FUNCTION dp.line_capacity(dp.capvec, dp.posture, float8, float8, integer, date) IS 'a production line''s monthly capacity at a posture: peacetime as is, crisis and conflict surged by their factors';

-- ---- stockpile_outlook ----------------------------------------------------------

-- The stockpile views read the materialised outlook (dp.outlook, brought up
-- to date by dp.refresh_outlook): no forecast is fitted when they are read.
-- They run with their owner's rights and show each role the rows of the
-- nations it is mapped to.
CREATE VIEW dp.stockpile_outlook WITH (security_barrier = true) AS
SELECT o.nation,
       o.item_id,
       o.item_name,
       o.interop_class,
       o.as_of,
       o.on_hand,
       o.target,
       o.forecast_method,
       o.monthly_consumption,
       o.monthly_deliveries,
       o.depletion_date,
       o.replenish_date,
       o.days_of_supply,
       o.stockout_risk_6m,
       dp.sparkline(o.projected_stock) AS projected_stock,
       o.demand_class,
       o.mae AS forecast_mae,
       o.rmse AS forecast_rmse,
       o.mase AS forecast_mase,
       o.bias AS forecast_bias
  FROM dp.outlook o
 WHERE dp.sees_nation(o.nation);
COMMENT ON VIEW dp.stockpile_outlook IS 'per nation and item: stock, automatic consumption forecast, depletion and replenishment dates, days of supply and stock-out risk over the next 24 months, as of the last dp.refresh_outlook (see dp.outlook_status()); a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.stockpile_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_outlook.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_outlook.item_name IS 'item name';
COMMENT ON COLUMN dp.stockpile_outlook.interop_class IS 'interoperability class of the item';
COMMENT ON COLUMN dp.stockpile_outlook.as_of IS 'date of the latest stock count';
COMMENT ON COLUMN dp.stockpile_outlook.on_hand IS 'quantity on hand at the count, taken as the stock at the start of its month';
COMMENT ON COLUMN dp.stockpile_outlook.target IS 'stock objective';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_method IS 'the method of the automatic forecast of the last 24 months of consumption: auto where it combines its parts, naive without demand, ses for a constant history';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_consumption IS 'mean forecast consumption per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.monthly_deliveries IS 'mean planned deliveries per month over the next 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.depletion_date IS 'first day the projected stock is at or below zero (NULL: not within 24 months)';
COMMENT ON COLUMN dp.stockpile_outlook.replenish_date IS 'first day, after falling below target, the stock is back at target (NULL: not within 24 months or no target)';
COMMENT ON COLUMN dp.stockpile_outlook.days_of_supply IS 'days the stock on hand lasts at forecast consumption, without deliveries (NULL: no forecast consumption)';
COMMENT ON COLUMN dp.stockpile_outlook.stockout_risk_6m IS 'probability of a stock-out within 6 months (Monte Carlo, 2000 trials, normal demand with the forecast''s in-sample error)';
COMMENT ON COLUMN dp.stockpile_outlook.projected_stock IS 'sparkline of the projected month-end stock over 24 months';
COMMENT ON COLUMN dp.stockpile_outlook.demand_class IS 'Syntetos-Boylan demand class of the last 24 months: smooth, erratic, intermittent or lumpy (NULL: no consumption)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_mae IS 'the forecast''s in-sample one-step mean absolute error (NULL: none)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_rmse IS 'the forecast''s in-sample one-step root mean squared error (NULL: none)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_mase IS 'the forecast''s in-sample mean absolute scaled error (NULL where undefined)';
COMMENT ON COLUMN dp.stockpile_outlook.forecast_bias IS 'the forecast''s in-sample mean of actual minus forecast (NULL: none)';

-- ---- stockpile_projection -------------------------------------------------------

CREATE VIEW dp.stockpile_projection WITH (security_barrier = true) AS
SELECT o.nation,
       o.item_id,
       p.period_start,
       (p.period_start + '1 mon'::interval)::date AS period_end,
       p.opening,
       p.supplied,
       p.demanded,
       p.closing,
       p.shortfall,
       p.below_target
  FROM dp.outlook o,
       dp.stock_projection(o.on_hand, o.deliveries, o.forecast, o.target) p
 WHERE dp.sees_nation(o.nation);
COMMENT ON VIEW dp.stockpile_projection IS 'projected monthly stock per nation and item over the next 24 months, long form for charting, as of the last dp.refresh_outlook; a role sees only the nations it is mapped to';
COMMENT ON COLUMN dp.stockpile_projection.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.stockpile_projection.item_id IS 'item';
COMMENT ON COLUMN dp.stockpile_projection.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.stockpile_projection.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.stockpile_projection.opening IS 'stock at the start of the month';
COMMENT ON COLUMN dp.stockpile_projection.supplied IS 'planned deliveries in the month';
COMMENT ON COLUMN dp.stockpile_projection.demanded IS 'forecast consumption in the month';
COMMENT ON COLUMN dp.stockpile_projection.closing IS 'stock at the end of the month (negative: owed)';
COMMENT ON COLUMN dp.stockpile_projection.shortfall IS 'quantity owed at the end of the month';
COMMENT ON COLUMN dp.stockpile_projection.below_target IS 'closing stock below the stock objective (NULL without one)';

-- ---- pooled demand and capacity per class and month ----------------------------

-- Internal (granted to no role): requirements per class, month and nation, in
-- class units.  It shows single nations' figures; the pooled views read it
-- through functions that run with the extension owner's rights and publish
-- only pooled figures.
CREATE VIEW dp._requirement_by_class AS
SELECT i.interop_class,
       pg_catalog.date_trunc('month', r.need_by)::date AS period_start,
       r.nation,
       pg_catalog.sum(r.quantity * i.class_units_per_unit) AS quantity,
       pg_catalog.sum(r.quantity * i.class_units_per_unit * r.weight)
         / NULLIF(pg_catalog.sum(r.quantity * i.class_units_per_unit), 0) AS weight
  FROM dp.requirement r
  JOIN dp.item i ON i.item_id = r.item_id
 GROUP BY 1, 2, 3;
COMMENT ON VIEW dp._requirement_by_class IS 'internal (granted to no role): requirements in class units per interoperability class, month and nation, read by the pooled views';
COMMENT ON COLUMN dp._requirement_by_class.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._requirement_by_class.period_start IS 'month the requirements are due';
COMMENT ON COLUMN dp._requirement_by_class.nation IS 'requiring nation';
COMMENT ON COLUMN dp._requirement_by_class.quantity IS 'quantity due, in class units';
COMMENT ON COLUMN dp._requirement_by_class.weight IS 'quantity-weighted mean of the requirements'' weights';

-- Internal: monthly industrial capacity per class at each line's current posture.
CREATE VIEW dp._class_capacity AS
SELECT p.interop_class,
       dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS capacity
  FROM dp.production_line p
 GROUP BY p.interop_class;
COMMENT ON VIEW dp._class_capacity IS 'internal: monthly capacity per interoperability class, the sum of its production lines at their current postures';
COMMENT ON COLUMN dp._class_capacity.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._class_capacity.capacity IS 'monthly capacity in class units (a monthly capvec)';

-- The pooled views' rule, for the viewer's nations (text[], {*} for all): a
-- pooled figure is shown when at least dp.min_contributors() nations other
-- than the viewer's own contribute to it (to a viewer of all nations: that
-- many contributors).  A row exists where the figure is shown or the viewer
-- contributes (a viewer of all nations: every row with data).  Each pooled
-- view reads a C function that calls the internal function of the same name
-- with the current role's nations and the extension owner's rights; the
-- internal function, defined after the view, returns the view's rows.  The
-- two helpers below state the rule once; they are inlined into the queries.

CREATE FUNCTION dp._acts_for(viewer text[], nation text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '*' OPERATOR(pg_catalog.=) ANY (viewer) OR nation OPERATOR(pg_catalog.=) ANY (viewer);
END;
COMMENT ON FUNCTION dp._acts_for(text[], text) IS 'internal: true if a viewer acting for these nations ({*}: all) acts for this nation (the pooled views'' own rows)';

CREATE FUNCTION dp._pooled_shown(viewer text[], contributors bigint, own bigint) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN '*' OPERATOR(pg_catalog.=) ANY (viewer) THEN contributors
                ELSE contributors OPERATOR(pg_catalog.-) own END OPERATOR(pg_catalog.>=) dp.min_contributors();
END;
COMMENT ON FUNCTION dp._pooled_shown(text[], bigint, bigint) IS 'internal: the pooled views'' rule: may a viewer acting for these nations ({*}: all) see a figure pooled from contributors nations, own of them its own: at least dp.min_contributors() others (a viewer of all nations: that many contributors)';

CREATE FUNCTION dp._pooled_harmonized_demand(
    OUT interop_class text, OUT period_start date, OUT period_end date, OUT unit text,
    OUT demand float8, OUT contributors integer, OUT capacity float8, OUT shortfall float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_harmonized_demand() IS 'internal: dp._pooled_harmonized_demand(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.harmonized_demand WITH (security_barrier = true) AS
SELECT h.interop_class, h.period_start, h.period_end, h.unit, h.demand, h.contributors, h.capacity, h.shortfall
  FROM dp._pooled_harmonized_demand() h;
COMMENT ON VIEW dp.harmonized_demand IS 'pooled requirements of all nations per interoperability class and month with requirements, against industrial capacity; demand, contributors and shortfall are NULL unless at least dp.min_contributors nations other than the viewer''s own contribute; a nation''s role sees the months it contributes to and those whose figures it may see';
COMMENT ON COLUMN dp.harmonized_demand.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.harmonized_demand.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.harmonized_demand.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.harmonized_demand.unit IS 'class unit of demand and capacity';
COMMENT ON COLUMN dp.harmonized_demand.demand IS 'pooled requirements due in the month, in class units (NULL: hidden, fewer than dp.min_contributors nations other than the viewer''s contribute)';
COMMENT ON COLUMN dp.harmonized_demand.contributors IS 'number of nations with requirements due in the month (NULL when demand is hidden)';
COMMENT ON COLUMN dp.harmonized_demand.capacity IS 'industrial capacity in the month at current postures, in class units (NULL: no production line data for the month)';
COMMENT ON COLUMN dp.harmonized_demand.shortfall IS 'demand not covered by the month''s capacity (NULL when demand is hidden or capacity unknown)';

-- Internal: the rows of dp.harmonized_demand for a viewer.
CREATE FUNCTION dp._pooled_harmonized_demand(viewer text[]) RETURNS SETOF dp.harmonized_demand
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH pooled AS (
        SELECT r.interop_class, r.period_start, sum(r.quantity) AS demand, count(*)::integer AS contributors,
               dp._pooled_shown(viewer, count(*), count(*) FILTER (WHERE dp._acts_for(viewer, r.nation))) AS visible,
               bool_or(dp._acts_for(viewer, r.nation)) AS own
          FROM dp._requirement_by_class r
         GROUP BY 1, 2
    ), cap AS (
        SELECT c.interop_class, u.period_start, u.quantity
          FROM dp._class_capacity c, dp.unnest(c.capacity) u
    )
    SELECT s.interop_class, s.period_start, (s.period_start + '1 mon'::interval)::date, ic.unit,
           CASE WHEN s.visible THEN s.demand END,
           CASE WHEN s.visible THEN s.contributors END,
           c.quantity,
           CASE WHEN s.visible AND c.quantity IS NOT NULL THEN greatest(s.demand - c.quantity, 0) END
      FROM pooled s
      JOIN dp.interop_class ic ON ic.class_id = s.interop_class
      LEFT JOIN cap c ON c.interop_class = s.interop_class AND c.period_start = s.period_start
     WHERE s.visible OR s.own;
END
$$;
COMMENT ON FUNCTION dp._pooled_harmonized_demand(text[]) IS 'internal (owner only): the rows of dp.harmonized_demand for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_harmonized_demand(text[]) FROM PUBLIC;

-- ---- allocation_plan ------------------------------------------------------------

-- The allocation plan, materialised from committed data by dp.refresh_outlook
-- (so no nation can probe it with uncommitted changes of its own): per class,
-- nation and month in which the nation requests something.
CREATE TABLE dp.allocation (
    interop_class text NOT NULL,
    nation text NOT NULL,
    period_start date NOT NULL,
    requested float8 NOT NULL,
    allocated float8 NOT NULL,
    backlog float8 NOT NULL,
    claimants integer NOT NULL,
    PRIMARY KEY (nation, interop_class, period_start)
);
COMMENT ON TABLE dp.allocation IS 'internal (granted to no role): the allocation plan as of the last dp.refresh_outlook, per class, nation and month with a request; read by dp.allocation_plan';
COMMENT ON COLUMN dp.allocation.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.allocation.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.allocation.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.allocation.requested IS 'new requirements of the month plus backlog carried in, in class units';
COMMENT ON COLUMN dp.allocation.allocated IS 'capacity allocated to the nation in the month';
COMMENT ON COLUMN dp.allocation.backlog IS 'requested but not allocated, carried to the next month';
COMMENT ON COLUMN dp.allocation.claimants IS 'nations with a request in the class and month (the allocation depends on their data)';
-- no policy: a role granted SELECT by mistake still reads nothing
ALTER TABLE dp.allocation ENABLE ROW LEVEL SECURITY;

-- Internal: the allocation rows of every class (only_class NULL) or of one.
-- Fair policy weighted by the requirements' weights, backlog carried over.
CREATE FUNCTION dp._allocation_rows(only_class text) RETURNS SETOF dp.allocation
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH per_nation AS (
        SELECT r.interop_class, r.nation,
               dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
               sum(r.quantity * r.weight) / NULLIF(sum(r.quantity), 0) AS weight
          FROM dp._requirement_by_class r
         WHERE only_class IS NULL OR r.interop_class = only_class
         GROUP BY 1, 2
    ), claims AS (
        SELECT n.interop_class,
               array_agg(n.nation ORDER BY n.nation) AS nations,
               array_agg(n.demand ORDER BY n.nation) AS demands,
               array_agg(COALESCE(n.weight, 1) ORDER BY n.nation) AS weights,
               min(dp.start_date(n.demand)) AS first_month,
               max(dp.end_date(n.demand)) AS end_month
          FROM per_nation n
         GROUP BY 1
    ), plan AS (
        SELECT c.interop_class, c.nations[a.claimant] AS nation, a.period_start, a.requested, a.allocated, a.backlog,
               (count(*) FILTER (WHERE a.requested > 0) OVER (PARTITION BY c.interop_class, a.period_start))::integer AS claimants
          FROM claims c
          LEFT JOIN dp._class_capacity k ON k.interop_class = c.interop_class,
               dp.allocate(dp.slice(COALESCE(k.capacity, dp.capvec('month', c.first_month, '{}')), c.first_month, c.end_month),
                           c.demands, 'fair', c.weights) a
    )
    SELECT p.interop_class, p.nation, p.period_start, p.requested, p.allocated, p.backlog, p.claimants
      FROM plan p
     WHERE p.requested > 0;
END
$$;
COMMENT ON FUNCTION dp._allocation_rows(text) IS 'internal (owner only): the allocation plan of every interoperability class (NULL) or of one, as rows of dp.allocation';
REVOKE EXECUTE ON FUNCTION dp._allocation_rows(text) FROM PUBLIC;

CREATE FUNCTION dp._pooled_allocation_plan(
    OUT interop_class text, OUT nation text, OUT period_start date, OUT period_end date,
    OUT requested float8, OUT allocated float8, OUT backlog float8, OUT fill_rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_allocation_plan() IS 'internal: dp._pooled_allocation_plan(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.allocation_plan WITH (security_barrier = true) AS
SELECT a.interop_class, a.nation, a.period_start, a.period_end, a.requested, a.allocated, a.backlog, a.fill_rate
  FROM dp._pooled_allocation_plan() a;
COMMENT ON VIEW dp.allocation_plan IS 'how each class''s capacity is shared among nations month by month (fair policy weighted by the requirements'' weights, backlog carried over), as of the last dp.refresh_outlook; a role sees its nations'' months with a request, with the figures only where at least dp.min_contributors other nations share the class''s capacity that month';
COMMENT ON COLUMN dp.allocation_plan.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.allocation_plan.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.allocation_plan.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.allocation_plan.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.allocation_plan.requested IS 'new requirements of the month plus backlog carried in, in class units (NULL: hidden, fewer than dp.min_contributors other nations share the capacity)';
COMMENT ON COLUMN dp.allocation_plan.allocated IS 'capacity allocated to the nation in the month (NULL: hidden)';
COMMENT ON COLUMN dp.allocation_plan.backlog IS 'requested but not allocated, carried to the next month (NULL: hidden)';
COMMENT ON COLUMN dp.allocation_plan.fill_rate IS 'allocated / requested (NULL: hidden)';

-- Internal: the rows of dp.allocation_plan for a viewer: its nations' rows;
-- the figures where at least dp.min_contributors() claimants other than the
-- viewer's nations share the class's capacity that month.
CREATE FUNCTION dp._pooled_allocation_plan(viewer text[]) RETURNS SETOF dp.allocation_plan
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT m.interop_class, m.nation, m.period_start, (m.period_start + '1 mon'::interval)::date,
           CASE WHEN m.visible THEN m.requested END,
           CASE WHEN m.visible THEN m.allocated END,
           CASE WHEN m.visible THEN m.backlog END,
           CASE WHEN m.visible THEN m.allocated / m.requested END
      FROM (SELECT a.*, dp._pooled_shown(viewer, a.claimants, count(*) OVER (PARTITION BY a.interop_class, a.period_start)) AS visible
              FROM dp.allocation a
             WHERE dp._acts_for(viewer, a.nation)) m;
END
$$;
COMMENT ON FUNCTION dp._pooled_allocation_plan(text[]) IS 'internal (owner only): the rows of dp.allocation_plan for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_allocation_plan(text[]) FROM PUBLIC;

-- ---- capacity_outlook -----------------------------------------------------------

-- Internal: per class, each component's monthly capacity (all suppliers) and units needed per class unit.
CREATE VIEW dp._class_components AS
WITH comp AS (
    SELECT b.interop_class, b.component, b.qty_per, dp.sum(s.capacity) AS capacity
      FROM dp.bom b
      LEFT JOIN dp.component_source s ON s.component = b.component
     GROUP BY 1, 2, 3
)
SELECT c.interop_class,
       pg_catalog.array_agg(c.component ORDER BY c.component) AS components,
       pg_catalog.array_agg(COALESCE(c.capacity, dp.capvec('month', '2000-01-01', '{}')) ORDER BY c.component) AS capacities,
       pg_catalog.array_agg(c.qty_per ORDER BY c.component) AS qty_per
  FROM comp c
 GROUP BY c.interop_class;
COMMENT ON VIEW dp._class_components IS 'internal: per interoperability class with a bill of materials, its components, their total monthly supplier capacity and the quantity needed per class unit';
COMMENT ON COLUMN dp._class_components.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp._class_components.components IS 'its components, in name order';
COMMENT ON COLUMN dp._class_components.capacities IS 'each component''s monthly capacity from all its suppliers (empty: none)';
COMMENT ON COLUMN dp._class_components.qty_per IS 'each component''s units per class unit';

-- reference data only (readable by every mapped role): the owner's rights let
-- it read the internal view; the tables' privileges still apply on Citus
CREATE VIEW dp.capacity_outlook AS
WITH lines AS (
    SELECT p.interop_class,
           dp.sum(p.capacity) AS peacetime,
           dp.sum(dp.line_capacity(p.capacity, 'crisis', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS crisis,
           dp.sum(dp.line_capacity(p.capacity, 'conflict', p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS conflict,
           dp.sum(dp.line_capacity(p.capacity, p.posture, p.crisis_factor, p.conflict_factor, p.surge_periods, p.surge_from)) AS current
      FROM dp.production_line p
     GROUP BY 1
), bom AS (
    -- the bottleneck and its binding component from one pass per class
    SELECT c.interop_class, z.period_start, z.quantity AS bom_capacity, c.components[z.binding] AS binding_component
      FROM dp._class_components c
     CROSS JOIN LATERAL dp.bom_capacity(c.capacities, c.qty_per) b
     CROSS JOIN LATERAL ROWS FROM (dp.unnest(b.capacity), pg_catalog.unnest(b.binding))
             AS z(period_start, period_end, quantity, binding)
), months AS (
    SELECT l.interop_class, u.period_start FROM lines l, dp.unnest(l.peacetime) u
    UNION
    SELECT b.interop_class, b.period_start FROM bom b
)
SELECT m.interop_class,
       m.period_start,
       (m.period_start + '1 mon'::interval)::date AS period_end,
       dp.value_at(l.peacetime, m.period_start) AS peacetime,
       dp.value_at(l.crisis, m.period_start) AS crisis,
       dp.value_at(l.conflict, m.period_start) AS conflict,
       dp.value_at(l.current, m.period_start) AS current_posture,
       b.bom_capacity,
       b.binding_component
  FROM months m
  LEFT JOIN lines l ON l.interop_class = m.interop_class
  LEFT JOIN bom b ON b.interop_class = m.interop_class AND b.period_start = m.period_start;
COMMENT ON VIEW dp.capacity_outlook IS 'per interoperability class and month with line or component data: line capacity at each posture and the bill-of-materials bottleneck with its binding component';
COMMENT ON COLUMN dp.capacity_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_outlook.period_start IS 'first day of the month';
COMMENT ON COLUMN dp.capacity_outlook.period_end IS 'first day of the next month (exclusive end)';
COMMENT ON COLUMN dp.capacity_outlook.peacetime IS 'capacity of all lines at peacetime posture, in class units (NULL: no line data for the month)';
COMMENT ON COLUMN dp.capacity_outlook.crisis IS 'capacity if every line surged to its crisis factor (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.conflict IS 'capacity if every line surged to its conflict factor (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.current_posture IS 'capacity at each line''s current posture (NULL: no line data)';
COMMENT ON COLUMN dp.capacity_outlook.bom_capacity IS 'class units the component supply allows (bill-of-materials bottleneck; NULL without component data for the month)';
COMMENT ON COLUMN dp.capacity_outlook.binding_component IS 'the component that limits bom_capacity';

-- ---- capacity_gap ---------------------------------------------------------------

CREATE FUNCTION dp._pooled_capacity_gap(
    OUT interop_class text, OUT unit text, OUT first_month date, OUT last_month date,
    OUT contributors integer, OUT demand float8, OUT capacity float8, OUT level_rate float8,
    OUT capacity_gap float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_capacity_gap() IS 'internal: dp._pooled_capacity_gap(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.capacity_gap WITH (security_barrier = true) AS
SELECT g.interop_class, g.unit, g.first_month, g.last_month, g.contributors, g.demand, g.capacity,
       g.level_rate, g.capacity_gap
  FROM dp._pooled_capacity_gap() g;
COMMENT ON VIEW dp.capacity_gap IS 'per interoperability class over the months with requirements: pooled demand, capacity, the level production rate that meets demand, and the extra monthly capacity needed; every figure is NULL unless, in each of those months, at least dp.min_contributors nations other than the viewer''s own contribute; a nation''s role sees the classes it contributes to and those whose figures it may see';
COMMENT ON COLUMN dp.capacity_gap.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.capacity_gap.unit IS 'class unit of the figures';
COMMENT ON COLUMN dp.capacity_gap.first_month IS 'first month with requirements (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.last_month IS 'last month with requirements (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.contributors IS 'number of nations with requirements in the class (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.demand IS 'pooled requirements over the months, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.capacity IS 'capacity at current postures over the same months (NULL: hidden, or no production line in the class)';
COMMENT ON COLUMN dp.capacity_gap.level_rate IS 'smallest constant monthly production that meets cumulative demand every month (NULL: hidden)';
COMMENT ON COLUMN dp.capacity_gap.capacity_gap IS 'smallest extra constant monthly capacity that, added to capacity, meets cumulative demand every month (NULL: hidden, or no production line in the class)';

-- Internal: the rows of dp.capacity_gap for a viewer.  A class's figures are
-- shown only when every one of its months' pooled demand may be shown (a
-- class total minus the months shown must not reveal a hidden month).
CREATE FUNCTION dp._pooled_capacity_gap(viewer text[]) RETURNS SETOF dp.capacity_gap
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH months AS (
        SELECT r.interop_class,
               dp._pooled_shown(viewer, count(*), count(*) FILTER (WHERE dp._acts_for(viewer, r.nation))) AS visible
          FROM dp._requirement_by_class r
         GROUP BY r.interop_class, r.period_start
    ), classes AS (
        SELECT r.interop_class,
               dp.capvec_agg(r.period_start, r.quantity, 'month') AS demand,
               count(DISTINCT r.nation)::integer AS contributors,
               bool_or(dp._acts_for(viewer, r.nation)) AS own
          FROM dp._requirement_by_class r
         GROUP BY 1
    ), shown AS (
        SELECT c.*, v.visible
          FROM classes c
          JOIN (SELECT m.interop_class, bool_and(m.visible) AS visible FROM months m GROUP BY 1) v
            ON v.interop_class = c.interop_class
    ), aligned AS (
        SELECT s.*,
               dp.slice(dp.pad(cc.capacity, dp.start_date(s.demand), dp.end_date(s.demand)),
                        dp.start_date(s.demand), dp.end_date(s.demand)) AS capacity
          FROM shown s
          LEFT JOIN dp._class_capacity cc ON cc.interop_class = s.interop_class
    )
    SELECT a.interop_class, ic.unit,
           CASE WHEN a.visible THEN dp.start_date(a.demand) END,
           CASE WHEN a.visible THEN (dp.end_date(a.demand) - '1 mon'::interval)::date END,
           CASE WHEN a.visible THEN a.contributors END,
           CASE WHEN a.visible THEN dp.total(a.demand) END,
           CASE WHEN a.visible THEN dp.total(a.capacity) END,
           CASE WHEN a.visible THEN dp.level_rate(a.demand) END,
           CASE WHEN a.visible THEN dp.capacity_gap(a.demand, a.capacity) END
      FROM aligned a
      JOIN dp.interop_class ic ON ic.class_id = a.interop_class
     WHERE a.visible OR a.own;
END
$$;
COMMENT ON FUNCTION dp._pooled_capacity_gap(text[]) IS 'internal (owner only): the rows of dp.capacity_gap for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_capacity_gap(text[]) FROM PUBLIC;

-- ---- supply_risk ----------------------------------------------------------------

-- reference data only, like capacity_outlook
CREATE VIEW dp.supply_risk AS
WITH src AS (
    SELECT s.component, s.supplier, s.country, n.nato_member,
           dp.total(s.capacity) / NULLIF(dp.length(s.capacity), 0) AS monthly,
           s.capacity
      FROM dp.component_source s
      JOIN dp.nation n ON n.code = s.country
), comp AS (
    SELECT s.component,
           pg_catalog.count(*)::integer AS suppliers,
           dp.hhi(s.monthly) AS hhi,
           COALESCE(pg_catalog.sum(s.monthly) FILTER (WHERE NOT s.nato_member), 0) / NULLIF(pg_catalog.sum(s.monthly), 0) AS non_nato_share,
           (pg_catalog.array_agg(s.supplier ORDER BY s.monthly DESC, s.supplier))[1] AS largest_supplier
      FROM src s
     GROUP BY 1
), without_largest AS (
    -- each class's components, with the component's largest supplier left out
    SELECT b.interop_class, b.component,
           (SELECT dp.bottleneck(pg_catalog.array_agg(COALESCE(
                       (SELECT dp.sum(s.capacity) FROM dp.component_source s
                         WHERE s.component = o.component
                           AND NOT (o.component = b.component AND s.supplier = c.largest_supplier)),
                       dp.capvec('month', '2000-01-01', '{}')) ORDER BY o.component),
                   pg_catalog.array_agg(o.qty_per ORDER BY o.component))
              FROM dp.bom o WHERE o.interop_class = b.interop_class) AS bottleneck
      FROM dp.bom b
      JOIN comp c ON c.component = b.component
)
SELECT w.interop_class,
       c.component,
       c.suppliers,
       c.hhi,
       c.suppliers = 1 AS single_source,
       c.non_nato_share,
       c.largest_supplier,
       dp.total(k.capacities_bottleneck) / NULLIF(dp.length(k.capacities_bottleneck), 0) AS bom_capacity,
       dp.total(w.bottleneck) / NULLIF(dp.length(w.bottleneck), 0) AS bom_capacity_without_largest
  FROM comp c
  JOIN without_largest w ON w.component = c.component
  JOIN (SELECT cc.interop_class, dp.bottleneck(cc.capacities, cc.qty_per) AS capacities_bottleneck
          FROM dp._class_components cc) k ON k.interop_class = w.interop_class;
COMMENT ON VIEW dp.supply_risk IS 'per interoperability class and component: supplier concentration (HHI), single sourcing, supply from outside NATO, and the bill-of-materials capacity if the largest supplier is lost';
COMMENT ON COLUMN dp.supply_risk.interop_class IS 'interoperability class whose bill of materials uses the component';
COMMENT ON COLUMN dp.supply_risk.component IS 'component';
COMMENT ON COLUMN dp.supply_risk.suppliers IS 'number of suppliers';
COMMENT ON COLUMN dp.supply_risk.hhi IS 'Herfindahl-Hirschman index of the suppliers'' mean monthly capacities (0-10000)';
COMMENT ON COLUMN dp.supply_risk.single_source IS 'true when one supplier provides all of it';
COMMENT ON COLUMN dp.supply_risk.non_nato_share IS 'share of capacity from plants outside NATO members (NULL: no capacity)';
COMMENT ON COLUMN dp.supply_risk.largest_supplier IS 'supplier with the largest mean monthly capacity';
COMMENT ON COLUMN dp.supply_risk.bom_capacity IS 'mean monthly class units the component supply allows (bill-of-materials bottleneck)';
COMMENT ON COLUMN dp.supply_risk.bom_capacity_without_largest IS 'the same if this component''s largest supplier is lost';

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

-- The replenishment results, materialised by dp.refresh_outlook (a linear
-- programme per class and scenario is too slow to solve on every read).
CREATE TABLE dp.replenishment (
    scenario text NOT NULL,
    posture text NOT NULL,
    interop_class text NOT NULL,
    nation text NOT NULL,
    first_month date NOT NULL,
    target_by date NOT NULL,
    contributors integer NOT NULL,
    reaches_target date,
    unmet float8,
    below_target float8,
    class_unmet float8,
    class_below_target float8,
    capacity_factor float8,
    PRIMARY KEY (nation, interop_class, scenario)
);
COMMENT ON TABLE dp.replenishment IS 'internal (granted to no role): dp.replenishment_results as of the refresh that last computed each class; read by dp.replenishment_outlook';
COMMENT ON COLUMN dp.replenishment.scenario IS 'scenario name';
COMMENT ON COLUMN dp.replenishment.posture IS 'posture of the scenario';
COMMENT ON COLUMN dp.replenishment.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment.first_month IS 'first month planned';
COMMENT ON COLUMN dp.replenishment.target_by IS 'date by which every target should be met and stay met';
COMMENT ON COLUMN dp.replenishment.contributors IS 'nations in the class''s plan';
COMMENT ON COLUMN dp.replenishment.reaches_target IS 'first month from which the nation''s planned stock stays at or above target (NULL: not within the horizon)';
COMMENT ON COLUMN dp.replenishment.unmet IS 'the nation''s planned unmet demand over the horizon, in class units';
COMMENT ON COLUMN dp.replenishment.below_target IS 'the nation''s planned stock-months below target, in class units';
COMMENT ON COLUMN dp.replenishment.class_unmet IS 'unmet demand of all nations in the class';
COMMENT ON COLUMN dp.replenishment.class_below_target IS 'stock-months below target of all nations in the class';
COMMENT ON COLUMN dp.replenishment.capacity_factor IS 'smallest multiple of the scenario''s capacity with which no demand is unmet and every nation is at target from target_by (NULL: none)';
-- no policy: a role granted SELECT by mistake still reads nothing
ALTER TABLE dp.replenishment ENABLE ROW LEVEL SECURITY;
SELECT pg_catalog.pg_extension_config_dump('dp.replenishment', '');

-- Internal (owner only): one class's replenishment results, per effective
-- scenario (a user row wins over the shipped one of the same name) and
-- nation with a stockpile in the class: the optimal replenishment plan's
-- figures.  Every nation's latest stock (on hand and target, in class units)
-- starts the plan; its demand is the automatic forecast from the 24 months
-- of class consumption before the first month, times the scenario's
-- multiplier; the class's lines, surged as the scenario says, are the
-- capacity shared (planned deliveries are taken to come out of that
-- capacity, so they are not added); weights are 1.  One class at a time, so
-- that dp.refresh_outlook computes classes in parallel workers.
CREATE FUNCTION dp._replenishment_rows(only_class text) RETURNS SETOF dp.replenishment
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- the class's items and the nations: the class's consumption is read by
    -- nation and item (the key's index), not by a scan of all consumption
    class_items text[] := ARRAY(SELECT i.item_id FROM dp.item i WHERE i.interop_class = only_class ORDER BY 1);
    nations text[] := ARRAY(SELECT n.code FROM dp.nation n ORDER BY 1);
BEGIN
    RETURN QUERY
    WITH scen AS (
        SELECT DISTINCT ON (s.name) s.*
          FROM dp.scenario s
         ORDER BY s.name, s.builtin
    ), latest AS (
        -- the class's stockpiles only
        SELECT DISTINCT ON (s.nation, s.item_id) s.nation, s.item_id, s.as_of, s.on_hand, s.target
          FROM dp.stockpile s
          JOIN dp.item ci ON ci.item_id = s.item_id AND ci.interop_class = only_class
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
    ), used AS MATERIALIZED (
        -- the class's consumption, in class units, read by nation and item (the key's index)
        SELECT x.nation, x.item_id, x.at, x.quantity * i.class_units_per_unit AS quantity
          FROM dp.consumption x
          JOIN dp.item i ON i.item_id = x.item_id
         WHERE x.nation = ANY (nations) AND x.item_id = ANY (class_items)
    ), histories AS (
        -- each nation's class consumption in the 24 months before the first month
        -- (items summed in a fixed order, so that the sums do not depend on the plan)
        SELECT k.interop_class, k.first_month, c.nation, c.on_hand, c.target,
               dp.pad(COALESCE(dp.capvec_agg(u.at, u.quantity, 'month' ORDER BY u.item_id, u.at),
                               dp.capvec('month', k.first_month, '{}')),
                      (k.first_month - '24 mons'::interval)::date, k.first_month) AS history
          FROM (SELECT DISTINCT r.interop_class, r.first_month FROM runs r) k
          JOIN stock c ON c.interop_class = k.interop_class
          LEFT JOIN used u ON u.nation = c.nation
                          AND u.at >= (k.first_month - '24 mons'::interval) AND u.at < k.first_month
         GROUP BY k.interop_class, k.first_month, c.nation, c.on_hand, c.target
    ), fitted AS MATERIALIZED (
        -- each history's automatic forecast, fitted once, for the longest
        -- horizon of the scenarios that share the history
        SELECT h.interop_class, h.first_month, h.nation, h.on_hand, h.target,
               dp.clamp(dp.forecast(h.history, m.horizon_months), 0, 1.7976931348623157e308) AS demand
          FROM histories h
          JOIN (SELECT r.interop_class, r.first_month, pg_catalog.max(r.horizon_months) AS horizon_months
                  FROM runs r GROUP BY 1, 2) m
            ON m.interop_class = h.interop_class AND m.first_month = h.first_month
    ), forecasts AS (
        -- one forecast per class, nation, first month and horizon: the longest
        -- one cut short (a forecast's first periods do not depend on how many
        -- follow)
        SELECT f.interop_class, f.first_month, k.horizon_months, f.nation, f.on_hand, f.target,
               dp.slice(f.demand, f.first_month, (f.first_month + pg_catalog.make_interval(months => k.horizon_months))::date) AS demand
          FROM fitted f
          JOIN (SELECT DISTINCT r.interop_class, r.first_month, r.horizon_months FROM runs r) k
            ON k.interop_class = f.interop_class AND k.first_month = f.first_month
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
END
$$;
COMMENT ON FUNCTION dp._replenishment_rows(text) IS 'internal (owner only): the replenishment results of one interoperability class, as rows of dp.replenishment; read by dp.replenishment_results and dp.refresh_outlook';
REVOKE EXECUTE ON FUNCTION dp._replenishment_rows(text) FROM PUBLIC;

-- Internal (granted to no role): the replenishment results of every class,
-- as dp.refresh_outlook materialises them in dp.replenishment.
CREATE VIEW dp.replenishment_results AS
SELECT r.scenario, r.posture, r.interop_class, r.nation, r.first_month, r.target_by, r.contributors,
       r.reaches_target, r.unmet, r.below_target, r.class_unmet, r.class_below_target, r.capacity_factor
  FROM dp.interop_class c, dp._replenishment_rows(c.class_id) r;
COMMENT ON VIEW dp.replenishment_results IS 'internal (granted to no role): per scenario, interoperability class and nation, the optimal replenishment plan''s figures over all nations; materialised in dp.replenishment by dp.refresh_outlook';
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

CREATE FUNCTION dp._pooled_replenishment_outlook(
    OUT interop_class text, OUT unit text, OUT nation text, OUT contributors integer,
    OUT first_month date, OUT target_by date,
    OUT peacetime_reaches_target date, OUT crisis_reaches_target date, OUT conflict_reaches_target date,
    OUT peacetime_unmet float8, OUT crisis_unmet float8, OUT conflict_unmet float8,
    OUT peacetime_below_target float8, OUT crisis_below_target float8, OUT conflict_below_target float8,
    OUT peacetime_class_unmet float8, OUT crisis_class_unmet float8, OUT conflict_class_unmet float8,
    OUT peacetime_class_below_target float8, OUT crisis_class_below_target float8,
    OUT conflict_class_below_target float8,
    OUT peacetime_capacity_factor float8, OUT crisis_capacity_factor float8, OUT conflict_capacity_factor float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'dp_as_owner' LANGUAGE C STABLE PARALLEL UNSAFE;
COMMENT ON FUNCTION dp._pooled_replenishment_outlook() IS 'internal: dp._pooled_replenishment_outlook(text[]) for the current role''s nations, run with the extension owner''s rights';

CREATE VIEW dp.replenishment_outlook WITH (security_barrier = true) AS
SELECT r.interop_class, r.unit, r.nation, r.contributors, r.first_month, r.target_by,
       r.peacetime_reaches_target, r.crisis_reaches_target, r.conflict_reaches_target,
       r.peacetime_unmet, r.crisis_unmet, r.conflict_unmet,
       r.peacetime_below_target, r.crisis_below_target, r.conflict_below_target,
       r.peacetime_class_unmet, r.crisis_class_unmet, r.conflict_class_unmet,
       r.peacetime_class_below_target, r.crisis_class_below_target, r.conflict_class_below_target,
       r.peacetime_capacity_factor, r.crisis_capacity_factor, r.conflict_capacity_factor
  FROM dp._pooled_replenishment_outlook() r;
COMMENT ON VIEW dp.replenishment_outlook IS 'per interoperability class and nation, the optimal replenishment plan under the peacetime, crisis and conflict scenarios side by side, as of the last dp.refresh_outlook: when the nation''s stock is back at target, its unmet demand and stock-months below target, the class totals and the capacity factor needed to reach every target by target_by; a role sees the rows of the nations it is mapped to, with a scenario''s figures only where at least dp.min_contributors nations other than its own share the class''s capacity (the nation''s own plan depends on theirs)';
COMMENT ON COLUMN dp.replenishment_outlook.interop_class IS 'interoperability class';
COMMENT ON COLUMN dp.replenishment_outlook.unit IS 'class unit of the quantities';
COMMENT ON COLUMN dp.replenishment_outlook.nation IS 'nation (ISO alpha-3)';
COMMENT ON COLUMN dp.replenishment_outlook.contributors IS 'nations sharing the class''s capacity in the plans (NULL: hidden, fewer than dp.min_contributors nations other than the viewer''s share it)';
COMMENT ON COLUMN dp.replenishment_outlook.first_month IS 'first month planned: the scenario''s start, else the month of the class''s latest stock count (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.target_by IS 'date by which every target should be met and stay met, for the capacity factors (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_reaches_target IS 'peacetime: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_reaches_target IS 'crisis: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_reaches_target IS 'conflict: first month from which the stock stays at or above target (NULL: hidden, or not within the horizon)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_unmet IS 'peacetime: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_unmet IS 'crisis: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_unmet IS 'conflict: the nation''s unmet demand over the horizon, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_below_target IS 'peacetime: the nation''s stock-months below target (sum of monthly shortfalls), in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_below_target IS 'crisis: the nation''s stock-months below target, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_below_target IS 'conflict: the nation''s stock-months below target, in class units (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_unmet IS 'peacetime: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_unmet IS 'crisis: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_unmet IS 'conflict: unmet demand of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_class_below_target IS 'peacetime: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_class_below_target IS 'crisis: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_class_below_target IS 'conflict: stock-months below target of all nations in the class (NULL: hidden)';
COMMENT ON COLUMN dp.replenishment_outlook.peacetime_capacity_factor IS 'peacetime: smallest multiple of the capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';
COMMENT ON COLUMN dp.replenishment_outlook.crisis_capacity_factor IS 'crisis: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';
COMMENT ON COLUMN dp.replenishment_outlook.conflict_capacity_factor IS 'conflict: smallest multiple of the surged capacity that leaves no demand unmet and every nation at target from target_by (NULL: hidden, or none)';

-- Internal: the rows of dp.replenishment_outlook for a viewer: its nations'
-- rows (a viewer of all nations: every row), with the figures of a scenario
-- only where at least dp.min_contributors() nations other than the viewer's
-- share the class's capacity in that scenario's plan (to a viewer of all
-- nations: that many nations).  A nation's own plan figures depend on the
-- other nations' stock and demand through the shared capacity, and the
-- first month on their stock counts, so they are hidden with the class
-- totals; so is the number of contributors.
CREATE FUNCTION dp._pooled_replenishment_outlook(viewer text[]) RETURNS SETOF dp.replenishment_outlook
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH shown AS (
        SELECT r.*, dp._pooled_shown(viewer, r.contributors, count(*) OVER (PARTITION BY r.interop_class, r.scenario)) AS visible
          FROM dp.replenishment r
         WHERE r.scenario IN ('peacetime', 'crisis', 'conflict') AND dp._acts_for(viewer, r.nation)
    )
    SELECT s.interop_class, ic.unit, s.nation,
           CASE WHEN bool_and(s.visible) THEN max(s.contributors) END,
           CASE WHEN bool_and(s.visible) THEN min(s.first_month) END,
           CASE WHEN bool_and(s.visible) THEN max(s.target_by) END,
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.reaches_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.unmet) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.below_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.class_unmet) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.class_below_target) FILTER (WHERE s.visible AND s.scenario = 'conflict'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'peacetime'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'crisis'),
           max(s.capacity_factor) FILTER (WHERE s.visible AND s.scenario = 'conflict')
      FROM shown s
      JOIN dp.interop_class ic ON ic.class_id = s.interop_class
     GROUP BY s.interop_class, ic.unit, s.nation;
END
$$;
COMMENT ON FUNCTION dp._pooled_replenishment_outlook(text[]) IS 'internal (owner only): the rows of dp.replenishment_outlook for a viewer acting for these nations ({*}: all)';
REVOKE EXECUTE ON FUNCTION dp._pooled_replenishment_outlook(text[]) FROM PUBLIC;
