#!/usr/bin/env bash
# The load test in one command: prepare the database (seeded once, reused after), start
# gunicorn with the production settings on it, find the requests per second held at
# p95 <= 200 ms with no errors, report each worker's memory, and stop the server.
#
#   benchmarks/load/run.sh                                    # the embedded default: SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/load REDIS_URL=redis://127.0.0.1:6379/5 \
#       benchmarks/load/run.sh                                # the production stack
#
# USERS (simulated users per level, default 10,20,30,40,60), RUN_TIME (seconds per level,
# default 60), WORKERS (gunicorn's, default 3), PORT (default 8100) and DATA (the JSON file
# prepare_load_test writes) choose. The database must be a throwaway one.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${PORT:-8100}"
DATA="${DATA:-/tmp/load-test-$PORT.json}"
export DATABASE_URL="${DATABASE_URL:-sqlite:////tmp/load-test.sqlite3}"
# Sessions made by prepare_load_test are signed with it: the server must use the same.
export SECRET_KEY="${SECRET_KEY:-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))')}"

DJANGO_ENV=development DEBUG=false "$PYTHON" manage.py migrate -v0
DJANGO_ENV=development DEBUG=false "$PYTHON" manage.py prepare_load_test --out "$DATA"

rm -f "/tmp/load-gunicorn-$PORT.log"
PYTHON="$PYTHON" benchmarks/load/serve.sh "$PORT" > "/tmp/load-gunicorn-$PORT.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 1
done
# Warm each worker (imports, the header's cached links) before anything is timed.
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$PORT/questions/"; done

"$PYTHON" benchmarks/load/capacity.py --host "http://127.0.0.1:$PORT" --load-data "$DATA" \
    --users "${USERS:-10,20,30,40,60}" --run-time "${RUN_TIME:-60}" \
    --pid-file "/tmp/load-gunicorn-$PORT.pid"
