#!/usr/bin/env bash
# Starts the platform on this machine: the MQTT broker (port 1883, config/broker.yml), the tag manager
# (web console, REST API and OpenAPI on http://localhost:8080, an embedded MariaDB with its data in data/mariadb,
# demo users printed at the end) and a
# simulated store: three AP gateway daemons, each driving its own simulated dongle over a socat pty pair, with
# 200 tags each of three panel sizes (2.13" black/white, 2.9" and 4.2" black/white/red).
# The first run creates a demo chain, store and products and binds every tag; after that the data is kept
# (data/: broker store, database, gateway journals). Builds first when needed; installs socat when missing.
# Ctrl-C (or SIGTERM) stops everything: the gateways, the simulators, the tag manager, then the broker.
#
#   scripts/run.sh                  # everything
#   scripts/run.sh --broker-only    # just the broker
#
# Environment: ESL_BROKER_PORT (1883), ESL_HTTP_PORT (8080), ESL_DEMO_APS (3), ESL_DEMO_TAGS_PER_AP (200),
# ESL_SECURITY_ADMIN_PASSWORD (the tag manager's user "admin"; admin-demo).
set -euo pipefail
cd "$(dirname "$0")/.."

broker_jar=broker/target/broker-0.1.0-SNAPSHOT-all.jar
gateway_jar=ap-gateway/target/ap-gateway-0.1.0-SNAPSHOT-all.jar
manager_jar=tag-manager/target/tag-manager-0.1.0-SNAPSHOT-exec.jar
mqtt_port=${ESL_BROKER_PORT:-1883}
http_port=${ESL_HTTP_PORT:-8080}
aps=${ESL_DEMO_APS:-3}
tags_per_ap=${ESL_DEMO_TAGS_PER_AP:-200}
store=store-0001
base=http://localhost:$http_port
api=$base/api/v1
export ESL_SECURITY_ADMIN_PASSWORD="${ESL_SECURITY_ADMIN_PASSWORD:-admin-demo}"

stale() { [ ! -f "$1" ] || [ -n "$(find "$2" pom.xml -newer "$1" -print -quit)" ]; }
if stale "$broker_jar" broker/src || stale "$gateway_jar" ap-gateway/src || stale "$manager_jar" tag-manager/src; then
  echo "Building the platform (a few minutes the first time)..."
  ./mvnw -B -q -ntp -DskipTests package -pl broker,ap-gateway,tag-manager -am
fi

# The broker never creates a missing store directory by itself (a forgotten mount must not look like a new,
# empty broker); this demo's first run creates it.
export ESL_BROKER_PORT=$mqtt_port
mkdir -p "${ESL_BROKER_DATA_DIR:-data/broker}"

if [ "${1:-}" = "--broker-only" ]; then
  echo "Starting the MQTT broker on port $mqtt_port (config/broker.yml); Ctrl-C stops it."
  exec java -jar "$broker_jar" --config config/broker.yml
fi

need=()
command -v socat >/dev/null 2>&1 || need+=(socat)                                     # the simulated store's serial lines
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)   # the font of tag images
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p data/logs
# Processes by stopping order: the gateways first (each marks its AP offline while the broker is still up), then
# the simulators, the tag manager, the broker. Started in the background by a script, they ignore Ctrl-C's SIGINT:
# only this script takes it, and stops them in that order.
gateway_pids=(); simulator_pids=(); manager_pid=""; broker_pid=""
stop_all() { # pids...: SIGTERM to each, then waits; SIGKILL after 30 s
  local pid
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for pid in "$@"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
stopping=""
stop() {
  [ -z "$stopping" ] || return 0
  stopping=1
  echo "Stopping..."
  stop_all ${gateway_pids[@]+"${gateway_pids[@]}"}
  stop_all ${simulator_pids[@]+"${simulator_pids[@]}"}
  stop_all $manager_pid
  stop_all $broker_pid
  echo "Stopped; the data is kept in data/."
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() { # what, pid and log of the process that should answer (or "" ""), command...
  local what=$1 pid=$2 log=$3; shift 3
  for _ in $(seq 1 180); do
    "$@" >/dev/null 2>&1 && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "$what exited while starting, saying:" >&2
      { grep -E '^Caused by|ERROR' "$log" | tail -n 3 | cut -c1-300; } >&2 2>/dev/null
      echo "(its whole log is in $log)" >&2; exit 1
    fi
    sleep 1
  done
  echo "$what did not come up; see data/logs/" >&2; exit 1
}

# Every call to the tag manager's API goes through here, signed in as the first user (the actor of its audit events).
api_call() { curl -s -u "admin:$ESL_SECURITY_ADMIN_PASSWORD" "$@"; }
get() { api_call "$api$1"; }
get_status() { api_call -o /dev/null -w '%{http_code}' "$api$1"; }
post() { api_call -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$api$1"; }

echo "Starting the broker on port $mqtt_port (log: data/logs/broker.log)"
java -jar "$broker_jar" --config config/broker.yml >data/logs/broker.log 2>&1 & broker_pid=$!
wait_for "The broker" "$broker_pid" data/logs/broker.log bash -c "exec 3<>/dev/tcp/127.0.0.1/$mqtt_port"

echo "Starting the tag manager on $base (log: data/logs/tag-manager.log)"
ESL_MQTT_PORT=$mqtt_port java -jar "$manager_jar" --server.port="$http_port" >data/logs/tag-manager.log 2>&1 &
manager_pid=$!
wait_for "The tag manager" "$manager_pid" data/logs/tag-manager.log api_call -f "$base/actuator/health"

if [ "$(get_status "/stores/$store")" != 200 ]; then
  echo "Creating the demo chain, store and products"
  post /chains '{"id":"demo","name":"Demo Markets"}' >/dev/null
  post /stores '{"id":"'$store'","chainId":"demo","name":"Demo store","currency":"EUR"}' >/dev/null
  post /products '{"sku":"MILK-1","name":"Organic whole milk 1 l","price":1.29,"unitPrice":1.29,"unit":"l","barcode":"4006381333931"}' >/dev/null
  post /products '{"sku":"COFFEE-1","name":"Coffee beans 500 g","price":7.49,"unitPrice":14.98,"unit":"kg","promo":"-20%"}' >/dev/null
  post /products '{"sku":"APPLE-1","name":"Apples Gala 1 kg","price":2.19,"barcode":"https://example.org/apples","barcodeKind":"QR"}' >/dev/null
fi
if [ "$(get_status /users/clerk)" = 404 ]; then
  echo "Creating the demo users"
  post /users '{"username":"clerk","password":"clerk-demo-1","role":"CLERK","storeId":"'$store'","displayName":"Demo clerk"}' >/dev/null
  post /users '{"username":"auditor","password":"auditor-demo-1","role":"AUDITOR","displayName":"Demo auditor"}' >/dev/null
fi

echo "Starting the simulated store: $aps APs with $tags_per_ap tags each (logs: data/logs/simulator-ap-*.log, gateway-ap-*.log)"
for n in $(seq 1 "$aps"); do
  ap=$(printf 'ap-%02d' "$n")
  # Its own seed gives each simulated dongle its own tag ids, the same at every start.
  java -Xmx256m -XX:+UseSerialGC -cp "$gateway_jar" dev.esl.gateway.simulator.SimulatorMain --pty "data/pty/$ap" \
    --tags "$tags_per_ap" --seed "$n" --wake-interval 10 --panels 2.13bw:100,2.9bwr:50,4.2bwr:50 \
    >"data/logs/simulator-$ap.log" 2>&1 & simulator_pids+=($!)
  wait_for "The pty of $ap's simulator" "" "" test -e "data/pty/$ap/host"
  ESL_GATEWAY_AP_SERIAL=$ap ESL_GATEWAY_STORE_ID=$store ESL_GATEWAY_DATA_DIR="data/gateway/$ap" \
    ESL_GATEWAY_MQTT_PORT=$mqtt_port ESL_GATEWAY_SERIAL_PORT="data/pty/$ap/host" ESL_GATEWAY_TELEMETRY_INTERVAL_SECONDS=10 \
    java -Xmx256m -XX:+UseSerialGC -jar "$gateway_jar" --config config/gateway.yml \
    >"data/logs/gateway-$ap.log" 2>&1 & gateway_pids+=($!)
done

store_tags() { # every tag of the store, one JSON object a line, page by page
  local after="" page
  while :; do
    page=$(get "/stores/$store/tags?limit=1000&after=$after" | sed -e 's/^\[//' -e 's/\]$//' -e 's/},{"id"/}\n{"id"/g')
    [ -n "$page" ] || return 0
    printf '%s\n' "$page"
    after=$(printf '%s\n' "$page" | tail -n 1 | grep -o '"id":"[0-9A-F]\{16\}"' | cut -d'"' -f4)
    [ "$(printf '%s\n' "$page" | wc -l)" -ge 1000 ] || return 0
  done
}
expected=$((aps * tags_per_ap))
echo "Waiting for the $expected tags to check in..."
tags=0
for _ in $(seq 1 120); do
  tags=$(store_tags | grep -c '"id":"[0-9A-F]\{16\}"' || true)
  [ "$tags" -ge "$expected" ] && break
  sleep 1
done
unbound=$(store_tags | { grep '"sku":null' || true; } | { grep -o '^{"id":"[0-9A-F]\{16\}"' || true; } | cut -d'"' -f4)
if [ -n "$unbound" ]; then
  echo "Binding $(printf '%s\n' "$unbound" | wc -l) tags to the demo products"
  bindings=$(printf '%s\n' "$unbound" | awk 'BEGIN{split("MILK-1 COFFEE-1 APPLE-1",s," ")} {printf "%s{\"tagId\":\"%s\",\"sku\":\"%s\"}", (NR>1?",":""), $1, s[NR%3+1]}')
  post /bindings "[$bindings]" >/dev/null
fi
echo
echo "The platform is up: $tags tags behind $aps APs in $store."
echo "  Web console:      $base/console"
echo "    sign in as      clerk / clerk-demo-1 (store clerk of $store), auditor / auditor-demo-1,"
echo "                    or admin / $ESL_SECURITY_ADMIN_PASSWORD (chain manager)"
echo "  API and OpenAPI:  $base/swagger-ui.html (HTTP Basic, the same users)"
echo "  A price change:   curl -u admin:$ESL_SECURITY_ADMIN_PASSWORD -H 'Content-Type: application/json' -d '{\"rows\":[{\"sku\":\"MILK-1\",\"price\":1.19}]}' $api/price-changes"
echo "  Its progress:     curl -u admin:$ESL_SECURITY_ADMIN_PASSWORD $api/tasks/<the taskId it answered>"
echo "Ctrl-C stops everything."
# Until Ctrl-C, SIGTERM or one of the processes ends (then the rest are stopped too).
wait -n || true
[ -n "$stopping" ] || echo "A process of the platform exited; see data/logs/" >&2
exit 1
