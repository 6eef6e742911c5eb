#!/usr/bin/env bash
# Side-by-side MQTT broker benchmark, in one go: our broker (durable: RocksDB with sync durability, with its
# default write-behind and with every copy written; and in memory), Mosquitto (Debian package, persistence on)
# and Moquette 0.17, one after the other on loopback with the same load: QoS 0/1/2 throughput and latency, then
# 10,000 and 50,000 idle connections. Prints a Markdown table with our ratio to each and writes it to
# target/bench/report-<time>.md (or --out FILE).
# Method and scenarios: docs/benchmarks.md. A default run takes about 16 minutes on 2 cores.
#
#   scripts/bench-broker.sh                 # the default run
#   scripts/bench-broker.sh --quick         # a smoke run of about 3 minutes with small numbers
#   scripts/bench-broker.sh --brokers ours,mosquitto --scenarios qos1 --duration 30
#   scripts/bench-broker.sh --help          # every option of the load generator
# Run as root (or with a hard open-files limit of 120,000 or more) for the 50,000-connection case.
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
quick=0
for a in "$@"; do
  if [ "$a" = "--quick" ]; then quick=1; else args+=("$a"); fi
done
if [ "$quick" -eq 1 ]; then
  # Later options win in picocli, so anything given explicitly still overrides these.
  args=(--duration 3 --warmup 1 --idle-connections 1000,5000 "${args[@]}")
fi
out_given=0
for a in "${args[@]}"; do
  case "$a" in --out|--out=*) out_given=1 ;; esac
done
if [ "$out_given" -eq 0 ]; then
  args+=(--out "target/bench/report-$(date +%Y%m%d-%H%M%S).md")
fi

if ! [ -x /usr/sbin/mosquitto ]; then
  echo "Installing Mosquitto (Debian package)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends mosquitto >/dev/null
fi

# Every idle connection is a file descriptor in the load generator and one in the broker, which inherits the
# limit (Mosquitto needs max_connections -1 and this limit too). Root may raise the hard limit.
ulimit -Hn 1048576 2>/dev/null || true
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
echo "Open files limit: $(ulimit -Sn)"

echo "Building the broker and the benchmark..."
./mvnw -q -B -ntp -DskipTests package -pl broker,benchmarks -am

export BENCH_COMMAND="scripts/bench-broker.sh $*"
# The load generator holds up to 50,000 idle connections plus the throughput clients: a few GB of heap.
exec java -Xmx3g -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
  dev.esl.bench.BrokerBenchmark "${args[@]}"
