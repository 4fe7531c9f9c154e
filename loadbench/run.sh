#!/usr/bin/env bash
# Load bench end to end: builds the release binaries, starts `noaber` on a fresh data
# directory (SQLite, or a new PostgreSQL database on 127.0.0.1:5432 as user postgres
# with trust auth, dropped afterwards), loads the demo at the given scale, creates a
# coordinator and volunteers for the bench, runs `loadbench` at concurrency 16 and
# 64, measures the start-up time with the index intact and the resident memory, and
# stops the server.
#
#   loadbench/run.sh [sqlite|postgres] [scale] [seconds per run]
#
# Environment: PORT (default 18080), MIX (the --mix of loadbench), KEEP=1 keeps the
# data directory (and the PostgreSQL database), CARGO_TARGET_DIR as for cargo.
set -euo pipefail

backend=${1:-sqlite}
scale=${2:-1}
duration=${3:-10}
port=${PORT:-18080}
mix=${MIX:-search=40,list=25,view=20,create=5,respond=5,suggest=5}
case $backend in sqlite | postgres) ;; *)
    echo "usage: $0 [sqlite|postgres] [scale] [seconds]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release -q -p noaber -p loadbench)
noaber=$target/release/noaber
loadbench=$target/release/loadbench

data=$(mktemp -d "${TMPDIR:-/tmp}/noaber-bench.XXXXXX")
pg_db=""
server=""
if [ "$backend" = postgres ]; then
    pg_db=noaber_bench_$$
    createdb -h 127.0.0.1 -U postgres "$pg_db"
    database_url=postgres://postgres@127.0.0.1:5432/$pg_db
else
    database_url=sqlite://$data/noaber.db
fi

stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=""
    fi
}
cleanup() {
    stop_server
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept: $data ${pg_db:+(database $pg_db)}"
        return
    fi
    [ -n "$pg_db" ] && dropdb -h 127.0.0.1 -U postgres --if-exists "$pg_db"
    rm -rf "$data"
}
trap cleanup EXIT

export NOABER_DATA_DIR=$data
export NOABER_DATABASE_URL=$database_url
export NOABER_BIND=127.0.0.1:$port
export RUST_LOG=warn
# The bench sends thousands of posts, responses and logins from one address: the
# per-account hourly caps and the per-address throttle would answer 429 after a few.
export NOABER_LIMIT_POSTS_PER_HOUR=0
export NOABER_LIMIT_RESPONSES_PER_HOUR=0
export NOABER_LIMIT_MESSAGES_PER_HOUR=0
export NOABER_ACCOUNT_REQUESTS_PER_MINUTE=0
# The follow-up jobs would run at an arbitrary moment inside a measured run.
export NOABER_FOLLOW_UP_INTERVAL_SECONDS=0

# Seconds since the epoch with fractions, for timing.
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }

# Starts the server in the background (not in a subshell: `server` must hold its
# pid here); sets `startup` to the seconds until /healthz answers.
start_server() {
    local t0
    if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
        echo "something already listens on port $port" >&2
        exit 1
    fi
    t0=$(now)
    "$noaber" serve >"$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 6000); do
        if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
            startup=$(elapsed "$t0")
            return 0
        fi
        if ! kill -0 "$server" 2>/dev/null; then
            echo "noaber serve stopped; its log:" >&2
            cat "$data/server.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    echo "noaber serve did not come up" >&2
    exit 1
}

# Resident memory in MB, with the part that is the server's own (heap, stacks) and
# the part that maps files (the search index, the binary).
rss_mb() {
    awk '/^RssAnon|^RssFile/ {kb[$1] = $2} /^VmRSS/ {all = $2}
        END {printf "%.0f MB (anonymous %.0f, files %.0f)", all / 1024,
            kb["RssAnon:"] / 1024, kb["RssFile:"] / 1024}' "/proc/$server/status"
}

echo "== $backend, demo scale $scale, $(date -u '+%Y-%m-%d %H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
t0=$(now)
"$noaber" demo --scale "$scale" 2>&1 | grep -v '^copy '
echo "demo load: $(elapsed "$t0") s"

password=zeven-kiwis-fietsen-onder-de-brug
add_user() { echo "$password" | "$noaber" user add --role "$1" --email "$2" >/dev/null; }
add_user coordinator bench-coordinator@bench.noaber.nl
# Two sets of volunteers, one per run: a volunteer responds to a request only once,
# and each run uses every (volunteer, request) pair at most once.
for i in $(seq 1 16); do add_user volunteer "bench-volunteer-$i@bench.noaber.nl"; done
volunteers() { seq "$1" "$2" | sed 's/.*/bench-volunteer-&@bench.noaber.nl/' | paste -sd,; }

start_server
echo "first start (index built from the database): $startup s, RSS $(rss_mb)"
for c in 16 64; do
    if [ "$c" = 16 ]; then set_=$(volunteers 1 8); else set_=$(volunteers 9 16); fi
    LOADBENCH_PASSWORD=$password "$loadbench" --url "http://127.0.0.1:$port" \
        --concurrency "$c" --duration "$duration" --mix "$mix" \
        --coordinator bench-coordinator@bench.noaber.nl --volunteer "$set_" \
        --label "$backend, scale $scale"
    echo "RSS after c=$c: $(rss_mb)"
done
stop_server
start_server
echo "restart (index intact): $startup s, RSS $(rss_mb)"
curl -fs "http://127.0.0.1:$port/api/v1/search?q=boodschappen" >/dev/null
echo "RSS after a search: $(rss_mb)"
stop_server
echo "load at the end:$(uptime | sed 's/.*load average://')"
