#!/usr/bin/env bash
# Storage cost of repeated scans of an unchanged estate: starts the packaged service on a fresh embedded
# PostgreSQL, lets it import the sample estate, imports the same three accounts N-1 more times, and prints the
# table sizes after the first scan and after the last. Build first: mvn -B package -DskipTests
# Usage: src/bench/scripts/storage-per-scan.sh [scans=30]
set -euo pipefail
cd "$(dirname "$0")/../../.."
scans=${1:-30}
data=$(mktemp -d)
port=18123
log="$data/service.log"
java -Dposture.data-dir="$data" -Dquarkus.http.port=$port \
  -Dquarkus.security.users.embedded.users.bench=bench-pass -Dquarkus.security.users.embedded.roles.bench=admin,viewer \
  -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
api() { curl -sf -u bench:bench-pass "$@"; }
until api "http://localhost:$port/api/scans/1" 2>/dev/null | grep -q '"status":"\(succeeded\|partial\)"'; do sleep 1; done
pg_port=$(grep -o 'listening on IPv4 address "127.0.0.1", port [0-9]*' "$log" | head -1 | grep -o '[0-9]*$')
sizes() {
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -At -F ' ' -c "
    select relname, pg_total_relation_size(oid) from pg_class
    where relname in ('resource', 'resource_version', 'scan_resource', 'finding', 'finding_history',
                      'principal_analysis', 'principal_analysis_content', 'scan', 'scan_coverage', 'scan_gap')
    order by relname;
    select 'total', pg_database_size('postgres');
    select 'rows.resource_version', count(*) from resource_version;
    select 'rows.scan_resource', count(*) from scan_resource;"
}
echo "after scan 1:"; sizes
for i in $(seq 2 "$scans"); do
  for f in samples/dev-314159265358.json samples/staging-271828182845.json samples/prod-161803398874.json; do
    id=$(basename "$f" .json | cut -d- -f2); name=$(basename "$f" .json | cut -d- -f1)
    scan=$(api -H 'Content-Type: application/json' --data @"$f" "http://localhost:$port/api/imports?account=$id&name=$name" | grep -o '"scanId":[0-9]*' | cut -d: -f2)
    until api "http://localhost:$port/api/scans/$scan" | grep -q '"status":"\(succeeded\|partial\|failed\)"'; do sleep 0.2; done
  done
done
echo "after $scans scans of each account:"; sizes
