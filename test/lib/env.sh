# test/lib/env.sh: shared set-up for test/demo.sh and test/check.sh.
#
# Installs missing Debian packages (as root), builds the extension in a work
# area (a VPATH build: the checkout stays clean), installs it into a private
# copy of the PostgreSQL tree (so tests never depend on, or disturb, what is
# installed system-wide), and runs a throwaway cluster on a Unix socket of
# its own.  Source it, then call the functions.

set -u
DP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# packages the build and the tests need (librsvg2-bin: charts rendered to PNG;
# postgresql-15-cron: the pg_cron recipe's test; clang and libclang-rt-14-dev:
# the libFuzzer harnesses and the sanitizer build of the extension; g++: the
# adapter to the LP solver's C++ API)
DP_PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron make gcc g++ libc6-dev python3 odbc-postgresql unixodbc python3-pyodbc
             coinor-libclp-dev coinor-libclp1 python3-scipy librsvg2-bin clang libclang-rt-14-dev)
# packages of tests that are skipped, saying so, when they are missing: installed
# as root, named otherwise (Java and PgJDBC for the JDBC test; pandas and
# psycopg2 for the README's Python examples)
DP_OPTIONAL_PACKAGES=(default-jdk-headless libpostgresql-jdbc-java python3-pandas python3-psycopg2)
# work area: one per checkout, so several checkouts can test at once (DP_WORK_TAG
# names a second one, e.g. the Citus test's, which builds differently)
DP_WORK=${DP_WORK:-/tmp/dp-work-$(id -u)-$(printf %s "$DP_ROOT" | cksum | cut -d' ' -f1)${DP_WORK_TAG:+-$DP_WORK_TAG}}
# where the extension is built (make -f $DP_ROOT/Makefile), below the work area
DP_BUILD=${DP_BUILD:-$DP_WORK/build}
DP_PORT=${DP_PORT:-5432}
DP_SOCK=$DP_WORK/sock
DP_DATA=$DP_WORK/data

# a progress line; with DP_T0 set (check.sh), the seconds since then
dp_say() {
  if [[ -n ${DP_T0:-} ]]; then printf '==> [%3ds] %s\n' $((SECONDS - DP_T0)) "$*" >&2
  else printf '==> %s\n' "$*" >&2; fi
}
dp_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The packages of a list that are not installed.
dp_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# apt-get install the packages named (quietly; an update first if needed).
dp_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
}

# Install missing Debian packages as root; otherwise name them and stop.  The
# optional ones are only named when they cannot be installed: their tests say
# they are skipped.
dp_ensure_packages() {
  local missing=() optional=()
  mapfile -t missing < <(dp_missing_packages "${DP_PACKAGES[@]}")
  mapfile -t optional < <(dp_missing_packages "${DP_OPTIONAL_PACKAGES[@]}")
  if [[ $(id -u) -ne 0 ]]; then
    [[ ${#optional[@]} -eq 0 ]] ||
      dp_say "not installed, so their tests are skipped: ${optional[*]} (as root: apt-get install ${optional[*]})"
    [[ ${#missing[@]} -eq 0 ]] ||
      dp_die "missing Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})"
    return 0
  fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    dp_say "installing ${missing[*]}"
    dp_apt_install "${missing[@]}" || dp_die "apt-get could not install ${missing[*]}"
  fi
  if [[ ${#optional[@]} -gt 0 ]]; then
    dp_say "installing ${optional[*]} (for the tests that need them)"
    dp_apt_install "${optional[@]}" || dp_say "apt-get could not install ${optional[*]}: their tests are skipped"
  fi
}

dp_pg_config() {
  PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
  [[ -x $PG_CONFIG ]] || PG_CONFIG=$(command -v pg_config) || dp_die "pg_config not found"
  PG_BINDIR=$($PG_CONFIG --bindir)
  PG_PKGLIBDIR=$($PG_CONFIG --pkglibdir)
  PG_SHAREDIR=$($PG_CONFIG --sharedir)
  export PG_CONFIG
  # the server's own client programs first: Debian's /usr/bin/psql is a Perl
  # wrapper (pg_wrapper) that costs about 30 ms of CPU a call, and the tests
  # call psql thousands of times
  [[ :$PATH: == *":$PG_BINDIR:"* ]] || export PATH="$PG_BINDIR:$PATH"
}

# make in the build directory, a VPATH build of this checkout.
dp_make() {
  mkdir -p "$DP_BUILD"
  make -C "$DP_BUILD" -f "$DP_ROOT/Makefile" -s PG_CONFIG="$PG_CONFIG" "$@"
}

# Build (extra make arguments pass through, e.g. WERROR=1 ASSERTS=1).  A build
# with other arguments than the last one starts afresh.
dp_build() {
  dp_say "building${*:+ ($*)}"
  if [[ -f $DP_BUILD/.args && $(cat "$DP_BUILD/.args") != "$*" ]]; then
    rm -rf "$DP_BUILD"
  fi
  mkdir -p "$DP_BUILD" && printf '%s' "$*" >"$DP_BUILD/.args"
  dp_make -j2 "$@" >"$DP_WORK/build.log" 2>&1 \
    || { cat "$DP_WORK/build.log" >&2; dp_die "build failed"; }
}

# A private PostgreSQL tree: copies of the server binaries (PostgreSQL finds its
# share and lib directories relative to them), links to everything else, and
# this checkout's extension installed with DESTDIR (extra make arguments pass
# through, as to dp_build).
dp_stage() {
  local root=$DP_WORK/root
  dp_say "installing into a private PostgreSQL tree"
  rm -rf "$root"
  mkdir -p "$root$PG_BINDIR" "$root$PG_PKGLIBDIR/bitcode" "$root$PG_SHAREDIR/extension"
  cp -p "$PG_BINDIR"/{postgres,initdb,pg_ctl} "$root$PG_BINDIR/"
  # links to everything else (one ln per directory), then this checkout's extension
  ln -s "$PG_PKGLIBDIR"/* "$root$PG_PKGLIBDIR/" 2>/dev/null
  rm -f "$root$PG_PKGLIBDIR"/defence_production.so
  ln -s "$PG_PKGLIBDIR"/bitcode/* "$root$PG_PKGLIBDIR/bitcode/" 2>/dev/null
  rm -rf "$root$PG_PKGLIBDIR"/bitcode/defence_production*
  ln -s "$PG_SHAREDIR"/* "$root$PG_SHAREDIR/" 2>/dev/null
  ln -s "$PG_SHAREDIR"/extension/* "$root$PG_SHAREDIR/extension/" 2>/dev/null
  rm -f "$root$PG_SHAREDIR"/extension/defence_production*
  dp_make install DESTDIR="$root" "$@" >>"$DP_WORK/build.log" 2>&1 \
    || { tail -n 20 "$DP_WORK/build.log" >&2; dp_die "install into the private tree failed"; }
  DP_BIN=$root$PG_BINDIR
  chmod -R a+rX "$DP_WORK"
}

# Run a server-side command as a user that may run PostgreSQL.
dp_as_server() {
  # from a directory the server user can enter (root's checkout may not be readable)
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

dp_cluster_start() {
  dp_cluster_stop
  rm -rf "$DP_DATA" "$DP_SOCK"
  mkdir -p "$DP_DATA" "$DP_SOCK"
  [[ $(id -u) -eq 0 ]] && chown postgres "$DP_DATA" "$DP_SOCK" "$DP_WORK"
  dp_say "starting a throwaway cluster in $DP_DATA"
  dp_as_server "$DP_BIN/initdb" -D "$DP_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    >"$DP_WORK/initdb.log" 2>&1 || { cat "$DP_WORK/initdb.log" >&2; dp_die "initdb failed"; }
  # DP_SERVER_NICE: the server's niceness (test/check.sh lowers the shared
  # cluster's priority so the longest jobs are not starved)
  dp_as_server ${DP_SERVER_NICE:+nice -n "$DP_SERVER_NICE"} "$DP_BIN/pg_ctl" -D "$DP_DATA" -l "$DP_WORK/server.log" -w -t 60 \
    -o "-p $DP_PORT -k $DP_SOCK -c listen_addresses='' -c max_worker_processes=8 -c max_parallel_workers=4 ${DP_SERVER_OPTS:-}" \
    start >/dev/null || { tail -n 20 "$DP_WORK/server.log" >&2; dp_die "the cluster did not start"; }
  export PGHOST=$DP_SOCK PGPORT=$DP_PORT PGUSER=postgres
  unset PGOPTIONS PGDATESTYLE PGTZ PGCLIENTENCODING PGDATABASE
}

dp_cluster_stop() {
  if [[ -f $DP_DATA/postmaster.pid ]]; then
    dp_as_server "${DP_BIN:-$PG_BINDIR}/pg_ctl" -D "$DP_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

dp_setup() {
  dp_ensure_packages
  dp_pg_config
  mkdir -p "$DP_WORK"
  dp_build "$@"
  dp_stage "$@"
  dp_cluster_start
}

# ---- further clusters (postgres_fdw shards, Citus nodes, the upgrade test) ----
#
# Each lives in a directory of its own below the work area: data in DIR/data,
# its socket in DIR/sock, its log in DIR/server.log.  initdb runs once per work
# area; further clusters are copies of that first one (a copy takes a fraction
# of initdb's time).

# A free TCP port on the loopback interface (the kernel's pick).
dp_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# dp_node_start DIR PORT [-c name=value ...]: a throwaway cluster listening on
# 127.0.0.1:PORT (trust authentication, as the main one) and on DIR/sock;
# further arguments are server options.  The caller stops it (dp_node_stop).
dp_node_start() {
  local dir=$1 port=$2; shift 2
  local tpl=$DP_WORK/initdb-template
  dp_node_stop "$dir"
  rm -rf "$dir" && mkdir -p "$dir/sock"
  (
    flock 9
    if [[ ! -f $tpl/PG_VERSION ]]; then
      rm -rf "$tpl" && mkdir -p "$tpl" && chmod 700 "$tpl"
      [[ $(id -u) -eq 0 ]] && chown postgres "$tpl"
      dp_as_server "$DP_BIN/initdb" -D "$tpl" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$DP_WORK/initdb-template.log" 2>&1 || { rm -rf "$tpl"; exit 1; }
    fi
  ) 9>"$DP_WORK/initdb-template.lock" || { cat "$DP_WORK/initdb-template.log" >&2; return 1; }
  cp -a "$tpl" "$dir/data" && chmod 700 "$dir/data"
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir" "$dir/sock"
  dp_as_server "$DP_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 ${DP_SERVER_OPTS:-} $*" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; return 1; }
}

dp_node_stop() {
  if [[ -f $1/data/postmaster.pid ]]; then
    dp_as_server "$DP_BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
