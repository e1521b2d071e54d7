#!/usr/bin/env bash
# `make bench` (land part): times Synergia's SDG 15.3.1 land-degradation engine
# (`synergia land run`) against a vectorised numpy reference of the same rules
# (bench/land_reference.py, reading with rasterio, writing the same GeoTIFFs and CSV
# tables through bench/land_outputs.py) on generated stacks, and checks that both give
# identical class counts, identical rasters pixel by pixel and the same CSV figures. Everything is written under bench-output/.
# Figures and how to read them: docs/benchmarks.md ("Land degradation").
#
# Environment (all optional):
#   BENCH_LAND_SIZES="4000 10000"  raster sides (N x N pixels, 1/360° each)
#   BENCH_LAND_SEED=1              generator seed
#   BENCH_LAND_ROWS=0              rows per strip of the numpy reference (0: ~262,144 pixels per strip)
#   BENCH_LAND_REGENERATE=1        regenerate stacks even if bench-output/land-N was made with the same size and seed
#   BENCH_MAX_AREA_DIFF=1e-9       fail when a km² figure differs by more (relative)
#   BENCH_MAX_CSV_DIFF=1e-7        fail when a CSV cell differs by more (relative; both print 6 decimals)
#   BENCH_SKIP_BUILD=1             use the existing .build-release binary
#   BENCH_BIN=path                 another synergia binary (implies nothing about the build)
set -euo pipefail
export PATH="$PATH:/opt/swift/usr/bin"
cd "$(dirname "$0")/.."

OUT=bench-output
BIN=${BENCH_BIN:-.build-release/release/synergia}
VENV=.venv-bench
SIZES=${BENCH_LAND_SIZES:-"4000 10000"}
SEED=${BENCH_LAND_SEED:-1}
ROWS=${BENCH_LAND_ROWS:-0}
MAX_DIFF=${BENCH_MAX_AREA_DIFF:-1e-9}
MAX_CSV_DIFF=${BENCH_MAX_CSV_DIFF:-1e-7}
mkdir -p "$OUT"
export SYNERGIA_DATABASE_URL="sqlite:$OUT/bench.sqlite"

die() { echo "bench: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

# 1. Release build in the background (separate scratch path, as the coverage bench).
BUILD_PID=
if [ -z "${BENCH_SKIP_BUILD:-}" ] && [ -z "${BENCH_BIN:-}" ]; then
    echo "bench: building the release CLI in the background (log: $OUT/build.log)"
    swift build -c release --scratch-path .build-release --product synergia >"$OUT/build.log" 2>&1 &
    BUILD_PID=$!
fi

# 2. Python environment for the reference: numpy and rasterio (its wheels bundle GDAL).
if ! "$VENV/bin/python" -c "import numpy, rasterio" 2>/dev/null; then
    echo "bench: installing numpy and rasterio into $VENV"
    if [ ! -x "$VENV/bin/python" ] && ! python3 -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        apt-get install -y python3-venv >/dev/null
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet numpy rasterio
fi
PY="$VENV/bin/python"

if [ -n "$BUILD_PID" ]; then
    echo "bench: waiting for the release build"
    wait "$BUILD_PID" || { tail -30 "$OUT/build.log" >&2; die "release build failed (see $OUT/build.log)"; }
fi
[ -x "$BIN" ] || die "$BIN not found (run without BENCH_SKIP_BUILD)"

# Runs a command under /usr/bin/time -v; stdout to $1.out, time report to $1.time, stderr to $1.err.
# Busy CPU time of the whole machine (/proc/stat, in clock ticks) before and after goes
# to $1.busy: what other processes used meanwhile tells whether the machine was shared.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
timed() {
    local base=$1 b0 rc=0; shift
    b0=$(busy)
    /usr/bin/time -v -o "$base.time" "$@" >"$base.out" 2>"$base.err" || rc=$?
    echo "$b0 $(busy) $(getconf CLK_TCK)" >"$base.busy"
    return $rc
}

for n in $SIZES; do
    d="$OUT/land-$n"
    # 3. The stack (reused when made with the same size and seed).
    if [ -n "${BENCH_LAND_REGENERATE:-}" ] || [ "$(cat "$d/.stamp" 2>/dev/null)" != "$n $SEED" ]; then
        rm -rf "$d"
        echo "bench: generating a ${n}x${n} stack into $d (seed $SEED)"
        start=$(date +%s.%N)
        "$BIN" demo-data land --size "${n}x${n}" --seed "$SEED" --out "$d" >"$OUT/land-gen-$n.log" || die "generation of $d failed"
        end=$(date +%s.%N)
        awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f\n", b-a}' >"$OUT/land-gen-$n.seconds"
        echo "$n $SEED" >"$d/.stamp"
    fi
    # 4. Ours: the full engine (13 GeoTIFFs, tables, CSV, XLSX), all cores.
    echo "bench: ${n}x${n} — synergia land run"
    timed "$OUT/land-ours-$n" "$BIN" land run --inputs "$d/inputs.json" --aoi "$d/aoi.geojson" \
        --out "$OUT/land-out-$n" --overwrite --json \
        || { tail -20 "$OUT/land-ours-$n.err" >&2; die "synergia land run failed on $d"; }
    # 5. The reference (numpy is slowed down by these on this machine; only unset here).
    echo "bench: ${n}x${n} — numpy reference"
    rm -rf "$OUT/land-refout-$n"
    timed "$OUT/land-ref-$n" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/land_reference.py \
        --inputs "$d/inputs.json" --aoi "$d/aoi.geojson" --rows "$ROWS" --out "$OUT/land-refout-$n" \
        || { tail -20 "$OUT/land-ref-$n.err" >&2; die "numpy reference failed on $d"; }
    # 6. Class counts of our output rasters (not timed).
    aoi_pixels=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['aoiPixels'])" "$OUT/land-out-$n/tables.json")
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/land_reference.py --count-outputs "$OUT/land-out-$n" \
        --aoi-pixels "$aoi_pixels" >"$OUT/land-ours-$n.counts.json" || die "counting $OUT/land-out-$n failed"
    # 7. Both output folders: every raster pixel by pixel, every CSV cell (not timed).
    "$PY" bench/land_outputs.py compare "$OUT/land-out-$n" "$OUT/land-refout-$n" >"$OUT/land-outputs-$n.json" \
        || die "comparing $OUT/land-out-$n with $OUT/land-refout-$n failed"
done

# 8. Comparison and table.
"$PY" - "$OUT" "$SIZES" "$MAX_DIFF" "$MAX_CSV_DIFF" <<'EOF'
import json, os, re, sys
sys.path.insert(0, "bench")
from timing import table, time_report
out, sizes, max_diff, max_csv_diff = sys.argv[1], sys.argv[2].split(), float(sys.argv[3]), float(sys.argv[4])

# km² of our tables.json, in the reference's layout.
def ours_km2(period):
    def triple(t):
        by = {r.get("code"): r["km2"] for r in t["rows"]}
        return {"-1": by.get(-1, 0.0), "0": by.get(0, 0.0), "1": by.get(1, 0.0), "nodata": by.get(None, 0.0)}
    def coded(t, n):
        by = {r.get("code"): r["km2"] for r in t["rows"]}
        return {("nodata" if c == 0 else str(c)): by.get(None if c == 0 else c, 0.0) for c in range(n)}
    r = {"land_cover": triple(period["landCover"]), "productivity": triple(period["productivity"]),
         "soc": triple(period["soc"]), "sdg_15_3_1": triple(period["indicator"]), "lpd": coded(period["lpdClasses"], 6)}
    if period.get("status"):
        r["status"] = coded(period["status"], 8)
        r["status_3class"] = triple(period["statusCollapsed"])
    return r

def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b)) if (a or b) else 0.0

rows, results, failed = [], {"sizes": {}}, False
for n in sizes:
    to, tr = time_report(f"{out}/land-ours-{n}"), time_report(f"{out}/land-ref-{n}")
    ref = json.load(open(f"{out}/land-ref-{n}.out"))
    ours_counts = json.load(open(f"{out}/land-ours-{n}.counts.json"))
    tables = json.load(open(f"{out}/land-out-{n}/tables.json"))
    mismatches, max_rel = [], 0.0
    if ours_counts["unexpected_values"]:
        mismatches.append(f"unexpected values in our rasters: {ours_counts['unexpected_values']}")
    if tables["aoiPixels"] != ref["aoi_pixels"]:
        mismatches.append(f"AOI pixels: ours {tables['aoiPixels']}, ref {ref['aoi_pixels']}")
    checks = [("AOI km²", tables["aoiAreaKm2"], ref["aoi_km2"])]
    for po, pc, pr in zip(tables["periods"], ours_counts["periods"], ref["periods"]):
        name = pr["name"]
        km2 = ours_km2(po)
        for layer, v in pc.items():
            if layer == "name":
                continue
            if v["pixels"] != pr[layer]["pixels"]:
                diff = {k: v["pixels"][k] - pr[layer]["pixels"][k] for k in v["pixels"] if v["pixels"][k] != pr[layer]["pixels"][k]}
                mismatches.append(f"{name} {layer} pixels: ours − ref = {diff}")
            for k, a in km2[layer].items():
                checks.append((f"{name} {layer} {k} km²", a, pr[layer]["km2"][k]))
        for i in range(7):
            for j in range(7):
                checks.append((f"{name} transition {i+1}{j+1} km²", po["transitionMatrixKm2"][i][j], pr["transition_km2"][i][j]))
        checks.append((f"{name} water km²", po["waterKm2"], pr["water_km2"]))
        checks.append((f"{name} SOC initial t", sum(r["initialStockT"] for r in po["socByTransition"]), pr["soc_stock_t"]["initial"]))
        checks.append((f"{name} SOC final t", sum(r["finalStockT"] for r in po["socByTransition"]), pr["soc_stock_t"]["final"]))
    for label, a, b in checks:
        d = rel(a, b)
        max_rel = max(max_rel, d)
        if d > max_diff:
            mismatches.append(f"{label}: ours {a!r}, ref {b!r} (relative {d:.2e})")
    files = json.load(open(f"{out}/land-outputs-{n}.json"))
    differing = sum(r["differing_pixels"] for r in files["rasters"].values())
    for name, r in files["rasters"].items():
        if r["differing_pixels"] or not r["same_layout"]:
            mismatches.append(f"raster {name}: {r['differing_pixels']} pixels differ, same layout {r['same_layout']}")
    csv_diff = max(t["max_relative_diff"] for t in files["tables"].values())
    for name, t in files["tables"].items():
        if t["rows_ours"] != t["rows_ref"] or t["differing_texts"] or t["max_relative_diff"] > max_csv_diff:
            mismatches.append(f"table {name}: {t}")
    if len(files["rasters"]) != 19 or len(files["tables"]) != 5:
        mismatches.append(f"expected 19 rasters and 5 CSV tables, found {len(files['rasters'])} and {len(files['tables'])}")
    if mismatches:
        failed = True
    gen = f"{out}/land-gen-{n}.seconds"
    results["sizes"][n] = {
        "pixels": int(n) ** 2, "aoi_pixels": ref["aoi_pixels"],
        "ours": to, "reference": {**tr, "stages": ref["stages_seconds"], "versions": ref["versions"],
                                  "rows_per_strip": ref["rows_per_strip"]},
        "ratio_wall": tr["wall"] / to["wall"], "ratio_cpu": tr["cpu"] / to["cpu"],
        "generation_s": float(open(gen).read()) if os.path.exists(gen) else None,
        "identical_counts": not any("pixels" in m for m in mismatches), "max_relative_km2_diff": max_rel,
        "compared_figures": len(checks), "mismatches": mismatches,
        "outputs": {"rasters": len(files["rasters"]), "differing_pixels": differing,
                    "bytes_ours": sum(r["bytes_ours"] for r in files["rasters"].values()),
                    "bytes_ref": sum(r["bytes_ref"] for r in files["rasters"].values()),
                    "csv_cells": sum(t["cells"] for t in files["tables"].values()), "csv_max_relative_diff": csv_diff},
        "proportion_degraded_percent": {p["period"]["name"]: p["proportionDegradedPercent"] for p in tables["periods"]}}
    rows.append([f"{n}x{n}", f"{to['wall']:.1f}", f"{tr['wall']:.1f}", f"{tr['wall']/to['wall']:.2f}",
                 f"{to['cpu']:.1f}", f"{tr['cpu']:.1f}", f"{tr['cpu']/to['cpu']:.2f}", f"{to['rss_mb']:.0f}", f"{tr['rss_mb']:.0f}",
                 f"{to['other_processes_cores']:.2f}/{tr['other_processes_cores']:.2f}", f"{differing}", f"{csv_diff:.0e}",
                 "yes" if not mismatches else "NO"])

print("\nours = synergia land run (all cores; writes 19 GeoTIFFs, 5 CSV tables, tables.json, summary.json, XLSX, Trends.Earth JSON);")
print("ref = bench/land_reference.py --out (numpy, one process; GDAL compresses on all cores; writes the same 19 GeoTIFFs")
print("      with the engine's creation options and the same 5 CSV tables, not the JSON and XLSX files).")
print("wall and cpu (user+sys) seconds and peak RSS ('Maximum resident set size') from /usr/bin/time -v;")
print("others = cores used by other processes during ours/ref (/proc/stat); above ~0.2 the run shared the machine.\n")
print("px diff = raster pixels that differ between the two output folders (19 rasters); csv Δ = largest relative")
print("difference of a CSV cell.\n")
table(["size", "ours s", "ref s", "ref/ours", "ours cpu", "ref cpu", "cpu ratio", "ours MB", "ref MB", "others",
       "px diff", "csv Δ", "identical"], rows)
for n in sizes:
    s = results["sizes"][n]
    print(f"\n{n}x{n}: {s['aoi_pixels']:,} pixels in the AOI; {s['compared_figures']} km²/t figures compared, "
          f"max relative difference {s['max_relative_km2_diff']:.1e}; reference stages {s['reference']['stages']}")
    for m in s["mismatches"]:
        print(f"  MISMATCH {m}")
json.dump(results, open(f"{out}/land-results.json", "w"), indent=1)
print(f"\nAll figures: {out}/land-results.json")
if failed:
    print("bench: engine and reference disagree (see MISMATCH lines)", file=sys.stderr)
    sys.exit(1)
EOF
