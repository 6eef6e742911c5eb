#!/usr/bin/env bash
# Tag manager benchmark: a chain-wide price change of 1,000,000 tags created, persisted and dispatched, against
# the raw multi-row insert rate of as many rows on the same database (docs/benchmarks.md).
# Usage: scripts/bench-tag-manager.sh [stores] [tags per store]   (default 200 x 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
# Built in one reactor, so the broker and gateway come from their target/ folders: nothing is installed into the
# local repository (~/.m2 may be shared).
./mvnw -q -B -ntp -DskipTests -pl tag-manager -am package dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx6g -Djava.awt.headless=true -Dlogging.level.dev.esl=warn \
  -cp "tag-manager/target/test-classes:tag-manager/target/classes:$(cat tag-manager/target/bench-classpath.txt)" \
  dev.esl.tagmanager.bench.ChainPriceChangeBenchmark "$@"
