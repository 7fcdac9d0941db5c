-- defence_production 0.1.0 -> 0.2.0: every SQL change since the 0.1.0 release,
-- applied by ALTER EXTENSION defence_production UPDATE.  A fresh 0.2.0 install
-- (defence_production--0.2.0.sql, generated from src/*.sql) and an updated
-- 0.1.0 install must end up with the same catalog.
\echo Use "ALTER EXTENSION defence_production UPDATE TO '0.2.0'" to load this file. \quit
