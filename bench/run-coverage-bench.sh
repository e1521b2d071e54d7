#!/usr/bin/env bash
# `make bench`: times Synergia's protected-area coverage engine against a
# geopandas/shapely reference pipeline (bench/coverage_reference.py) on the
# same generated GeoPackages — totals only, and with every statistic of the engine's
# result computed the engine's way (--statistics, bench/coverage_statistics.py; every
# figure checked against the engine's by bench/coverage_compare.py) — then times `synergia coverage run` country by
# country on a ~300,000-site file. Everything is written under bench-output/.
# Figures and how to read them: docs/benchmarks.md.
#
# Environment (all optional):
#   BENCH_SIZES="2000 20000"     sites per country for the engine-vs-reference runs
#   BENCH_GLOBAL_COUNTRIES=42    countries of the large file (at most 42: the generator lays
#                                countries 4° wide from 10°E, the 43rd would cross 180°)
#   BENCH_GLOBAL_SITES=7140      sites per country of the large file (42 × 7140 + 125 ≈ 300,000)
#   BENCH_GLOBAL_BUDGET=0        seconds for an extra country-by-country loop on the large file (0: skip it)
#   BENCH_GLOBAL_LIMIT=1800      seconds allowed to the one-process --all-countries run on the large file
#   BENCH_MAX_AREA_DIFF_PCT=0.1  fail when engine and reference areas differ by more
#   BENCH_MAX_STAT_DIFF=1e-9     fail when a statistic (group, year) differs by more (relative; km² under 1 km²: absolute)
#   BENCH_SKIP_BUILD=1           use the existing .build-release binary
#   BENCH_BIN=path               another synergia binary (implies nothing about the build)
set -euo pipefail
export PATH="$PATH:/opt/swift/usr/bin"
cd "$(dirname "$0")/.."

OUT=bench-output
BIN=${BENCH_BIN:-.build-release/release/synergia}
VENV=.venv-bench
SIZES=${BENCH_SIZES:-"2000 20000"}
GLOBAL_COUNTRIES=${BENCH_GLOBAL_COUNTRIES:-42}
GLOBAL_SITES=${BENCH_GLOBAL_SITES:-7140}
GLOBAL_BUDGET=${BENCH_GLOBAL_BUDGET:-0}
GLOBAL_LIMIT=${BENCH_GLOBAL_LIMIT:-1800}
MAX_DIFF=${BENCH_MAX_AREA_DIFF_PCT:-0.1}
MAX_STAT_DIFF=${BENCH_MAX_STAT_DIFF:-1e-9}
COUNTRY=AAA
mkdir -p "$OUT"
export SYNERGIA_DATABASE_URL="sqlite:$OUT/bench.sqlite"

die() { echo "bench: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
(( GLOBAL_COUNTRIES <= 42 )) || die "BENCH_GLOBAL_COUNTRIES must be at most 42 (the generator would cross the antimeridian)"

# 1. Release build first, in the background: it is the long part (a separate
#    scratch path, so it does not lock the debug build others use).
BUILD_PID=
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench: building the release CLI in the background (log: $OUT/build.log)"
    swift build -c release --scratch-path .build-release --product synergia >"$OUT/build.log" 2>&1 &
    BUILD_PID=$!
fi

# 2. Python environment for the reference pipeline.
if ! "$VENV/bin/python" -c "import geopandas, shapely, pyproj, pyogrio" 2>/dev/null; then
    echo "bench: creating $VENV (geopandas shapely pyproj pyogrio)"
    if ! python3 -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        apt-get install -y python3-venv >/dev/null
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet geopandas shapely pyproj pyogrio
fi
PY="$VENV/bin/python"

if [ -n "$BUILD_PID" ]; then
    echo "bench: waiting for the release build"
    wait "$BUILD_PID" || { tail -30 "$OUT/build.log" >&2; die "release build failed (see $OUT/build.log)"; }
fi
[ -x "$BIN" ] || die "$BIN not found (run without BENCH_SKIP_BUILD)"

# Runs a command under /usr/bin/time -v; stdout to $1.out, time report to $1.time,
# stderr lines timestamped to $1.err (the CLI prints one line per engine stage).
# Busy CPU time of the whole machine (/proc/stat, in clock ticks) before and after goes
# to $1.busy: what other processes used meanwhile tells whether the machine was shared.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
timed() {
    local base=$1 b0; shift
    b0=$(busy)
    /usr/bin/time -v -o "$base.time" "$@" >"$base.out" \
        2> >(while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done >"$base.err")
    local rc=$?
    echo "$b0 $(busy) $(getconf CLK_TCK)" >"$base.busy"
    wait  # for the timestamping subshell
    printf '%s exit\n' "$(date +%s.%N)" >>"$base.err"
    return $rc
}

ours() {  # base file country
    timed "$1" "$BIN" coverage run --wdpa "$2" --land "$2" --eez "$2" --country "$3" --json \
        || { cat "$1.err" >&2; die "synergia coverage run failed on $2 ($3)"; }
}

reference() {  # base file country [--statistics]
    # numpy is slowed down by these on this machine; only unset for the reference.
    timed "$1" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/coverage_reference.py \
        --wdpa "$2" --land "$2" --eez "$2" --country "$3" ${4:-} \
        || { cat "$1.err" >&2; die "reference pipeline failed on $2 ($3)"; }
}

generate() {  # file sites countries
    local start end
    start=$(date +%s.%N)
    "$BIN" demo-data protected-areas --out "$1" --sites "$2" --countries "$3" --seed 1 >"$1.log" \
        || die "generation of $1 failed"
    end=$(date +%s.%N)
    echo "$start $end" >"$1.gen"
    echo "bench: $(cat "$1.log") ($(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s)"
}

# 3. Engine vs reference, same file, same country.
for n in $SIZES; do
    f="$OUT/wdpa-$n.gpkg"
    generate "$f" "$n" "$COUNTRY,BBB"
    echo "bench: $n sites per country — synergia coverage run --country $COUNTRY"
    ours "$OUT/ours-$n" "$f" "$COUNTRY"
    echo "bench: $n sites per country — reference (geopandas/shapely)"
    reference "$OUT/ref-$n" "$f" "$COUNTRY"
    echo "bench: $n sites per country — reference with the engine's statistics (--statistics)"
    reference "$OUT/refstats-$n" "$f" "$COUNTRY" --statistics
    "$PY" bench/coverage_compare.py "$OUT/ours-$n.out" "$OUT/refstats-$n.out" >"$OUT/compare-$n.json" \
        || die "comparing the statistics at $n sites failed"
done

# 4. The ~300,000-site file: every country in one process (`--all-countries`: the file
#    is read once, countries run in parallel on all cores) — how an analyst runs it;
#    then, optionally, country after country in separate processes within a budget.
GLOBAL_DONE=0
if (( GLOBAL_COUNTRIES > 0 )); then
    codes=$("$PY" -c "import string,itertools; print(','.join(''.join(p) for p in itertools.islice(itertools.product('C', string.ascii_uppercase, string.ascii_uppercase), $GLOBAL_COUNTRIES)))")
    g="$OUT/wdpa-global.gpkg"
    generate "$g" "$GLOBAL_SITES" "$codes"
    echo "$codes" >"$OUT/global-countries.txt"
    rm -f "$OUT"/global-*.out "$OUT"/global-*.time "$OUT"/global-*.err
    echo "bench: large file, all $GLOBAL_COUNTRIES countries in one process (--all-countries, limit ${GLOBAL_LIMIT} s)"
    timed "$OUT/global-all" timeout "$GLOBAL_LIMIT" "$BIN" coverage run --wdpa "$g" --land "$g" --eez "$g" --all-countries \
        || die "coverage run --all-countries failed or passed ${GLOBAL_LIMIT} s on the large file"
fi
if (( GLOBAL_COUNTRIES > 0 && GLOBAL_BUDGET > 0 )); then
    loop_start=$(date +%s)
    for c in ${codes//,/ }; do
        elapsed=$(( $(date +%s) - loop_start ))
        (( elapsed < GLOBAL_BUDGET )) || break
        left=$(( GLOBAL_BUDGET - elapsed ))
        echo "bench: large file, country $c (${left} s of budget left)"
        # The last run is cut at the budget; a cut run is not counted.
        if timed "$OUT/global-$c" timeout "$left" "$BIN" coverage run --wdpa "$g" --land "$g" --eez "$g" --country "$c" --json; then
            GLOBAL_DONE=$((GLOBAL_DONE + 1))
        else
            rc=$?
            rm -f "$OUT/global-$c".*
            (( rc == 124 )) || die "coverage run failed on the large file for $c"
            echo "bench: budget spent during $c (not counted)"
            break
        fi
    done
fi

# 5. Table.
"$PY" - "$OUT" "$SIZES" "$MAX_DIFF" "$COUNTRY" "$GLOBAL_BUDGET" "$MAX_STAT_DIFF" <<'EOF'
import json, os, re, sys
sys.path.insert(0, "bench")
from timing import table, time_report
out, sizes, max_diff, country, budget = sys.argv[1], sys.argv[2].split(), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
max_stat_diff = float(sys.argv[6])

def stages(base):
    """Seconds between the stage lines the CLI prints on stderr (non-interactive progress)."""
    lines = [l.split(" ", 1) for l in open(base + ".err").read().splitlines() if " " in l]
    marks = [(float(ts), msg.split("  ")[0].strip()) for ts, msg in lines]
    out = {}
    for (ts, name), nxt in zip(marks, marks[1:] + [None]):
        if nxt is not None:
            out[name] = round(nxt[0] - ts, 2)
    return out

def gen_seconds(path):
    a, b = map(float, open(path + ".gen").read().split())
    return b - a

times, areas, results, failed = [], [], {"sizes": {}}, False
for n in sizes:
    o, r, rs = f"{out}/ours-{n}", f"{out}/ref-{n}", f"{out}/refstats-{n}"
    ours = json.load(open(o + ".out"))["coverage"]
    ref, refs = json.load(open(r + ".out")), json.load(open(rs + ".out"))
    to, tr, ts = time_report(o), time_report(r), time_report(rs)
    diff = {}
    for k_ours, k_ref in (("totalKm2", "total_km2"), ("landKm2", "land_km2"), ("marineKm2", "marine_km2")):
        for label, data in (("ref", ref), ("refstats", refs)):
            diff.setdefault(label, {})[k_ref] = 100 * (ours[k_ours] - data[k_ref]) / data[k_ref] if data[k_ref] else 0.0
    if any(abs(v) > max_diff for d in diff.values() for v in d.values()):
        failed = True
    stat = json.load(open(f"{out}/compare-{n}.json"))
    if stat["missing"] or stat["max_relative_diff"] > max_stat_diff:
        failed = True
        print(f"bench: statistics differ at {n} sites: {stat}", file=sys.stderr)
    results["sizes"][n] = {
        "ours": {**to, "stages": stages(o), "km2": {k: ours[k] for k in ("totalKm2", "landKm2", "marineKm2")}},
        "reference": {**tr, "stages": ref["stages_seconds"], "km2": {k: ref[k] for k in ("total_km2", "land_km2", "marine_km2")},
                      "versions": ref["versions"]},
        "reference_statistics": {**ts, "stages": refs["stages_seconds"]},
        "generation_s": gen_seconds(f"{out}/wdpa-{n}.gpkg"),
        "ratio_wall": tr["wall"] / to["wall"], "ratio_cpu": tr["cpu"] / to["cpu"],
        "ratio_statistics_wall": ts["wall"] / to["wall"], "ratio_statistics_cpu": ts["cpu"] / to["cpu"],
        "area_diff_pct": diff, "statistics_compared": stat}
    times.append([f"{n}/country",
                  f"{to['wall']:.2f}", f"{tr['wall']:.2f}", f"{tr['wall']/to['wall']:.2f}", f"{ts['wall']:.2f}", f"{ts['wall']/to['wall']:.2f}",
                  f"{to['cpu']:.2f}", f"{tr['cpu']:.2f}", f"{tr['cpu']/to['cpu']:.2f}", f"{ts['cpu']:.2f}", f"{ts['cpu']/to['cpu']:.2f}",
                  f"{to['rss_mb']:.0f}", f"{tr['rss_mb']:.0f}", f"{ts['rss_mb']:.0f}",
                  "/".join(f"{x['other_processes_cores']:.2f}" for x in (to, tr, ts))])
    areas.append([f"{n}/country", f"{ours['totalKm2']:.1f}", f"{ref['total_km2']:.1f}",
                  f"{diff['ref']['total_km2']:+.1e}", f"{diff['ref']['land_km2']:+.1e}", f"{diff['ref']['marine_km2']:+.1e}",
                  f"{diff['refstats']['total_km2']:+.1e}", f"{stat['figures']}", f"{stat['max_relative_diff']:.1e}"])

print(f"\nCountry {country}. ours = synergia coverage run (full result: totals, groups, time series);")
print("ref = geopandas/shapely, totals only; ref+st = like for like: the engine's order (clip once, flatten, split")
print("after) and every statistic of its result (--statistics). ratio = reference / ours (> 1: ours is faster).")
print("wall and cpu (user+sys) seconds and peak RSS ('Maximum resident set size') from /usr/bin/time -v;")
print("others = cores used by other processes during ours/ref/ref+st (/proc/stat); above ~0.2 the run shared the machine.\n")
table(["sites", "ours s", "ref s", "ref/ours", "ref+st s", "ref+st/ours",
       "ours cpu", "ref cpu", "ref/ours", "ref+st cpu", "ref+st/ours", "ours MB", "ref MB", "ref+st MB", "others"], times)
print("\nAreas: Δ = (ours − reference) / reference, in %.\n")
table(["sites", "ours total km²", "ref total km²", "Δtotal %", "Δland %", "Δmarine %", "Δtotal % (ref+st)",
       "statistics compared", "max rel Δ"], areas)
for n in sizes:
    s = results["sizes"][n]
    print(f"\n{n}/country — generation {s['generation_s']:.1f} s")
    print(f"  ours, stages (s): {s['ours']['stages']}")
    print(f"  ref, stages (s): {s['reference']['stages']}")
    print(f"  ref+st, stages (s): {s['reference_statistics']['stages']}")

codes_file = f"{out}/global-countries.txt"
if os.path.exists(f"{out}/global-all.time"):
    r = time_report(f"{out}/global-all")
    text = open(f"{out}/global-all.out").read()
    m = re.search(r"(\d+) countries in ([\d.]+) s", text)
    results["global_all"] = {"file": open(f"{out}/wdpa-global.gpkg.log").read().strip(), "wall": r["wall"], "cpu": r["cpu"], "rss_mb": r["rss_mb"],
                             "countries": int(m.group(1)) if m else None}
    print(f"\nLarge file, --all-countries in one process: {results['global_all']['countries']} countries, "
          f"{r['wall']:.1f} s wall ({r['wall'] / 60:.1f} min), {r['cpu']:.1f} s cpu, peak {r['rss_mb']:.0f} MB")
if budget > 0 and os.path.exists(codes_file):
    codes = open(codes_file).read().strip().split(",")
    done = [c for c in codes if os.path.exists(f"{out}/global-{c}.time")]
    g = f"{out}/wdpa-global.gpkg"
    log = open(g + ".log").read().strip()
    runs = {c: time_report(f"{out}/global-{c}") for c in done}
    total = sum(r["wall"] for r in runs.values())
    results["global"] = {"file": log, "generation_s": gen_seconds(g), "countries": len(codes), "done": len(done),
                         "budget_s": budget, "runs": runs, "stages": {c: stages(f"{out}/global-{c}") for c in done}}
    print(f"\nLarge file: {log} (generated in {gen_seconds(g):.1f} s)")
    print(f"`coverage run` country by country, budget {budget} s: {len(done)} of {len(codes)} countries done in {total:.1f} s")
    for c in done:
        r = runs[c]
        print(f"  {c}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s cpu, {r['rss_mb']:.0f} MB; stages {results['global']['stages'][c]}")
    if done and len(done) < len(codes):
        mean = total / len(done)
        results["global"]["extrapolated_all_s"] = mean * len(codes)
        print(f"EXTRAPOLATION (not measured): {len(codes)} countries × {mean:.1f} s mean = {mean * len(codes):.0f} s "
              f"({mean * len(codes) / 60:.1f} min) one after the other")
json.dump(results, open(f"{out}/results.json", "w"), indent=1)
print(f"\nAll figures: {out}/results.json")
if failed:
    print(f"bench: areas differ by more than {max_diff} % between engine and reference", file=sys.stderr)
    sys.exit(1)
EOF
