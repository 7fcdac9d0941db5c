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
-- max - min beyond float8: still the ends and the middle (was ▁▁▁, NaN cast to int)
SELECT dp.sparkline('month 2024-01-01 [-1.7e308,1.7e308,0]');

-- the SVG parses as XML, has one polyline per series, the period labels at both
-- ends and a label at each line's end
SELECT xml_is_well_formed_document(s) AS well_formed,
       (xpath('count(//*[local-name()="polyline"])', s::xml))[1]::text AS polylines,
       s LIKE '%>DEU</text>%' AND s LIKE '%>FRA &amp; co</text>%' AS labels,
       s LIKE '%>Stock &lt;155&gt;</text>%' AS title,
       s LIKE '%>2024-01</text>%' AND s LIKE '%>2024-04</text>%' AS dates
  FROM (SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1,3,2]', 'month 2024-02-01 [2,2,4]']::dp.capvec[],
                            ARRAY['DEU', 'FRA & co'], 'Stock <155>') s) x;
-- defaults: no labels, no title, no y-axis title, no band below zero
SELECT s LIKE '%>series 1</text>%' AND s LIKE '%>series 2</text>%' AS default_labels,
       (xpath('count(//*[local-name()="text" and @font-weight="bold"])', s::xml))[1]::text AS titles,
       (xpath('count(//*[local-name()="text" and @transform])', s::xml))[1]::text AS y_titles,
       s LIKE '%#fbe4e1%' AS band
  FROM (SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1,3,-2]', 'month 2024-02-01 [2,2,4]']::dp.capvec[]) s) x;
-- a planner's chart: thousands separators, the y-axis title, target lines
-- labelled (NULL: none), the band below zero labelled; -40000 .. 130000 has
-- ticks every 20000 from -40,000 to 140,000; quarters labelled by quarter
SELECT xml_is_well_formed_document(s) AS well_formed,
       s LIKE '%>-40,000</text>%' AND s LIKE '%>140,000</text>%' AND s LIKE '%>0</text>%' AS ticks,
       (xpath('count(//*[local-name()="text" and @transform])', s::xml))[1]::text AS y_titles,
       s LIKE '%>rounds &amp; shells</text>%' AS y_title,
       s LIKE '%>DEU target</text>%' AND s NOT LIKE '%>FRA target</text>%' AS targets,
       (xpath('count(//*[local-name()="line" and @stroke-dasharray="7,4"])', s::xml))[1]::text AS dashed,
       s LIKE '%>backorders</text>%' AND s LIKE '%#fbe4e1%' AS band,
       s LIKE '%>2024-Q1</text>%' AND s LIKE '%>2024-Q4</text>%' AS quarters
  FROM (SELECT dp.svg_chart(ARRAY['quarter 2024-01-01 [100000,60000,-40000,-10000]',
                                  'quarter 2024-01-01 [80000,70000,50000,40000]']::dp.capvec[],
                            ARRAY['DEU', 'FRA'], 'Stock', y_title => 'rounds & shells',
                            targets => ARRAY[130000, NULL], negative_label => 'backorders') s) x;
SELECT dp.svg_chart(NULL) IS NULL AS null_series;
SELECT xml_is_well_formed_document(dp.svg_chart(ARRAY['quarter 2024-01-01 []']::dp.capvec[])) AS empty_ok;
-- text XML cannot carry is left out: control characters, U+FFFE and U+FFFF
SELECT xml_is_well_formed_document(dp.svg_chart(ARRAY['year 2024-01-01 [1]']::dp.capvec[],
                                                ARRAY[E'a\x01b' || U&'\FFFE\FFFF'], U&'t\FFFF')) AS xml_safe;

-- huge values: the top tick (1.8e308) is beyond float8 and once looped forever;
-- a timeout makes the old behaviour fail here instead of hanging
SET statement_timeout = '10s';
SELECT xml_is_well_formed_document(s) AS well_formed, s LIKE '%>1.8e+308</text>%' AS top_tick,
       s NOT LIKE '%inf%' AND s NOT LIKE '%nan%' AS finite
  FROM (SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1.7e308]'::dp.capvec]) s) x;
SELECT xml_is_well_formed_document(dp.svg_chart(ARRAY['month 2024-01-01 [-1.7e308,1.7e308,0]'::dp.capvec,
                                                      'month 2024-01-01 [5e-324]'],
                                                targets => ARRAY[1.7976931348623157e308, -1.7976931348623157e308]::float8[]))
       AS extremes_ok;
-- the largest chart allowed: 100 series of 10000 periods
SELECT xml_is_well_formed_document(dp.svg_chart(array_agg(v))) AS largest_ok
  FROM (SELECT dp.capvec('day', '2000-01-03', array_agg(sin(g / 100.0) * 1e6)) v
          FROM generate_series(1, 10000) g) d, generate_series(1, 100);
RESET statement_timeout;

-- limits (54000): series, periods, characters of labels and titles (not bytes:
-- 100 two-byte characters are allowed); sizes are checked before reading the text
SELECT pg_temp.err($$SELECT dp.svg_chart(array_fill('month 2024-01-01 [1]'::dp.capvec, ARRAY[101]))$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY[dp.capvec('day', '2000-01-03', array_fill(1::float8, ARRAY[10001]))])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['day 2000-01-01 [1]', 'day 2030-01-01 [1]']::dp.capvec[])$$);
-- two series of 600000 periods: refused by size before they are read
SELECT pg_temp.err($$SELECT dp.svg_chart(array_fill(dp.capvec('day', '2000-01-03', array_fill(1::float8, ARRAY[600000])), ARRAY[2]))$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], ARRAY[repeat('é', 100)])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], ARRAY[repeat('é', 101)])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], ARRAY[repeat('x', 10000000)])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], title => repeat('x', 201))$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], title => repeat('x', 10000000))$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], y_title => repeat('x', 101))$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], negative_label => repeat('x', 101))$$);

-- bad arguments
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY[]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]', NULL]::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]', 'week 2024-01-01 [1]']::dp.capvec[])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], ARRAY['a', 'b'])$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], targets => '{1,2}')$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]', 'month 2024-01-01 [1]']::dp.capvec[], targets => '{1,NaN}')$$);
SELECT pg_temp.err($$SELECT dp.svg_chart(ARRAY['month 2024-01-01 [1]']::dp.capvec[], targets => '{{1}}')$$);
