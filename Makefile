# Synergia — the two commands of the README, and their parts.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: run test bench bench-land build deps-run deps-test seed serve clean

## Install what is missing, build, migrate, seed the demo, serve on http://127.0.0.1:8080
run: deps-run build
	.build/debug/synergia seed --demo
	.build/debug/synergia demo-data protected-areas --out var/demo/wdpa.gpkg --sites 300 --countries KEN,TZA --seed 7
	.build/debug/synergia coverage run --wdpa var/demo/wdpa.gpkg --land var/demo/wdpa.gpkg --eez var/demo/wdpa.gpkg \
	    --country KEN --workspace KEN --year 2025 --out var/demo/coverage-ken
	.build/debug/synergia demo-data land --size 300x300 --seed 7 --out var/demo/land
	.build/debug/synergia land run --inputs var/demo/land/inputs.json --aoi var/demo/land/aoi.geojson \
	    --out var/demo/land-ken --overwrite --workspace KEN
	.build/debug/synergia kb import --jobs 1 data/demo/knowledge/*.json
	for d in 1 2 3; do .build/debug/synergia kb tag --document $$d > /dev/null || exit 1; done
	.build/debug/synergia kb track --workspace KEN --paragraph 2 --status in_progress --as focal.point@demo.synergia.example \
	    --responsible "Ministry of Environment (fictional)" --target T1 --answer 1:report_process
	@echo "Sign in as the demo focal point with this one-time link:"
	@.build/debug/synergia user password-link --email focal.point@demo.synergia.example | tail -1
	.build/debug/synergia serve

## Install what is missing (PostgreSQL included), run the whole suite on SQLite and PostgreSQL
test: deps-test
	/usr/bin/python3 scripts/check-template-schema.py
	SWIFT=$(SWIFT) scripts/check-imports.sh
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh scripts/run-tests.sh

## Time the coverage and land-degradation engines against Python references, the web pages and an overload burst (docs/benchmarks.md)
bench: deps-run
	bench/run-coverage-bench.sh
	BENCH_SKIP_BUILD=1 bench/run-land-bench.sh
	/usr/bin/python3 bench/web_bench.py .build-release/release/synergia
	/usr/bin/python3 bench/overload_bench.py .build-release/release/synergia
	bench/run-kb-bench.sh

## Only the land-degradation engine against its numpy reference
bench-land: deps-run
	bench/run-land-bench.sh

build:
	$(SWIFT) build

deps-run:
	scripts/install-deps.sh run

deps-test:
	scripts/install-deps.sh test

clean:
	rm -rf .build var test-output
