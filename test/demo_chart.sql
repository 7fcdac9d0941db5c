-- The demo's chart (test/demo.sql; rendered to PNG by test/scripts/chart_png.sh):
-- projected month-end stock of 155 mm rounds per nation against its target,
-- written as SVG to the file the psql variable chart names.  One nation can be
-- left out (left_out, default USA: its stock is four times the next largest and
-- would flatten the other lines); the demo says so, with its figures.
\if :{?left_out}
\else
\set left_out USA
\endif
\pset format unaligned
\pset tuples_only on
-- the latest target of each stockpile, in class units
CREATE TEMP VIEW demo_155mm_target AS
SELECT s.nation, sum(s.target * i.class_units_per_unit) AS target,
       sum(s.on_hand * i.class_units_per_unit) AS on_hand
  FROM (SELECT DISTINCT ON (nation, item_id) nation, item_id, on_hand, target
          FROM dp.stockpile ORDER BY nation, item_id, as_of DESC) s
  JOIN dp.item i USING (item_id)
 WHERE i.interop_class = '155mm'
 GROUP BY s.nation;
SELECT coalesce(format('%s is left out of the chart: its %s rounds on hand (target %s) would flatten the other nations'' lines; its figures are in the outlook above.',
                       nation, to_char(on_hand, 'FM999,999,999'), to_char(target, 'FM999,999,999')),
                'Every nation holding 155 mm rounds is charted.') AS chart_note,
       'Projected 155 mm stock by nation, month end' || coalesce(format(' (%s not shown)', nation), '') AS chart_title
  FROM (SELECT 1) one LEFT JOIN demo_155mm_target ON nation = :'left_out' \gset
\o :chart
SELECT dp.svg_chart(array_agg(s.v ORDER BY s.nation), array_agg(s.nation ORDER BY s.nation),
                    :'chart_title',
                    y_title => 'rounds at month end',
                    targets => array_agg(t.target ORDER BY s.nation),
                    negative_label => 'below 0: backorders (rounds owed)')
  FROM (SELECT p.nation, dp.capvec_agg(p.period_start, p.closing * i.class_units_per_unit, 'month') v
          FROM dp.stockpile_projection p JOIN dp.item i USING (item_id)
         WHERE i.interop_class = '155mm'
         GROUP BY p.nation) s
  LEFT JOIN demo_155mm_target t USING (nation)
 WHERE s.nation <> :'left_out';
\o
DROP VIEW demo_155mm_target;
\pset format aligned
\pset tuples_only off
