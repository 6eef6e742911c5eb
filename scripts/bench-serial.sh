#!/usr/bin/env bash
# Serial link benchmark: image bytes delivered over a socat pty pair as a share of the line rate, at 115200
# and 921600 baud, through the gateway's real host code and the dongle simulator. Usage: scripts/bench-serial.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v socat >/dev/null || { apt-get update -qq && apt-get install -y -qq socat >/dev/null; }
./mvnw -q -B -ntp -DskipTests -pl ap-gateway -am install
./mvnw -q -B -ntp -pl ap-gateway test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "ap-gateway/target/test-classes:ap-gateway/target/classes:$(cat ap-gateway/target/bench-classpath.txt)" \
  dev.esl.gateway.bench.SerialLinkBenchmark "${1:-20}"
