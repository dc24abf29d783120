#!/usr/bin/env bash
# Fuzz the JSON API against its own OpenAPI schema with schemathesis, on a live local server
# with the demo data plus a private marker in every private field (scripts/api_fuzz_data.py).
# Fails on any 5xx, any response that does not match the schema, and any private marker in an
# anonymous response. Then fuzzes the staff and member endpoints with a staff token.
#
# Uses a throwaway database: a SQLite file in a temporary folder, or, when DATABASE_URL is a
# PostgreSQL URL, a database named gagyo_api_fuzz_<pid> on that server (created and dropped).
#   scripts/schemathesis.sh                                  # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/x scripts/schemathesis.sh
# API_FUZZ_EXAMPLES (default 25) bounds the test cases per operation and phase.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK=$(mktemp -d)
SERVER_PID=""
PG_NAME=""

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "$PG_NAME" ]; then "$PY" scripts/pg_database.py drop "$PG_NAME" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export GAGYO_VAR_DIR="$WORK" MEDIA_ROOT="$WORK/media" DEBUG=0 AXES_ENABLED=0
export API_THROTTLE_ANON=1000000/minute API_THROTTLE_TOKEN=1000000/minute
case "${DATABASE_URL:-}" in
    postgres://*|postgresql://*)
        PG_NAME="gagyo_api_fuzz_$$"
        DATABASE_URL="$("$PY" scripts/pg_database.py create "$PG_NAME")"
        export DATABASE_URL
        ;;
    *) export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3" ;;
esac
echo "== API fuzz: database ${DATABASE_URL%%:*}, data"
"$PY" manage.py migrate -v0 --noinput
"$PY" manage.py load_demo >/dev/null
"$PY" scripts/api_fuzz_data.py "$WORK/token"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"

CHECKS=no_private_marker,not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection
COMMON=(--checks "$CHECKS" --max-examples "${API_FUZZ_EXAMPLES:-25}" --seed 16 --workers 1
        --generation-database none --wait-for-schema 60 --request-timeout 30 --no-color
        --phases examples,coverage,fuzzing)
export SCHEMATHESIS_HOOKS=scripts.schemathesis_hooks PYTHONPATH=.

echo "== API fuzz: anonymous, every operation"
status=0
API_FUZZ_STAFF=0 .venv/bin/schemathesis run "$BASE/api/schema/?format=json" "${COMMON[@]}" || status=1

echo "== API fuzz: staff token, staff and member operations"
API_FUZZ_STAFF=1 .venv/bin/schemathesis run "$BASE/api/schema/?format=json" "${COMMON[@]}" \
    --include-path-regex '^/api/(staff|my)/' -H "Authorization: Bearer $(cat "$WORK/token")" || status=1

if [ "$status" -ne 0 ]; then
    echo "== server log (last 60 lines)"; tail -n 60 "$WORK/server.log"
fi
exit "$status"
