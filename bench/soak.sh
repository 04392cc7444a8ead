#!/usr/bin/env bash
# The soak test (run by hand, not part of `cargo test`): a bounded mixed
# read/write load on loopback against a release build, on SQLite and on
# PostgreSQL. For each backend it makes a new database with the demo, an
# account and an API token, starts `pledgewatch serve`, and runs
# bench/soak.py against it for the duration: readers fetch the scorecard,
# the commitment pages, the search page and the JSON API on keep-alive
# connections; one writer creates and publishes records and edits and
# publishes a commitment through the API; the server's RSS is sampled every
# 5 s and read latencies are summarised per period. Then the server stops
# and `pledgewatch audit verify` checks the chain.
#
#   bench/soak.sh [--duration SECONDS] [--backend sqlite|postgres|both]
#                 [--postgres URL] [--readers N] [--write-rate N]
#                 [--interval SECONDS] [--warmup SECONDS] [--binary PATH]
#
# Defaults: 600 s per backend, both backends, 4 readers, 2 writes per
# second, 60 s periods, a warm-up of a fifth of the run up to 120 s: the
# server's bounded memory (the page cache, SQLite's page caches, the search
# index's writer and readers, the allocator's two arenas) fills within the
# first 60-90 s of this load, so memory is judged only after that. The
# PostgreSQL server is --postgres or PLEDGEWATCH_TEST_POSTGRES_URL (a URL
# with a database name: a new database `pw_soak_...` is created beside it
# with psql and dropped at the end). Without --binary, the release build is
# made first (in $CARGO_TARGET_DIR or target/).
#
# It passes (exit 0) when, on every backend: no request failed, the RSS of
# the last period (the median of its samples) is within 20 % (or 8 MiB) of
# that of the first period after the warm-up, no period's read p99 is
# over 3 times the median period's (or it stays under 25 ms), and the
# audit chain verifies. Reports: $TMPDIR/pledgewatch-soak (or
# /tmp/pledgewatch-soak) unless SOAK_OUT names another folder.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=600 backend=both readers=4 write_rate=2 interval=60 warmup= binary=
postgres="${PLEDGEWATCH_TEST_POSTGRES_URL:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --backend) backend="$2"; shift 2 ;;
        --postgres) postgres="$2"; shift 2 ;;
        --readers) readers="$2"; shift 2 ;;
        --write-rate) write_rate="$2"; shift 2 ;;
        --interval) interval="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        -h | --help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "soak: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$backend" in
    sqlite) backends=(sqlite) ;;
    postgres) backends=(postgres) ;;
    both) backends=(sqlite postgres) ;;
    *) echo "soak: --backend is sqlite, postgres or both" >&2; exit 2 ;;
esac
if [ -z "$warmup" ]; then
    warmup=$((duration / 5 < 120 ? duration / 5 : 120))
fi
if [ -z "$binary" ]; then
    cargo build --release -q -p pledgewatch
    binary="${CARGO_TARGET_DIR:-target}/release/pledgewatch"
fi
out="${SOAK_OUT:-${TMPDIR:-/tmp}/pledgewatch-soak}"
mkdir -p "$out"
work="$(mktemp -d)"
server=
pg_admin= pg_name=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    if [ -n "$pg_name" ]; then
        psql "$pg_admin" -qc "DROP DATABASE IF EXISTS \"$pg_name\" WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A new database on the server of URL $1, beside its database; prints its URL.
new_postgres_database() {
    local url="$1" base query=
    base="${url%%\?*}"
    [[ "$url" == *\?* ]] && query="?${url#*\?}"
    pg_admin="$url"
    pg_name="pw_soak_$$_$RANDOM"
    psql "$pg_admin" -qc "CREATE DATABASE \"$pg_name\" TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
    echo "${base%/*}/$pg_name$query"
}

# Soaks one backend; its report goes to $out/soak-$1.json.
soak() {
    local name="$1" db
    case "$name" in
        sqlite) db="sqlite:$work/soak.db" ;;
        postgres)
            [ -n "$postgres" ] || { echo "soak: PostgreSQL needs --postgres URL or PLEDGEWATCH_TEST_POSTGRES_URL" >&2; return 1; }
            db="$(new_postgres_database "$postgres")" ;;
    esac
    local pw=("$binary" --db "$db" --as soak)
    "${pw[@]}" demo >/dev/null
    PLEDGEWATCH_NEW_PASSWORD="soak test password" "${pw[@]}" user add soak --role reviewer >/dev/null
    local token
    token="$("${pw[@]}" token create --user soak --name soak 2>/dev/null)"
    local port=$((20000 + RANDOM % 20000))
    # The search index of a PostgreSQL database goes to the user's cache by
    # default: here, to the run's folder, removed with it.
    XDG_CACHE_HOME="$work/cache" "${pw[@]}" serve --bind "127.0.0.1:$port" --allow-self-review \
        >"$work/serve-$name.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do
        grep -q "is serving" "$work/serve-$name.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q "is serving" "$work/serve-$name.log" || { cat "$work/serve-$name.log" >&2; return 1; }
    echo "== $name: $duration s, $readers readers, $write_rate writes/s, server pid $server"
    local load=0
    python3 bench/soak.py --base "http://127.0.0.1:$port" --token "$token" --pid "$server" \
        --duration "$duration" --readers "$readers" --write-rate "$write_rate" \
        --interval "$interval" --warmup "$warmup" --out "$out/soak-$name.json" || load=$?
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=
    local audit=0
    "${pw[@]}" audit verify >"$work/audit-$name.txt" 2>&1 || audit=$?
    cat "$work/audit-$name.txt"
    python3 - "$out/soak-$name.json" "$audit" "$(cat "$work/audit-$name.txt")" <<'EOF'
import json, sys
path, code, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
report = json.load(open(path))
report["audit_verify_exit"] = code
report["audit_verify"] = text.strip()
json.dump(report, open(path, "w"), indent=1)
EOF
    if [ -n "$pg_name" ]; then
        psql "$pg_admin" -qc "DROP DATABASE IF EXISTS \"$pg_name\" WITH (FORCE)" >/dev/null
        pg_name=
    fi
    return "$load"
}

for b in "${backends[@]}"; do
    soak "$b" || true
done

# The summary table, and the verdict.
python3 - "$out" "${backends[@]}" <<'EOF'
import json, sys
out, backends = sys.argv[1], sys.argv[2:]
rows, failed = [], []
for b in backends:
    try:
        r = json.load(open(f"{out}/soak-{b}.json"))
    except OSError:
        failed.append(f"{b}: no report")
        continue
    rss = r["rss_kib"]
    warm, end = rss["after_warmup"], rss["end"]
    flat = end - warm <= max(0.2 * warm, 8 * 1024)
    median, worst = r["read_p99_ms_median"], r["read_p99_ms_max"]
    stable = worst <= max(3 * median, 25)
    audit_ok = r.get("audit_verify_exit") == 0
    rows.append((b, r["duration_s"], r["requests"], r["writes"], r["errors"],
                 warm / 1024, end / 1024, flat, median, worst, stable, audit_ok))
    for ok, what in [(r["errors"] == 0, f"{r['errors']} errors"), (flat, "memory grew"),
                     (stable, "p99 unstable"), (audit_ok, "audit chain not intact")]:
        if not ok:
            failed.append(f"{b}: {what}")
print()
print(f"{'backend':9} {'seconds':>7} {'requests':>9} {'writes':>6} {'errors':>6} "
      f"{'RSS warm':>9} {'RSS end':>8} {'flat':>5} {'p99 med':>8} {'p99 max':>8} {'stable':>6} {'audit':>6}")
for b, d, req, w, e, warm, end, flat, med, worst, stable, audit in rows:
    print(f"{b:9} {d:>7} {req:>9} {w:>6} {e:>6} {warm:>8.1f}M {end:>7.1f}M {'yes' if flat else 'NO':>5} "
          f"{med:>7.1f}ms {worst:>6.1f}ms {'yes' if stable else 'NO':>6} {'valid' if audit else 'BROKEN':>6}")
if failed:
    print("soak FAILED: " + "; ".join(failed))
    sys.exit(1)
print("soak passed")
EOF
