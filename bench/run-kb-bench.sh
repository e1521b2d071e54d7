#!/usr/bin/env bash
# `make bench` (knowledge-base part): indexes a generated corpus of
# BENCH_KB_PARAGRAPHS paragraphs (200,000) in the six UN languages and times
# single-word, phrase, Chinese and faceted queries against the same queries as
# LIKE scans, on SQLite and on a throwaway PostgreSQL. docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-.build-release/release/synergia}
N=${BENCH_KB_PARAGRAPHS:-200000}
RUNS=${BENCH_KB_RUNS:-50}
mkdir -p bench-output
rm -f bench-output/kb.sqlite bench-output/kb.sqlite-*
echo "== SQLite"
"$BIN" kb benchmark --paragraphs "$N" --runs "$RUNS" --database sqlite:bench-output/kb.sqlite
echo "== SQLite, searches back to back (the LIKE scans after them)"
"$BIN" kb benchmark --search-only --back-to-back --runs "$RUNS" --database sqlite:bench-output/kb.sqlite
echo "== PostgreSQL"
scripts/with-postgres.sh bash -c "\"$BIN\" kb benchmark --paragraphs $N --runs $RUNS --database \"\$SYNERGIA_TEST_POSTGRES_URL\""
