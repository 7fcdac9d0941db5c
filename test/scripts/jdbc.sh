#!/usr/bin/env bash
# Reads every BI view through PgJDBC (Debian libpostgresql-jdbc-java), the
# driver Metabase, Tableau and DBeaver use, with a small Java program
# (JdbcViews.java, one JVM): standard java.sql.Types for every column, the
# column comments as REMARKS, every row as plain values.  Skipped, saying so,
# when Java or the driver is missing (the set-up installs default-jdk-headless
# and libpostgresql-jdbc-java as root).  Uses the server that PGHOST/PGPORT name.
set -u
jar=/usr/share/java/postgresql.jar
if ! command -v java >/dev/null || [[ ! -r $jar ]]; then
  echo "skipped: the JDBC test needs java and $jar (Debian default-jdk-headless, libpostgresql-jdbc-java)"
  echo "0 passed, 0 failed"; exit 0
fi
db=dp_jdbc_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "CREATE EXTENSION defence_production" \
  -c "SELECT dp.load_sample_data()" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
# a view the checks must reject: a dp.capvec column (OTHER to JDBC) and one without a comment
psql -X -q -d "$db" -c "CREATE SCHEMA probe" \
  -c "CREATE VIEW probe.v AS SELECT 'month 2024-01-01 [1]'::dp.capvec AS v, 1 AS n" \
  -c "COMMENT ON COLUMN probe.v.v IS 'a vector'" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
# a quick start: no JIT beyond the first tier, one garbage collector thread
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "$(dirname "$0")/JdbcViews.java" \
  "$jar" "$PGHOST/.s.PGSQL.${PGPORT:-5432}" "$db" probe.v \
  stockpile_outlook stockpile_projection harmonized_demand allocation_plan capacity_outlook capacity_gap supply_risk \
  replenishment_outlook \
  || { echo "not ok jdbc: the Java program failed"; echo "0 passed, 1 failed"; }
