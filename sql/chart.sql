-- dp.sparkline and dp.svg_chart.
SET search_path = "$user", public, dp;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql

-- eight evenly spaced values: the eight blocks in order; flat: all ▅; empty: ''
SELECT dp.sparkline('month 2024-01-01 [1,2,3,4,5,6,7,8]');
SELECT dp.sparkline('month 2024-01-01 [8,7,6,5,4,3,2,1]');
SELECT dp.sparkline('week 2024-01-01 [3,3,3]'), dp.sparkline('week 2024-01-01 []') = '' AS empty;
-- -10 .. 10: 0 is halfway (level 3.5 rounds up to ▅); 5 is 3/4 (5.25 rounds to ▆)
SELECT dp.sparkline('month 2024-01-01 [-10,0,5,10]');

-- the SVG parses as XML, has one polyline per series, the dates and the legend
SELECT xml_is_well_formed_document(s) AS well_formed,
       (xpath('count(//*[local-name()="polyline"])', s::xml))[1]::text AS polylines,
       s LIKE '%>DEU</text>%' AND s LIKE '%>FRA &amp; co</text>%' AS legend,
       s LIKE '%>Stock &lt;155&gt;</text>%' AS title,
       s LIKE '%>2024-01-01</text>%' AND s LIKE '%>2024-04-01</text>%' AS dates
  FROM (SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1,3,2]', 'month 2024-02-01 [2,2,4]']::dp.capvec[],
                            ARRAY['DEU', 'FRA & co'], 'Stock <155>') s) x;
-- defaults: no labels, no title
SELECT s LIKE '%>series 1</text>%' AND s LIKE '%>series 2</text>%' AS default_labels,
       (xpath('count(//*[local-name()="text" and @font-weight="bold"])', s::xml))[1]::text AS titles
  FROM (SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1,3,2]', 'month 2024-02-01 [2,2,4]']::dp.capvec[]) s) x;
SELECT dp.svg_chart(NULL) IS NULL AS null_series;
SELECT xml_is_well_formed_document(dp.svg_chart(ARRAY['quarter 2024-01-01 []']::dp.capvec[])) AS empty_ok;
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY[]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]', NULL]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]', 'week 2024-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], ARRAY['a', 'b'])$$);
