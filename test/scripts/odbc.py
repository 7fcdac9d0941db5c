"""Read the BI views through psqlODBC and check the ODBC type of every column.

Usage: odbc.py SOCKET_DIR PORT DATABASE.  Prints "ok ..."/"not ok ..." lines
and "N passed, M failed".
"""
import sys

import pyodbc

VIEWS = ["stockpile_outlook", "stockpile_projection", "harmonized_demand", "allocation_plan",
         "capacity_outlook", "capacity_gap", "supply_risk", "replenishment_outlook"]
# standard SQL types a BI tool maps without help: name -> ODBC SQL type codes accepted
STANDARD = {
    "date": {pyodbc.SQL_TYPE_DATE},
    "float8": {pyodbc.SQL_DOUBLE, pyodbc.SQL_FLOAT},
    "numeric": {pyodbc.SQL_NUMERIC, pyodbc.SQL_DECIMAL},
    "int4": {pyodbc.SQL_INTEGER},
    "int8": {pyodbc.SQL_BIGINT},
    "int2": {pyodbc.SQL_SMALLINT},
    "text": {pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR, pyodbc.SQL_LONGVARCHAR, pyodbc.SQL_WLONGVARCHAR},
    "bool": {pyodbc.SQL_BIT, pyodbc.SQL_CHAR, pyodbc.SQL_WCHAR},
}

host, port, db = sys.argv[1:4]
conn = pyodbc.connect("Driver={PostgreSQL Unicode};Servername=%s;Port=%s;Database=%s;Uid=postgres;BoolsAsChar=0"
                      % (host, port, db), autocommit=True)
passed = failed = 0
for view in VIEWS:
    cur = conn.cursor()
    cols = cur.columns(table=view, schema="dp").fetchall()
    problems = [f"{c.column_name}: {c.type_name} ({c.data_type})" for c in cols
                if c.type_name not in STANDARD or c.data_type not in STANDARD[c.type_name]]
    rows = cur.execute(f"SELECT * FROM dp.{view}").fetchall()
    if not cols:
        problems.append("no columns described")
    if not rows:
        problems.append("no rows read")
    if problems:
        failed += 1
        print(f"not ok odbc {view}: " + "; ".join(problems))
    else:
        passed += 1
        print(f"ok odbc {view}: {len(cols)} columns ({', '.join(sorted({c.type_name for c in cols}))}), {len(rows)} rows")
print(f"{passed} passed, {failed} failed")
