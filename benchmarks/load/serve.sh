#!/usr/bin/env bash
# Serve the site for the load test as production runs it: gunicorn's sync workers with the
# production settings, on the database (and Redis, when REDIS_URL is set) that
# `manage.py prepare_load_test` filled. Plain HTTP on this machine: the HTTPS redirect is
# off, and TRUSTED_PROXY_COUNT=1 because the load test stands in for the load balancer
# (each simulated visitor sends its own X-Forwarded-For).
#
#   DATABASE_URL=sqlite:////tmp/load.sqlite3 SECRET_KEY=... benchmarks/load/serve.sh 8100
#
# SECRET_KEY must be the one prepare_load_test ran with: the sessions it made are signed
# with it. run.sh does all of it in one go.
# WORKERS (default 3) sets gunicorn's workers; the master's pid is written to
# /tmp/load-gunicorn-<port>.pid and the access log (with each worker's pid) to
# /tmp/load-gunicorn-<port>.log, for capacity.py's memory and request counts.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT="${1:-8100}"
PYTHON="${PYTHON:-.venv/bin/python}"
: "${DATABASE_URL:?set DATABASE_URL to the database prepare_load_test filled}"
export DATABASE_URL
export DJANGO_ENV=production DEBUG=false
: "${SECRET_KEY:?set SECRET_KEY to the one prepare_load_test ran with}"
export SECRET_KEY
export SECURE_SSL_REDIRECT=false TRUSTED_PROXY_COUNT=1
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export STATIC_ROOT="${STATIC_ROOT:-/tmp/load-static}"
export EMAIL_URL="${EMAIL_URL:-dummymail://}"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
"$PYTHON" manage.py collectstatic --noinput -v0
exec "$PYTHON" -m gunicorn community.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers "${WORKERS:-3}" \
    --pid "/tmp/load-gunicorn-$PORT.pid" \
    --access-logfile "/tmp/load-gunicorn-$PORT.log" \
    --access-logformat '%(p)s %(s)s %(m)s %(U)s %(M)s'
