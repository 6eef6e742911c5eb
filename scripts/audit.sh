#!/usr/bin/env bash
# The audit log's command line (docs/audit.md): audit query | trace | verify | heads | archive.
#   AUDIT_DB_URL=jdbc:mysql://db:3306/esl scripts/audit.sh verify
# Builds the runnable jar first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=audit-log/target/audit-log-0.1.0-SNAPSHOT-all.jar
[ -f "$jar" ] || ./mvnw -B -q -ntp -DskipTests -pl audit-log package
exec java -jar "$jar" "$@"
