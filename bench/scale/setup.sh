#!/usr/bin/env bash
# Installs what bench/scale/run.py needs: wrk and nginx (Debian), sqlite3 and
# psql (for marking the data set published), and datasette in a virtualenv
# (default /var/tmp/pledgewatch-bench-venv) for the side-by-side runs.
set -euo pipefail
VENV="${PLEDGEWATCH_BENCH_VENV:-/var/tmp/pledgewatch-bench-venv}"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v psql >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ ! -x "$VENV/bin/datasette" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'datasette==0.65.*'
fi
echo "datasette: $VENV/bin/datasette"
