#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for Registry under .local/pg, on 127.0.0.1:$REGISTRY_PG_PORT (default 55432).
#   scripts/pg.sh start | stop | status | url
# REGISTRY_PG_DATA points at another data directory (the outage tests run a throwaway cluster of their own).
# The cluster is tuned for a developer machine: synchronous_commit = off trades the last few hundred milliseconds of
# commits after an OS crash for write speed. Local only — never set it on a production server, where a committed
# decision must survive a crash.
# Idempotent: start reuses a running cluster. As root the server runs as the `postgres` user (postgres refuses root);
# otherwise as the current user. Installs PostgreSQL with apt-get when no server binaries are found.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${REGISTRY_PG_PORT:-55432}
data=${REGISTRY_PG_DATA:-$root/.local/pg/data}
log="$(dirname "$data")/server.log"

find_bindir() {
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(readlink -f "$(command -v initdb)")"
}

ensure_binaries() {
  bindir=$(find_bindir || true)
  if [ -z "${bindir:-}" ]; then
    echo "PostgreSQL server binaries not found; installing (apt-get install -y postgresql)..." >&2
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    bindir=$(find_bindir)
  fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_running() { [ -n "${bindir:-}" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  ensure_binaries
  mkdir -p "$(dirname "$data")"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$(dirname "$data")"; chmod 755 "$root/.local" "$(dirname "$data")"; fi
  if [ ! -s "$data/PG_VERSION" ]; then
    # C.utf8: under the plain C locale lower(), pg_trgm and full-text search ignore Cyrillic letters.
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --locale=C.utf8 -E UTF8 >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
fsync = on
synchronous_commit = off
CONF
  fi
  if is_running; then
    # postmaster.pid line 4 is the port the running server listens on.
    local running; running=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$running" ] && [ "$running" != "$port" ]; then
      echo "PostgreSQL of this checkout is already running on 127.0.0.1:$running, not on the requested $port." >&2
      echo "Use it (export REGISTRY_PG_PORT=$running) or restart it on $port (scripts/pg.sh stop, then start)." >&2
      exit 3
    fi
    echo "PostgreSQL already running on 127.0.0.1:$port"; return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken by another program (another PostgreSQL?); set REGISTRY_PG_PORT to a free port." >&2
    exit 3
  fi
  reserve_huge_pages
  as_owner env $server_malloc "$bindir/pg_ctl" -D "$data" -l "$log" -o "-p $port -c shared_buffers=${buffers_mb}MB" -w -t 60 start >/dev/null
  echo "PostgreSQL started on 127.0.0.1:$port (data: .local/pg/data)"
}

# Server processes keep the memory a statement frees for the next one, instead of handing it back to the kernel and
# faulting it in again (glibc returns freed blocks over 128 KB at once and trims the heap above 128 KB): a count's
# bitmap of 8,000 pages and the rows it keeps are that size. Measured at 1M documents in this VM, one connection:
# `select count(*)` of `тоо & инвест:*` 18 → 10 ms, of `инвест` 10 → 4.5 ms; search-classes (cache off) p99 of two
# words 39.9 → 28.7 / 30.3 ms, of three words 19.3 → 16.0 / 17.2 ms. A process keeps at most its own peak, up to 64 MB.
server_malloc="MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=67108864 MALLOC_TOP_PAD_=8388608"

# Shared buffers: a quarter of the memory, from 512 MB to 8 GB (6 GB here, where the 1M-document benchmark database is
# 3.6 GB). This VM pages out file cache that has not been read for a minute (DAMON's pageout scheme, see
# /sys/kernel/mm/damon/admin/kdamonds/0), so what PostgreSQL left to the kernel's cache was read from disk again after
# any pause: the first lag run after a search benchmark re-read 216,718 pages (850 MB) and its p99 was 586 ms, the run
# right after it 54,791 pages and 157 ms. Shared buffers in huge pages are never paged out.
buffers_mb=$(awk '/^MemTotal:/ {m = int($2 / 4096); print (m < 512 ? 512 : (m > 8192 ? 8192 : m))}' /proc/meminfo)

# Shared buffers in 2 MB pages (huge_pages = try, the default, uses them when the kernel has them free). With 4 KB pages
# every server process faults in each buffer the first time it reads it: measured in this VM, a search's first count of
# 2,600 cached rows took 85 ms in a new connection and 8 ms in the next; with huge pages 19 and 12. Root only, and only
# when the kernel lets us; otherwise the server starts as before.
# Sets free (pages neither used nor promised to a running server) and total; fails unless we may size the pool.
read_huge_pages() {
  [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/nr_hugepages ] || return 1
  free=$(awk '/^HugePages_Free:/ {f=$2} /^HugePages_Rsvd:/ {r=$2} END {print f - r}' /proc/meminfo)
  total=$(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo)
}

reserve_huge_pages() {
  read_huge_pages || return 0
  local needed=$((buffers_mb / 2 + buffers_mb / 128 + 48)) # the buffers, their descriptors and the rest of shared memory, in 2 MB pages
  [ "${free:-0}" -ge "$needed" ] || sysctl -qw vm.nr_hugepages=$((total + needed - free)) 2>/dev/null || true
}

# Huge pages stay reserved after the server that used them stops: three clusters started one after another (a clean
# clone's suite beside the working copy's) once held 18 GB of this 24 GB machine away from everything else. Give back
# the pages no running server holds; a running server's are in use or reserved, so they are not counted as free.
release_huge_pages() {
  read_huge_pages || return 0
  [ "${free:-0}" -gt 0 ] && sysctl -qw vm.nr_hugepages=$((total - free)) 2>/dev/null || true
}

stop() {
  bindir=$(find_bindir || true)
  if is_running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null; echo "PostgreSQL stopped"; else echo "PostgreSQL not running"; fi
  release_huge_pages
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) bindir=$(find_bindir || true); if is_running; then echo "running on 127.0.0.1:$(sed -n 4p "$data/postmaster.pid")"; else echo "stopped"; exit 1; fi ;;
  url) echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=${2:-registry}" ;;
  *) echo "usage: $0 start|stop|status|url [database]" >&2; exit 2 ;;
esac
