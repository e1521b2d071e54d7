#!/usr/bin/env bash
# The whole suite; every repository, API and CLI test runs once on SQLite
# and once on the PostgreSQL named by SYNERGIA_TEST_POSTGRES_URL.
set -euo pipefail
: "${SYNERGIA_TEST_POSTGRES_URL:?run through scripts/with-postgres.sh}"
mkdir -p test-output
set +e
# A real headless Chromium through the pages (Debian chromium + chromedriver + selenium).
/usr/bin/python3 Tests/browser/browser_tests.py .build/debug/synergia 2>&1 | tee test-output/browser-tests.log
browser_status=${PIPESTATUS[0]}
swift test --skip-build 2>&1 | tee test-output/swift-test.log
status=${PIPESTATUS[0]}
set -e
((status == 0)) && status=$browser_status
sqlite=$(grep -c 'argument kind → .sqlite' test-output/swift-test.log || true)
postgres=$(grep -c 'argument kind → .postgres' test-output/swift-test.log || true)
echo "Database-backed test cases run: SQLite $sqlite, PostgreSQL $postgres"
exit "$status"
