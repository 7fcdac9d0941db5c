#!/usr/bin/env bash
# Errors name the SQL function that failed: with VERBOSITY verbose, LOCATION
# is the C entry point named after the SQL function (dp_ + its name, or a
# type's support function) in its module's file, never the shared glue
# (dp.c) or the core.  Uses the server that PGHOST/PGPORT name.
set -u
db=dp_locations_$$
passed=0 failed=0
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "CREATE EXTENSION defence_production" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

# expect "function, file" STATEMENT: the LOCATION of the error the statement raises
expect() {
  local want=$1 sql=$2 got
  got=$(psql -X -q -d "$db" -v VERBOSITY=verbose -c '\set VERBOSITY verbose' -c "$sql" 2>&1 |
        sed -n 's/^LOCATION:  \(.*\):[0-9]*$/\1/p')
  if [[ $got == "$want" ]]; then
    echo "ok $want"; passed=$((passed + 1))
  else
    echo "not ok: $sql: LOCATION [$got], want [$want]"; failed=$((failed + 1))
  fi
}

m="'month 2024-01-01 [1]'::dp.capvec"
w="'week 2024-01-01 [1]'::dp.capvec"
# core errors (dp_raise), through shared helpers (capvec_set, dp_start_arg,
# capvec_from_array, dp_finite_arg) and through module helpers that pass
# their caller's location on
expect "capvec_in, capvec.c" "SELECT 'month 2024-01-15 [1]'::dp.capvec"
expect "dp_capvec, capvec.c" "SELECT dp.capvec('month', '2024-01-01', '{1,NULL}')"
expect "dp_capvec, capvec.c" "SELECT dp.capvec('month', '2024-01-02', '{1}')"
expect "capvec_from_jsonb, capvec.c" "SELECT '{\"period\": \"month\"}'::jsonb::dp.capvec"
expect "capvec_add, capvec_ops.c" "SELECT $m OPERATOR(dp.+) $w"
expect "capvec_mul, capvec_ops.c" "SELECT $m OPERATOR(dp.*) 'NaN'::float8"
expect "dp_pointwise_max, capvec_ops.c" "SELECT dp.pointwise_max($m, $w)"
expect "dp_resample, capvec_ops.c" "SELECT dp.resample($m, 'decade')"
expect "capvec_sum_trans, capvec_agg.c" "SELECT dp.sum(v) FROM (VALUES ($m), ($w)) t(v)"
expect "capvec_agg_trans_timestamptz, capvec_agg.c" "SELECT dp.capvec_agg(t, 1, 'fortnight') FROM (VALUES (now())) v(t)"
expect "capvec_agg_trans_timestamp, capvec_agg.c" "SELECT dp.capvec_agg(t, 1, 'month') FROM (VALUES ('infinity'::timestamp)) v(t)"
expect "capvec_agg_trans, capvec_agg.c" "SELECT dp.capvec_agg(d, 1, p) FROM (VALUES ('2024-01-01'::date, 'month'), ('2024-01-01', 'week')) t(d, p)"
expect "dp_ramp, capacity.c" "SELECT dp.ramp('month', '2024-01-15', 3, 1, 2)"
expect "dp_constant, capacity.c" "SELECT dp.constant('month', '2024-01-01', 3, -1)"
expect "dp_bottleneck, capacity.c" "SELECT dp.bottleneck(ARRAY[$m, NULL], '{1,1}')"
expect "dp_binding_component, capacity.c" "SELECT dp.binding_component(ARRAY[$m, $w], '{1,1}')"
expect "hhi_state_trans, capacity.c" "SELECT dp.hhi(x) FROM (VALUES (-1::float8)) t(x)"
expect "dp_forecast, forecast.c" "SELECT dp.forecast($m, 3, 'prophet')"
expect "dp_forecast_fit, forecast.c" "SELECT dp.forecast_fit($m, 'ses', alpha => 'NaN')"
expect "dp_depletion_date, stockpile.c" "SELECT dp.depletion_date(10, $m, $w)"
expect "dp_stock_projection, stockpile.c" "SELECT * FROM dp.stock_projection(-1, $m, $m)"
expect "dp_simulate_stock, stockpile.c" "SELECT * FROM dp.simulate_stock(10, $m, $m, $w)"
expect "dp_simulate_stock_scalar_sd, stockpile.c" "SELECT * FROM dp.simulate_stock(10, $w, $m, 1)"
expect "dp_stockout_probability_scalar_sd, stockpile.c" "SELECT dp.stockout_probability(10, $m, $m, -1)"
expect "dp_safety_stock, stockpile.c" "SELECT dp.safety_stock(2, 1, 1)"
expect "dp_allocate, harmonize.c" "SELECT * FROM dp.allocate($m, ARRAY[$m, NULL])"
expect "dp_capacity_gap, harmonize.c" "SELECT dp.capacity_gap($m, $w)"
expect "dp_replenishment_plan, replenish.c" "SELECT * FROM dp.replenishment_plan($m, '{0}', '{0}', ARRAY[$w])"
expect "dp_replenishment_summary, replenish.c" "SELECT dp.replenishment_summary($m, '{-1}', '{0}', ARRAY[$m])"
expect "dp_required_capacity, replenish.c" "SELECT dp.required_capacity($m, '{0}', '{0}', ARRAY[$m], '2030-01-01')"
expect "dp_svg_chart, chart.c" "SELECT dp.svg_chart(ARRAY[$m, $w])"
expect "dp_svg_chart, chart.c" "SELECT dp.svg_chart(ARRAY[$m], title => repeat('x', 201))"
expect "dp_svg_chart, chart.c" "SELECT dp.svg_chart(ARRAY[$m], targets => '{NaN}')"
expect "nsn_in, nsn.c" "SELECT '12'::dp.nsn"
echo "$passed passed, $failed failed"
