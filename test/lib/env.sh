# test/lib/env.sh: shared set-up for test/demo.sh and test/check.sh.
#
# Installs missing Debian packages (as root), builds the extension in a work
# area (a VPATH build: the checkout stays clean), installs it into a private
# copy of the PostgreSQL tree (so tests never depend on, or disturb, what is
# installed system-wide), and runs a throwaway cluster on a Unix socket of
# its own.  Source it, then call the functions.

set -u
DP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# packages the build and the tests need
DP_PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron make gcc libc6-dev python3 odbc-postgresql unixodbc python3-pyodbc
             coinor-libclp-dev coinor-libclp1 python3-scipy)
# work area: one per checkout, so several checkouts can test at once
DP_WORK=${DP_WORK:-/tmp/dp-work-$(id -u)-$(printf %s "$DP_ROOT" | cksum | cut -d' ' -f1)}
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

# Install missing Debian packages as root; otherwise name them and stop.
dp_ensure_packages() {
  local missing=() p
  for p in "${DP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    dp_die "missing Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})"
  fi
  dp_say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
    || dp_die "apt-get could not install ${missing[*]}"
}

dp_pg_config() {
  PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
  [[ -x $PG_CONFIG ]] || PG_CONFIG=$(command -v pg_config) || dp_die "pg_config not found"
  PG_BINDIR=$($PG_CONFIG --bindir)
  PG_PKGLIBDIR=$($PG_CONFIG --pkglibdir)
  PG_SHAREDIR=$($PG_CONFIG --sharedir)
  export PG_CONFIG
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
  dp_as_server "$DP_BIN/pg_ctl" -D "$DP_DATA" -l "$DP_WORK/server.log" -w -t 60 \
    -o "-p $DP_PORT -k $DP_SOCK -c listen_addresses='' -c max_worker_processes=8 -c max_parallel_workers=4" \
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
