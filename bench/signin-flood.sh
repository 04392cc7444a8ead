#!/usr/bin/env bash
# The sign-in load test (not part of `cargo test`): starts `pledgewatch serve
# --demo` on loopback over a new database, runs examples/signin_flood.rs of
# the cli crate against it (4 waves of 500 concurrent anonymous sign-ins with
# random usernames from 250 loopback addresses while a static file is
# fetched; then, against a fresh server, 40 anonymous 10 MB bodies), and
# stops the server.
#
#   bench/signin-flood.sh [PLEDGEWATCH_BINARY] [ATTEMPTS] [BIG_BODIES] [WAVES]
#
# The binary defaults to the debug build in $CARGO_TARGET_DIR (or target/).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
binary="${1:-$target/debug/pledgewatch}"
attempts="${2:-500}"
big="${3:-40}"
waves="${4:-4}"
cargo build -q -p pledgewatch --example signin_flood
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ulimit -n 4096 2>/dev/null || true

# One phase against a fresh server (memory a process has taken is not given
# back, so each phase starts from an idle server).
phase() {
    local port=$((20000 + RANDOM % 20000))
    rm -f "$work"/flood.db*
    "$binary" --db "sqlite:$work/flood.db" serve --demo --bind "127.0.0.1:$port" \
        >"$work/serve.log" 2>&1 &
    local server=$!
    for _ in $(seq 100); do
        grep -q "is serving" "$work/serve.log" 2>/dev/null && break
        sleep 0.1
    done
    "$target/debug/examples/signin_flood" "127.0.0.1:$port" "$server" "$1" "$2" "$waves" || true
    kill "$server"
    wait "$server" 2>/dev/null || true
}

phase "$attempts" 0
phase 0 "$big"
