#!/usr/bin/env bash
# Starts the platform. For now: the MQTT broker on port 1883 with config/broker.yml
# (groups GID_AP and GID_TAGMGR, parent topic esl). Builds it first when needed. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=broker/target/broker-0.1.0-SNAPSHOT-all.jar
if [ ! -f "$jar" ] || [ -n "$(find broker/src broker/pom.xml pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building the broker..."
  ./mvnw -B -q -ntp -pl broker -am package -DskipTests
fi

echo "Starting the MQTT broker on port ${ESL_BROKER_PORT:-1883} (config/broker.yml); Ctrl-C stops it."
exec java -jar "$jar" --config config/broker.yml "$@"
