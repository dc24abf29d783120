#!/bin/sh
# Load test: `make serve` (gunicorn, production settings) on PostgreSQL with 10,000 synthetic
# firms, driven by Locust headless on the loopback for a fixed time; stops by itself.
#
#   sh bench/load_run.sh                 # steady run (50 users, 1–3 s think time) + saturation
#   LOAD_DURATION=60 LOAD_USERS=50 WEB_CONCURRENCY=3 sh bench/load_run.sh
#
# Uses its own database (LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/gagyo_load),
# created, migrated and filled on the first run; results go to var/bench/load/.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DB_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gagyo_load}"
PORT="${LOAD_PORT:-8765}"
DURATION="${LOAD_DURATION:-120}"
USERS="${LOAD_USERS:-50}"
FIRMS="${LOAD_FIRMS:-10000}"
SATURATION_STEPS="${LOAD_SATURATION_STEPS:-4 8 16}"
SATURATION_DURATION="${LOAD_SATURATION_DURATION:-45}"
# Users start at SPAWN_RATE per second; statistics restart once all have started
# (--reset-stats), so the tables describe the steady state. The start-up itself — every staff
# and member user logs in then, and a log-in costs a worker ~0.5 s of PBKDF2 by design — is
# reported separately from the steady run's history (docs/perf/load.md).
SPAWN_RATE="${LOAD_SPAWN_RATE:-2}"
OUT=var/bench/load
mkdir -p "$OUT"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}"
# Persistent connections, as docs/deployment.md recommends (no PostgreSQL fork per request).
export DB_CONN_MAX_AGE="${DB_CONN_MAX_AGE:-60}"

test -x .venv/bin/locust || .venv/bin/pip install --disable-pip-version-check -q -r requirements-bench.txt

DB_NAME="${DB_URL##*/}"
DB_SERVER="${DB_URL%/*}/postgres"
psql "$DB_SERVER" -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1 \
    || createdb --maintenance-db="$DB_SERVER" "$DB_NAME"
export DATABASE_URL="$DB_URL"
"$PY" manage.py migrate -v 0
"$PY" manage.py load_demo > /dev/null
"$PY" manage.py shell -v 0 -c "
from directory.firms.models import Firm
n = Firm.objects.filter(slug__startswith='synthetic-').count()
print(n)
" > "$OUT/synthetic_count"
if [ "$(cat "$OUT/synthetic_count")" -lt "$FIRMS" ]; then
    "$PY" manage.py generate_synthetic_firms "$(( FIRMS - $(cat "$OUT/synthetic_count") ))"
fi

# Load accounts: one staff, one member of 한글과컴퓨터, with a fresh random password.
GAGYO_LOAD_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
export GAGYO_LOAD_PASSWORD GAGYO_LOAD_FIRMS="$FIRMS"
"$PY" manage.py shell -v 0 -c "
import os
from django.contrib.auth import get_user_model
from directory.accounts.models import Membership
from directory.firms.models import Firm
User = get_user_model()
for name, staff in (('load-staff', True), ('load-member', False)):
    user, _ = User.objects.get_or_create(username=name, defaults={'email': name + '@example.invalid'})
    user.is_staff = staff
    user.set_password(os.environ['GAGYO_LOAD_PASSWORD'])
    user.save()
Membership.objects.get_or_create(user=User.objects.get(username='load-member'), firm=Firm.objects.get(slug='hancom'), defaults={'role': 'owner'})
"

GUNICORN_ACCESS_LOG=0 PORT="$PORT" sh scripts/serve.sh > "$OUT/serve.log" 2>&1 &
SERVE_PID=$!
trap 'kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
    sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null

workers_cpu() {
    # CPU seconds (user + system) used so far by the master's workers: the live ones, plus the
    # ones gunicorn already replaced (max_requests), which the master's cutime/cstime hold.
    total=$(sed 's/^.*) //' "/proc/$SERVE_PID/stat" | awk '{print $14 + $15}')
    for pid in $(pgrep -P "$SERVE_PID"); do
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
        total=$((total + ticks))
    done
    echo "$total $(getconf CLK_TCK)" | awk '{printf "%.1f", $1 / $2}'
}

workers_rss() {
    # RSS (MB) of each gunicorn worker: children of the master (the exec'd serve.sh process).
    for pid in $(pgrep -P "$SERVE_PID"); do
        awk '/VmRSS/ {printf "%d ", $2/1024}' "/proc/$pid/status"
    done
    echo
}

echo "== warm-up (first requests build each worker's indexes)"
for path in / /firms/ "/firms/?q=%ED%81%B4%EB%9D%BC%EC%9A%B0%EB%93%9C" /en/firms/ /zh-hans/firms/; do
    for _ in 1 2 3 4 5 6; do curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"; done
done
echo "worker RSS after warm-up (MB): $(workers_rss)" | tee "$OUT/rss.txt"

# Published firms only: an unpublished synthetic firm is a correct 404, not a load figure.
"$PY" manage.py shell -v 0 -c "
from directory.firms.models import Firm
print('\\n'.join(Firm.objects.published().values_list('slug', flat=True)))
" > "$OUT/firms.txt"
export GAGYO_LOAD_FIRM_LIST="$OUT/firms.txt"

echo "== steady: $USERS users, 1-3 s think time, ${DURATION}s"
# The workers' CPU is counted from the moment every user has started (when the statistics
# restart), so that CPU per request divides the same window's CPU by its requests.
rm -f "$OUT/steady_cpu_start"
(sleep $(( (USERS + SPAWN_RATE - 1) / SPAWN_RATE )); workers_cpu > "$OUT/steady_cpu_start") &
.venv/bin/locust -f bench/locustfile.py --headless --only-summary \
    --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$SPAWN_RATE" -t "${DURATION}s" --stop-timeout 10 \
    --reset-stats --csv-full-history \
    --csv "$OUT/steady" > "$OUT/steady.txt" 2>&1 || true
echo "worker RSS after steady run (MB): $(workers_rss)" | tee -a "$OUT/rss.txt"
echo "steady: worker CPU seconds $(echo "$(workers_cpu) $(cat "$OUT/steady_cpu_start")" | awk '{print $1 - $2}'); load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/rss.txt"

for users in $SATURATION_STEPS; do
    echo "== saturation: $users users without think time, ${SATURATION_DURATION}s"
    cpu_start=$(workers_cpu)
    GAGYO_LOAD_THINK=0 .venv/bin/locust -f bench/locustfile.py --headless --only-summary \
        --host "http://127.0.0.1:$PORT" -u "$users" -r "$users" -t "${SATURATION_DURATION}s" \
        --stop-timeout 10 --csv "$OUT/saturation-$users" > "$OUT/saturation-$users.txt" 2>&1 || true
    echo "saturation $users: worker CPU seconds $(echo "$(workers_cpu) $cpu_start" | awk '{print $1 - $2}'); load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/rss.txt"
done
echo "worker RSS after saturation (MB): $(workers_rss)" | tee -a "$OUT/rss.txt"

"$PY" bench/load_report.py "$OUT" $SATURATION_STEPS
