#!/usr/bin/env bash
# The Debian package: builds postgresql-15-defence-production with
# dpkg-buildpackage -us -uc -b (debian/, pg_buildext; the regression suite
# runs against the built files) from a copy of this checkout, then installs
# the .deb with apt into a fresh Debian 12 root made by debootstrap, where
# there is no source tree and no compiler, and shows CREATE EXTENSION
# working there.  As root (debootstrap, chroot); needs the Debian mirror.
#   test/package.sh                  build, then install into a fresh root
#   DP_PACKAGE_KEEP=1 test/package.sh   keep the work area for a look
# The base root is kept between runs (a tarball in the work area); remove
# the work area to start from nothing.
. "$(dirname "$0")/lib/env.sh"
set -o pipefail
[[ $(id -u) -eq 0 ]] || dp_die "run as root (debootstrap and chroot need it)"
work=${DP_PACKAGE_WORK:-/tmp/dp-package-$(printf %s "$DP_ROOT" | cksum | cut -d' ' -f1)}
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$DP_ROOT/defence_production.control")
mirror=${DP_MIRROR:-http://deb.debian.org/debian}
security=${DP_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
mkdir -p "$work"

DP_PACKAGES=(dpkg-dev debhelper postgresql-server-dev-all postgresql-server-dev-15 coinor-libclp-dev debootstrap)
dp_ensure_packages

# ---- build, from a copy of the checkout (tracked and new files) ----
src=$work/src/defence-production-$version
rm -rf "$work/src" && mkdir -p "$src"
(cd "$DP_ROOT" && git ls-files -co --exclude-standard -z | tar --null -cf - -T -) | tar -C "$src" -xf -
dp_say "dpkg-buildpackage -us -uc -b (log: $work/build.log)"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; dp_die "the package build failed"; }
grep -E '^ *(All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests failed)' "$work/build.log" | sed 's/^ */  build-time tests: /'
deb=$(ls "$work"/src/postgresql-15-defence-production_"$version"_*.deb)
dp_say "built $(basename "$deb"):"
dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /'
dpkg-deb -c "$deb" | awk '{print $6}' | grep -E '\.(so|control|sql)$' | sed 's/^/  /'

# ---- a fresh Debian 12 root ----
root=$work/root
mounted=()
cleanup() {
  # stop the server if it runs, then unmount (innermost first)
  [[ -f $root/tmp/pgdata/postmaster.pid ]] && chroot "$root" runuser -u postgres -- \
    /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pgdata -m fast -w stop >/dev/null 2>&1
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2>/dev/null; done
  [[ ${DP_PACKAGE_KEEP:-0} == 1 ]] || rm -rf "$root" "$work/src"
}
trap cleanup EXIT
if [[ ! -f $work/bookworm-base.tar ]]; then
  dp_say "debootstrap --variant=minbase bookworm (once; log: $work/debootstrap.log)"
  rm -rf "$work/base"
  debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; dp_die "debootstrap failed"; }
  tar -C "$work/base" -cf "$work/bookworm-base.tar" . && rm -rf "$work/base"
fi
rm -rf "$root" && mkdir -p "$root"
tar -C "$root" -xf "$work/bookworm-base.tar"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
# no services start inside the root
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
for m in proc dev dev/shm dev/pts; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    dev/shm) mkdir -p "$root/dev/shm"; mount -t tmpfs shm "$root/dev/shm" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac && mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

dp_say "in the fresh root: no source tree, no compiler, no PostgreSQL yet"
in_root sh -c 'for f in /usr/bin/gcc /usr/bin/make /usr/bin/pg_config /usr/lib/postgresql; do
                 [ -e "$f" ] && echo "  present: $f" || echo "  absent: $f"; done'
[[ -e $root$DP_ROOT ]] && dp_die "the root has the source tree"

dp_say "apt-get install ./$(basename "$deb") (log: $work/install.log)"
in_root apt-get update -q >"$work/install.log" 2>&1 \
  && in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$work/install.log" 2>&1 \
  || { tail -n 30 "$work/install.log" >&2; dp_die "apt-get install of the package failed"; }
grep -E '^(Setting up|Unpacking) postgresql-15-defence-production' "$work/install.log" | sed 's/^/  /'
in_root dpkg -s postgresql-15-defence-production | grep -E '^(Status|Version):' | sed 's/^/  /'

dp_say "a cluster in the root, then CREATE EXTENSION defence_production"
in_root sh -c 'mkdir -p /tmp/pgdata && chown postgres /tmp/pgdata'
in_root runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D /tmp/pgdata -A trust -E UTF8 --locale=C.UTF-8 \
  >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; dp_die "initdb in the root failed"; }
in_root runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/pgdata -l /tmp/pgdata/log -w \
  -o "-c listen_addresses='' -k /tmp" start >/dev/null || dp_die "the server in the root did not start"
out=$(in_root runuser -u postgres -- psql -X -h /tmp -d postgres -v ON_ERROR_STOP=1 -P footer=off <<'EOF' 2>&1
CREATE EXTENSION defence_production;
\dx defence_production
SELECT dp.total('month 2024-01-01 [100,120,150]') AS total,
       dp.depletion_date(1000, 'month 2024-01-01 [100]', 'month 2024-01-01 [300,300,300,300,300,300]') AS depletion;
SELECT dp.load_sample_data() IS NOT NULL AS sample_loaded;
SELECT count(*) AS stockpiles FROM dp.stockpile_outlook;
EOF
)
rc=$?
sed 's/^/  /' <<<"$out"
[[ $rc -eq 0 ]] || dp_die "CREATE EXTENSION in the root failed"
dp_say "the package installs and works in a fresh Debian 12 root"
