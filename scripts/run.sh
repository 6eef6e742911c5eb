#!/usr/bin/env bash
# Starts the platform on this machine: the MQTT broker (port 1883, config/broker.yml), the tag manager
# (REST API and OpenAPI on http://localhost:8080, an embedded MariaDB with its data in data/mariadb) and a
# simulated store: one AP gateway daemon driving a simulated dongle and 200 tags over a socat pty pair.
# The first run creates a demo chain, store and products and binds every tag; after that the data is kept.
# Builds first when needed; installs socat from Debian when missing. Ctrl-C stops everything.
#
#   scripts/run.sh                  # everything
#   scripts/run.sh --broker-only    # just the broker, as before the tag manager existed
set -euo pipefail
cd "$(dirname "$0")/.."

broker_jar=broker/target/broker-0.1.0-SNAPSHOT-all.jar
gateway_jar=ap-gateway/target/ap-gateway-0.1.0-SNAPSHOT-all.jar
manager_jar=tag-manager/target/tag-manager-0.1.0-SNAPSHOT-exec.jar
api=http://localhost:${ESL_HTTP_PORT:-8080}/api/v1

stale() { [ ! -f "$1" ] || [ -n "$(find "$2" pom.xml -newer "$1" -print -quit)" ]; }
if stale "$broker_jar" broker/src || stale "$gateway_jar" ap-gateway/src || stale "$manager_jar" tag-manager/src; then
  echo "Building the platform (a few minutes the first time)..."
  ./mvnw -B -q -ntp -DskipTests install -pl broker,ap-gateway,tag-manager -am
fi

# The broker never creates a missing store directory by itself (a forgotten mount must not look like a new,
# empty broker); this demo's first run creates it.
mkdir -p "${ESL_BROKER_DATA_DIR:-data/broker}"

if [ "${1:-}" = "--broker-only" ]; then
  echo "Starting the MQTT broker on port ${ESL_BROKER_PORT:-1883} (config/broker.yml); Ctrl-C stops it."
  exec java -jar "$broker_jar" --config config/broker.yml
fi

need=()
command -v socat >/dev/null 2>&1 || need+=(socat)                                     # the simulated store's serial line
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)   # the font of tag images
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p data/logs
pids=()
stop() {
  echo "Stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

wait_for() { # what, command...
  local what=$1; shift
  for _ in $(seq 1 120); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "$what did not come up; see data/logs/" >&2; exit 1
}

echo "Starting the broker on port 1883 (log: data/logs/broker.log)"
java -jar "$broker_jar" --config config/broker.yml >data/logs/broker.log 2>&1 & pids+=($!)
wait_for "The broker" bash -c 'exec 3<>/dev/tcp/127.0.0.1/1883'

# The first user, a chain manager, is created with this password on the first run (later runs keep the users).
export ESL_SECURITY_ADMIN_PASSWORD="${ESL_SECURITY_ADMIN_PASSWORD:-admin-demo}"
echo "Starting the tag manager on http://localhost:${ESL_HTTP_PORT:-8080} (log: data/logs/tag-manager.log)"
java -jar "$manager_jar" --server.port="${ESL_HTTP_PORT:-8080}" >data/logs/tag-manager.log 2>&1 & pids+=($!)
wait_for "The tag manager" curl -sf "http://localhost:${ESL_HTTP_PORT:-8080}/actuator/health"

get() { curl -s -u "admin:$ESL_SECURITY_ADMIN_PASSWORD" "$@"; }
post() { get -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$api$1"; }
if [ "$(get -o /dev/null -w '%{http_code}' "$api/stores/store-0001")" != 200 ]; then
  echo "Creating the demo chain, store and products"
  post /chains '{"id":"demo","name":"Demo Markets"}' >/dev/null
  post /stores '{"id":"store-0001","chainId":"demo","name":"Demo store","currency":"EUR"}' >/dev/null
  post /products '{"sku":"MILK-1","name":"Organic whole milk 1 l","price":1.29,"unitPrice":1.29,"unit":"l","barcode":"4006381333931"}' >/dev/null
  post /products '{"sku":"COFFEE-1","name":"Coffee beans 500 g","price":7.49,"unitPrice":14.98,"unit":"kg","promo":"-20%"}' >/dev/null
  post /products '{"sku":"APPLE-1","name":"Apples Gala 1 kg","price":2.19,"barcode":"https://example.org/apples","barcodeKind":"QR"}' >/dev/null
fi
if [ "$(get -o /dev/null -w '%{http_code}' "$api/users/clerk")" = 404 ]; then
  echo "Creating the demo users"
  post /users '{"username":"clerk","password":"clerk-demo-1","role":"CLERK","storeId":"store-0001","displayName":"Demo clerk"}' >/dev/null
  post /users '{"username":"auditor","password":"auditor-demo-1","role":"AUDITOR","displayName":"Demo auditor"}' >/dev/null
fi

echo "Starting the simulated store: 200 tags behind AP ap-01 (logs: data/logs/simulator.log, gateway.log)"
java -cp "$gateway_jar" dev.esl.gateway.simulator.SimulatorMain --pty data/pty --tags 200 --wake-interval 10 \
  >data/logs/simulator.log 2>&1 & pids+=($!)
wait_for "The simulator's pty" test -e data/pty/host
ESL_GATEWAY_SERIAL_PORT=data/pty/host java -jar "$gateway_jar" --config config/gateway.yml \
  >data/logs/gateway.log 2>&1 & pids+=($!)

tag_ids() { get "$api/stores/store-0001/tags?limit=1000" | { grep -o '"id":"[0-9A-F]\{16\}"' || true; } | cut -d'"' -f4; }
echo "Waiting for the tags to check in..."
tags=0
for _ in $(seq 1 90); do
  tags=$(tag_ids | wc -l)
  [ "$tags" -ge 200 ] && break
  sleep 1
done
if get "$api/stores/store-0001/tags?limit=1000" | grep -q '"sku":null'; then
  echo "Binding the tags to the demo products"
  bindings=$(tag_ids | awk 'BEGIN{split("MILK-1 COFFEE-1 APPLE-1",s," ")} {printf "%s{\"tagId\":\"%s\",\"sku\":\"%s\"}", (NR>1?",":""), $1, s[NR%3+1]}')
  post /bindings "[$bindings]" >/dev/null
fi
echo
echo "The platform is up: $tags tags in store-0001."
echo "  Web console:      http://localhost:${ESL_HTTP_PORT:-8080}/console"
echo "    sign in as      clerk / clerk-demo-1 (store clerk of store-0001), auditor / auditor-demo-1,"
echo "                    or admin / $ESL_SECURITY_ADMIN_PASSWORD (chain manager)"
echo "  API and OpenAPI:  http://localhost:${ESL_HTTP_PORT:-8080}/swagger-ui.html (HTTP Basic, the same users)"
echo "  A price change:   curl -u admin:$ESL_SECURITY_ADMIN_PASSWORD -H 'Content-Type: application/json' -d '{\"rows\":[{\"sku\":\"MILK-1\",\"price\":1.19}]}' $api/price-changes"
echo "  Its progress:     curl -u admin:$ESL_SECURITY_ADMIN_PASSWORD $api/tasks/1"
echo "Ctrl-C stops everything."
wait "${pids[1]}"
