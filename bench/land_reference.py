#!/usr/bin/env python3
"""Reference implementation of SDG 15.3.1 (land degradation) in vectorised numpy.

Used by bench/run-land-bench.sh to time Synergia's engine (`synergia land run`,
docs/land-degradation.md) against numpy on the same generated stack, and to check
that both give identical class counts. It follows
the SDG 15.3.1 method (docs/land-degradation.md) with the engine's documented
choices where the method is silent, and its options' defaults:

  land cover: first vs last year of the period through the default 7x7 matrix;
  productivity from an annual NDVI series (or 5-class LPD rasters per period):
    trajectory = Mann-Kendall S, exact two-sided 95 % critical value (exact
    integer Mahonian counts), OLS slope > 0.001 NDVI/yr; state = decile classes
    (linear interpolation) of the baseline series (period minus its last 3 years)
    for the baseline mean and the recent (last 3 years) mean, +-1 when they differ
    by >= 2 classes, 0 when the means differ by <= 0.01 NDVI; performance = period
    mean / 90th percentile (nearest rank on means rounded to one raster unit) of
    the land unit (soil type x land cover of the period's last land-cover year)
    inside the AOI, <= 0.5 -> -1; the 5 LPD classes and LPD -> -1/0/+1;
  SOC: the reference stock propagated through every land-cover year (F_LU with
    the national climate factor or a climate raster, change spread over 20
    years from the earlier year, a new change replaces one under way), percent
    change between the period's years (rounded to 1e-9), +-10 %; water -> no data;
  one out, all out; status of each reporting period against the baseline;
  AOI by pixel centre (GDAL's rasterizer through rasterio, ALL_TOUCHED off);
  WGS84 ellipsoidal pixel area per row, summed as integer mm^2 (Python ints).

The raster is processed in strips of rows (`--rows`; by default about 262,144
pixels per strip: 64 rows at 4,000 columns, 26 at 10,000 — larger strips measured
up to 20 % slower, the arrays no longer fitting the CPU caches), each strip with whole-array
numpy operations (loops only over years, deciles and periods, never over pixels).
NDVI needs two passes over the stack, as in the engine: the performance
percentiles depend on every pixel of the AOI.

Prints one JSON object: pixel counts and km^2 per class per sub-indicator,
indicator, LPD and status, per period; transition areas; SOC stocks; stage times.

`--out DIR` also writes what the engine writes (bench/land_outputs.py): the 19 output
GeoTIFFs with the engine's creation options and the five CSV tables, so the timing covers
the same work.

`--count-outputs DIR --aoi-pixels N` instead counts the classes of the engine's
output rasters (DIR/P_*.tif) in the same JSON shape, for the comparison.
"""
import argparse
import json
import os
import math
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import rasterio  # noqa: E402
from rasterio.features import rasterize  # noqa: E402
from rasterio.windows import Window  # noqa: E402
from rasterio.windows import transform as window_transform  # noqa: E402

from land_outputs import RasterOutputs, values_of_codes, values_of_slots, write_tables  # noqa: E402

NODATA = -32768

# ---- Options (LandOptions defaults) -------------------------------------------------
PERIODS = [  # name, land cover start, end, productivity start, end
    ("baseline", 2000, 2015, 2001, 2015),
    ("report_2019", 2015, 2019, 2004, 2019),
    ("report_2023", 2015, 2022, 2008, 2023),
]
NDVI_SCALE = 10000.0
MK_ALPHA = 0.05
SLOPE_THRESHOLD = 0.001 * NDVI_SCALE          # NDVI units per year, scaled as the engine does
STATE_RECENT_YEARS = 3
STATE_CLASS_THRESHOLD = 2
STATE_MIN_DIFFERENCE = 0.01 * NDVI_SCALE
PERFORMANCE_PERCENTILE = 90.0
PERFORMANCE_RATIO = 0.5
NATIONAL_F = 0.69                             # temperate moist
CLIMATE_F = {1: 0.80, 2: 0.69, 3: 0.58, 4: 0.48, 5: 0.64}
SOC_SPREAD_YEARS = 20
SOC_THRESHOLD = 10.0

# Land cover transition matrix (rows initial, columns final), classes 1..7.
MATRIX = [
    [0, -1, -1, -1, -1, -1, 0],
    [1, 0, 1, -1, -1, -1, 0],
    [1, -1, 0, -1, -1, -1, 0],
    [-1, -1, -1, 0, -1, -1, 0],
    [1, 1, 1, 1, 0, 1, 0],
    [1, 1, 1, 1, -1, 0, 0],
    [0, 0, 0, 0, 0, 0, 0],
]

# Codes of the counted layers. Sub-indicators -1/0/+1 are stored as slot v+1, 3 = no data.
TRIPLE = ["-1", "0", "1", "nodata"]
LPD_LABELS = ["nodata", "1", "2", "3", "4", "5"]
STATUS_LABELS = ["nodata", "1", "2", "3", "4", "5", "6", "7"]


def soc_factor(a, b, f):
    """F_LU for a transition between classes 1..7 (method, SOC sub-indicator)."""
    if a in (1, 2):
        return [1, 1, f, 1, 0.1, 0.1, 1][b - 1]
    if a == 3:
        return [1 / f, 1 / f, 1, 1 / 0.71, 0.1, 0.1, 1][b - 1]
    if a == 4:
        return [1, 1, 0.71, 1, 0.1, 0.1, 1][b - 1]
    if a in (5, 6):
        return [2, 2, 2, 2, 1, 1, 1][b - 1]
    return 1


def critical_s(n, alpha=MK_ALPHA):
    """Smallest |S| with two-sided P(|S| >= s) <= alpha under H0, from the exact
    (integer) distribution of inversions of a random permutation; None if none is."""
    if n < 2:
        return None
    counts = [1]
    for k in range(2, n + 1):
        nxt = [0] * (len(counts) + k - 1)
        for q, c in enumerate(counts):
            for a in range(k):
                nxt[q + a] += c
        counts = nxt
    total, perms = n * (n - 1) // 2, math.factorial(n)
    best, s = None, total
    while s > 0:
        tail = sum(counts[: (total - s) // 2 + 1])   # S >= s  <=>  Q <= (total - s) / 2
        if 2 * tail * 1_000_000 <= round(alpha * 1_000_000) * perms:
            best = s
        else:
            break
        s -= 2
    return best


def round_half_away(x):
    """Round to the nearest integer, halves away from zero (Swift's .rounded()); exact."""
    r = np.trunc(x)
    f = x - r
    return r + (f >= 0.5) - (f <= -0.5)


def row_areas_mm2(t, height):
    """Per-row pixel area in integer mm^2 on the WGS84 ellipsoid (method, Areas)."""
    a, b = 6378137.0, 6356752.3142
    e = math.sqrt(1 - (b * b) / (a * a))

    def zone(phi):
        s = math.sin(phi * math.pi / 180)
        return math.pi * b * b * (math.atanh(e * s) / e + s / (1 - e * e * s * s))

    out = []
    for r in range(height):
        top, bottom = t.f + r * t.e, t.f + (r + 1) * t.e
        v = abs(zone(top) - zone(bottom)) * abs(t.a) / 360 * 1e6
        i = math.trunc(v)
        out.append(i + (1 if v - i >= 0.5 else 0))
    return out


class Counter:
    """Pixels per class per row for one layer; areas are exact sums of count x row area."""

    def __init__(self, height, classes):
        self.rows = np.zeros((height, classes), dtype=np.int64)
        self.k = classes

    def add(self, y0, h, row_of, code, sel=None):
        if sel is not None:
            row_of, code = row_of[sel], code[sel]
        c = np.bincount(row_of * self.k + code, minlength=h * self.k)
        self.rows[y0:y0 + h] += c.reshape(h, self.k)

    def counts(self):
        return [int(v) for v in self.rows.sum(axis=0)]

    def areas_mm2(self, areas):
        """Exact integer sums (Python ints: a 10,000-row raster's sum can pass int64)."""
        return [int(v) for v in self.rows.astype(object).T.dot(np.array(areas, dtype=object))]


def read_inputs(path):
    """inputs.json as Synergia reads it (docs/land-degradation.md, "inputs.json"); paths
    relative to the file's folder."""
    doc = json.load(open(path))
    here = os.path.dirname(os.path.abspath(path))
    at = lambda p: p if p is None or os.path.isabs(p) else os.path.join(here, p)
    lc = {int(y): at(p) for y, p in doc["land_cover"].items()}
    prod = doc["productivity"]
    ndvi, lpd = None, None
    if "ndvi" in prod:
        series = prod["ndvi"]
        if "file" in series:
            f = at(series["file"])
            with rasterio.open(f) as src:
                ndvi = {int(series["first_year"]) + i: (f, i + 1) for i in range(src.count)}
        else:
            ndvi = {int(y): (at(p), 1) for y, p in series["files"].items()}
    else:
        lpd = {k: at(p) for k, p in prod["lpd"].items()}
    return lc, ndvi, lpd, at(doc["soc"]), at(doc.get("climate")), at(doc.get("soil_type"))


class Layers:
    """Open datasets and windowed reads with the engine's no-data rules."""

    def __init__(self):
        self.open = {}

    def ds(self, path):
        if path not in self.open:
            self.open[path] = rasterio.open(path)
        return self.open[path]

    def read(self, path, band, win):
        return self.ds(path).read(band, window=win)

    def classes(self, path, win):
        """Land cover: int8 class 1..7, 0 no data, -1 not in the (identity) legend."""
        ds = self.ds(path)
        v = ds.read(1, window=win).astype(np.int32)
        nd = ds.nodata
        if nd is not None and nd != NODATA and float(nd).is_integer():
            v[v == int(nd)] = NODATA
        out = np.where((v >= 1) & (v <= 7), v, -1).astype(np.int8)
        out[v == NODATA] = 0
        return out

    def ints(self, path, win):
        ds = self.ds(path)
        v = ds.read(1, window=win).astype(np.int32)
        nd = ds.nodata
        if nd is not None and nd != NODATA and float(nd).is_integer():
            v[v == int(nd)] = NODATA
        return v

    def values(self, path, band, win):
        """Values and validity (no data, -32768 and NaN are invalid), native integer type kept."""
        ds = self.ds(path)
        v = ds.read(band, window=win)
        nd = ds.nodata
        if np.issubdtype(v.dtype, np.floating):
            v = v.astype(np.float32)
            ok = ~np.isnan(v)
            if nd is not None:
                ok &= v != np.float32(nd)
        else:
            ok = np.ones(v.shape, dtype=bool)
            if nd is not None:
                ok &= v != nd
        ok &= v != NODATA
        return v, ok


def ndvi_stack(layers, ndvi, years, win):
    vals, oks = zip(*(layers.values(ndvi[y][0], ndvi[y][1], win) for y in years))
    return np.stack(vals), np.stack(oks)


def productivity_lpd(x, ok, unit_p90, crit):
    """LPD class 1..5 (0 = no data) of every pixel from its NDVI series x (years, pixels)."""
    n = x.shape[0]
    valid = ok.all(axis=0)
    xf = x.astype(np.float64)
    # Trajectory: Mann-Kendall S and the OLS slope.
    s = np.zeros(x.shape[1], dtype=np.int16)
    for i in range(n - 1):
        d = x[i + 1:] - x[i]
        s += (d > 0).sum(axis=0, dtype=np.int16) - (d < 0).sum(axis=0, dtype=np.int16)
    total = np.zeros(x.shape[1])
    for k in range(n):
        total += xf[k]
    my = total / n
    mx = (n - 1) / 2
    sxy = np.zeros(x.shape[1])
    sxx = 0.0
    for k in range(n):
        dx = k - mx
        sxy += dx * (xf[k] - my)
        sxx += dx * dx
    slope = sxy / sxx if sxx > 0 else np.zeros_like(sxy)
    if crit is None:
        traj = np.zeros(x.shape[1], dtype=np.int8)
    else:
        sig = (np.abs(s) >= crit) & (np.abs(slope) > SLOPE_THRESHOLD)
        traj = (sig & (slope > 0)).astype(np.int8) - (sig & (slope < 0)).astype(np.int8)
    # State: decile classes of the baseline and recent means against the baseline series.
    nb = n - STATE_RECENT_YEARS
    base_sum = np.zeros(x.shape[1])
    for k in range(nb):
        base_sum += xf[k]
    recent_sum = np.zeros(x.shape[1])
    for k in range(nb, n):
        recent_sum += xf[k]
    mb, mr = base_sum / nb, recent_sum / STATE_RECENT_YEARS
    srt = np.sort(x[:nb], axis=0).astype(np.float64)
    cb = np.ones(x.shape[1], dtype=np.int8)
    cr = np.ones(x.shape[1], dtype=np.int8)
    for d in range(1, 10):
        if nb == 1:
            q = srt[0]
        else:
            h = (nb - 1.0) * (d * 10.0) / 100
            lo = math.floor(h)
            hi = min(lo + 1, nb - 1)
            q = srt[lo] + (h - lo) * (srt[hi] - srt[lo])
        cr[mr >= q] = d + 1
        cb[mb >= q] = d + 1
    diff = cr - cb
    state = (diff >= STATE_CLASS_THRESHOLD).astype(np.int8) - (diff <= -STATE_CLASS_THRESHOLD).astype(np.int8)
    state[np.abs(mr - mb) <= STATE_MIN_DIFFERENCE] = 0
    # Performance: period mean against the land unit's percentile.
    mean = total / n
    perf = np.where((unit_p90 > 0) & (mean / np.where(unit_p90 > 0, unit_p90, 1) <= PERFORMANCE_RATIO), -1, 0).astype(np.int8)
    # Combination into the 5 LPD classes.
    lpd = np.full(x.shape[1], 4, dtype=np.int8)
    t0 = traj == 0
    lpd[t0 & (state == 0) & (perf == -1)] = 3
    lpd[t0 & (state == -1) & (perf == 0)] = 2
    lpd[t0 & (state == -1) & (perf == -1)] = 1
    lpd[traj == 1] = 5
    lpd[(traj == 1) & (state == -1) & (perf == -1)] = 2
    lpd[traj == -1] = 1
    lpd[~valid] = 0
    return lpd, mean, valid


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", help="inputs.json as written by `synergia demo-data land`")
    ap.add_argument("--aoi", help="AOI GeoJSON (WGS84)")
    ap.add_argument("--rows", type=int, default=0,
                    help="rows per strip (default: about 262,144 pixels per strip, which measured fastest)")
    ap.add_argument("--out", metavar="DIR", help="also write what the engine writes: the output GeoTIFFs and CSV tables")
    ap.add_argument("--count-outputs", metavar="DIR", help="count the classes of the engine's output rasters instead")
    ap.add_argument("--aoi-pixels", type=int, help="with --count-outputs: pixels inside the AOI (for the no-data counts)")
    args = ap.parse_args()
    if args.count_outputs:
        return count_outputs(args.count_outputs, args.aoi_pixels, args.rows or 256)

    stages, t = {}, time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        stages[name] = round(now - t, 3)
        t = now

    lc_paths, ndvi, lpd_paths, soc_path, climate_path, soil_path = read_inputs(args.inputs)
    needed = sorted({y for p in PERIODS for y in (p[1], p[2])})
    lc_years = sorted(y for y in lc_paths if needed[0] <= y <= needed[-1])
    lc_index = {y: k for k, y in enumerate(lc_years)}
    layers = Layers()
    ref = layers.ds(lc_paths[needed[0]])
    if not (ref.crs and ref.crs.is_geographic):
        sys.exit("the reference handles geographic grids only")
    width, height, tr = ref.width, ref.height, ref.transform
    areas = row_areas_mm2(tr, height)
    shapes = [f["geometry"] for f in json.load(open(args.aoi))["features"]] if args.aoi else None
    crit = [critical_s(p[4] - p[3] + 1) for p in PERIODS]
    ndvi_years = sorted({y for p in PERIODS for y in range(p[3], p[4] + 1)}) if ndvi else []
    nidx = {y: k for k, y in enumerate(ndvi_years)}
    rows = args.rows or max(8, min(256, 262_144 // width))
    strips = [(y0, min(rows, height - y0)) for y0 in range(0, height, rows)]
    lap("setup")

    def strip_mask(y0, h):
        win = Window(0, y0, width, h)
        if shapes is None:
            return win, np.ones(h * width, dtype=bool)
        m = rasterize(shapes, out_shape=(h, width), transform=window_transform(win, tr), fill=0,
                      default_value=1, all_touched=False, dtype="uint8")
        return win, m.reshape(-1).astype(bool)

    def soil_of(win, n):
        if soil_path is None:
            return np.zeros(n, dtype=np.int64)
        s = layers.ints(soil_path, win).reshape(-1).astype(np.int64)
        s[s == NODATA] = 0
        return s

    # ---- Pass 1 (NDVI only): histograms of rounded period means per land unit ----
    offset, bins = int(NDVI_SCALE), 2 * int(NDVI_SCALE) + 1
    hist = [dict() for _ in PERIODS]
    if ndvi:
        for y0, h in strips:
            win, mask = strip_mask(y0, h)
            if not mask.any():
                continue
            x, ok = ndvi_stack(layers, ndvi, ndvi_years, win)
            x, ok = x.reshape(len(ndvi_years), -1)[:, mask], ok.reshape(len(ndvi_years), -1)[:, mask]
            soil = soil_of(win, h * width)[mask]
            for p, per in enumerate(PERIODS):
                cls = layers.classes(lc_paths[per[2]], win).reshape(-1)[mask]
                ks = [nidx[y] for y in range(per[3], per[4] + 1)]
                xs = x[ks]
                sel = (cls > 0) & ok[ks].all(axis=0)
                total = np.zeros(xs.shape[1])
                for k in range(len(ks)):
                    total += xs[k].astype(np.float64)
                b = np.clip(round_half_away(total[sel] / len(ks)).astype(np.int64) + offset, 0, bins - 1)
                unit = soil[sel] * 8 + cls[sel]
                for u in np.unique(unit):
                    c = np.bincount(b[unit == u], minlength=bins)
                    hist[p][int(u)] = hist[p].get(int(u), 0) + c
        lap("pass 1: performance percentiles")
    p90 = []
    for p in range(len(PERIODS)):
        d = {}
        for u, hcount in hist[p].items():
            total = int(hcount.sum())
            rank = max(1, math.ceil(PERFORMANCE_PERCENTILE / 100 * total))
            d[u] = float(int(np.searchsorted(np.cumsum(hcount), rank)) - offset)
        p90.append(d)

    # ---- Pass 2: every sub-indicator, the indicator and the status ----
    P = len(PERIODS)
    cnt = [{"land_cover": Counter(height, 4), "productivity": Counter(height, 4), "soc": Counter(height, 4),
            "sdg_15_3_1": Counter(height, 4), "lpd": Counter(height, 6), "status": Counter(height, 8),
            "status_3class": Counter(height, 4), "transitions": Counter(height, 49),
            "lpd_by_transition": Counter(height, 49 * 6), "soc_area": Counter(height, 49),
            "water": Counter(height, 1)} for _ in range(P)]
    outputs = RasterOutputs(args.out, ref, [per[0] for per in PERIODS]) if args.out else None
    aoi = Counter(height, 1)
    soc_kg = [[np.zeros(49), np.zeros(49)] for _ in range(P)]
    matrix = np.zeros((8, 8), dtype=np.int8)
    matrix[1:, 1:] = np.array(MATRIX, dtype=np.int8)
    zones = [NATIONAL_F] + [CLIMATE_F[z] for z in range(1, 6)]
    ftable = np.ones((6, 8, 8))
    for z, f in enumerate(zones):
        for a in range(1, 8):
            for b in range(1, 8):
                ftable[z, a, b] = soc_factor(a, b, f)
    lpd_sub = np.array([3, 0, 0, 1, 1, 2], dtype=np.int8)   # slot of LPD class 0..5 (0 = no data)
    collapse = np.array([3, 0, 0, 0, 1, 2, 2, 2], dtype=np.int8)   # status 0..7 -> slot
    status_of = np.array([[1, 3, 6], [2, 4, 6], [2, 5, 7]], dtype=np.int8)   # [baseline+1, report+1]
    for y0, h in strips:
        win, mask = strip_mask(y0, h)
        if not mask.any():
            continue
        row_of = (np.arange(h * width) // width)[mask]
        aoi.add(y0, h, row_of, np.zeros(row_of.size, dtype=np.int64))
        cls = [layers.classes(lc_paths[y], win).reshape(-1)[mask] for y in lc_years]
        if any((c < 0).any() for c in cls):
            sys.exit("land cover values outside the legend inside the AOI")
        soil = soil_of(win, h * width)[mask]
        # SOC stocks at every land-cover year.
        chain_ok = np.logical_and.reduce([c > 0 for c in cls])
        socv, sok = layers.values(soc_path, 1, win)
        ref_stock = socv.reshape(-1)[mask].astype(np.float64)
        soc_ok = chain_ok & sok.reshape(-1)[mask] & (ref_stock > 0)
        zone = np.zeros(ref_stock.size, dtype=np.int64)
        if climate_path:
            z = layers.ints(climate_path, win).reshape(-1)[mask]
            zone = np.where((z >= 1) & (z <= 5), z, 0)
        stock = ref_stock.copy()
        stocks = [stock.copy()]
        rate = np.zeros_like(stock)
        remaining = np.zeros(stock.size, dtype=np.int64)
        for k in range(len(lc_years) - 1):
            a, b = cls[k].astype(np.int64), cls[k + 1].astype(np.int64)
            change = a != b
            rate = np.where(change, stock * (ftable[zone, a.clip(0), b.clip(0)] - 1) / SOC_SPREAD_YEARS, rate)
            remaining = np.where(change, SOC_SPREAD_YEARS, remaining)
            steps = np.minimum(lc_years[k + 1] - lc_years[k], remaining)
            stock = stock + rate * steps
            remaining = remaining - steps
            stocks.append(stock.copy())
        if ndvi:
            x, ok = ndvi_stack(layers, ndvi, ndvi_years, win)
            x, ok = x.reshape(len(ndvi_years), -1)[:, mask], ok.reshape(len(ndvi_years), -1)[:, mask]
        base_sdg = None
        area_of_row = None
        for p, per in enumerate(PERIODS):
            ks, ke = lc_index[per[1]], lc_index[per[2]]
            a, b = cls[ks], cls[ke]
            lc_ok = (a > 0) & (b > 0)
            lc_sub = matrix[a.clip(0), b.clip(0)]
            if ndvi:
                ys = [nidx[y] for y in range(per[3], per[4] + 1)]
                unit = soil * 8 + np.maximum(b, 0)
                up = np.zeros(unit.size)
                for u, v in p90[p].items():
                    up[unit == u] = v
                lpd, _, _ = productivity_lpd(x[ys], ok[ys], up, crit[p])
            else:
                v = layers.ints(lpd_paths[per[0]], win).reshape(-1)[mask]
                lpd = np.where((v >= 1) & (v <= 5), v, 0).astype(np.int8)
            prod_slot = lpd_sub[lpd]
            prod_ok = lpd > 0
            water = (a == 7) | (b == 7)
            s0, s1 = stocks[ks], stocks[ke]
            soc_valid = soc_ok & ~water
            with np.errstate(divide="ignore", invalid="ignore"):
                pc = round_half_away((s1 - s0) / s0 * 100 * 1e9) / 1e9
            soc_sub = (pc >= SOC_THRESHOLD).astype(np.int8) - (pc <= -SOC_THRESHOLD).astype(np.int8)
            lc_slot = np.where(lc_ok, lc_sub + 1, 3).astype(np.int64)
            soc_slot = np.where(soc_valid, soc_sub + 1, 3).astype(np.int64)
            prod_v = prod_slot.astype(np.int8) - 1
            sdg_ok = lc_ok & prod_ok & soc_valid
            neg = (lc_sub == -1) | (prod_v == -1) | (soc_sub == -1)
            pos = (prod_v == 1) | ((prod_v == 0) & ((lc_sub == 1) | (soc_sub == 1)))
            sdg = np.where(neg, -1, np.where(pos, 1, 0)).astype(np.int8)
            sdg_slot = np.where(sdg_ok, sdg + 1, 3).astype(np.int64)
            c = cnt[p]
            c["land_cover"].add(y0, h, row_of, lc_slot)
            c["productivity"].add(y0, h, row_of, prod_slot.astype(np.int64))
            c["soc"].add(y0, h, row_of, soc_slot)
            c["sdg_15_3_1"].add(y0, h, row_of, sdg_slot)
            c["lpd"].add(y0, h, row_of, lpd.astype(np.int64))
            c["water"].add(y0, h, row_of[water], np.zeros(int(water.sum()), dtype=np.int64))
            tcode = (a.astype(np.int64) - 1) * 7 + (b.astype(np.int64) - 1)
            c["transitions"].add(y0, h, row_of, tcode, lc_ok)
            c["lpd_by_transition"].add(y0, h, row_of, tcode * 6 + lpd, lc_ok)
            # SOC stocks (t/ha x ha -> kg, rounded per pixel as the engine) by transition.
            sel = lc_ok & soc_valid
            c["soc_area"].add(y0, h, row_of, tcode, sel)
            if area_of_row is None:
                area_of_row = np.array(areas[y0:y0 + h], dtype=np.float64)[row_of]
            for j, s in ((0, s0), (1, s1)):
                kg = round_half_away(s[sel] * area_of_row[sel] * 1e-7)
                soc_kg[p][j] += np.bincount(tcode[sel], weights=kg, minlength=49)
            if outputs:
                for key, v in (("land_cover", values_of_slots(lc_slot)), ("lpd", values_of_codes(lpd)),
                               ("productivity", values_of_slots(prod_slot)), ("soc", values_of_slots(soc_slot)),
                               ("sdg_15_3_1", values_of_slots(sdg_slot))):
                    outputs.write(p, key, win, mask, v)
            if p == 0:
                base_sdg, base_ok = sdg, sdg_ok
            else:
                both = base_ok & sdg_ok
                st = np.where(both, status_of[base_sdg.clip(-1) + 1, sdg + 1], 0).astype(np.int64)
                c["status"].add(y0, h, row_of, st)
                c["status_3class"].add(y0, h, row_of, collapse[st].astype(np.int64))
                if outputs:
                    outputs.write(p, "status", win, mask, values_of_codes(st))
                    outputs.write(p, "status_3class", win, mask, values_of_slots(collapse[st]))
    lap("pass 2: indicators")

    def layer(counter, labels):
        return {"pixels": dict(zip(labels, counter.counts())),
                "km2": dict(zip(labels, (v / 1e12 for v in counter.areas_mm2(areas))))}

    periods, tables = [], []
    for p, per in enumerate(PERIODS):
        c = cnt[p]
        out = {"name": per[0]}
        for key in ("land_cover", "productivity", "soc", "sdg_15_3_1"):
            out[key] = layer(c[key], TRIPLE)
        out["lpd"] = layer(c["lpd"], LPD_LABELS)
        if p > 0:
            out["status"] = layer(c["status"], STATUS_LABELS)
            out["status_3class"] = layer(c["status_3class"], TRIPLE)
        tr_mm2 = c["transitions"].areas_mm2(areas)
        out["transition_km2"] = [[tr_mm2[i * 7 + j] / 1e12 for j in range(7)] for i in range(7)]
        out["transition_pixels"] = [[int(v) for v in row] for row in np.array(c["transitions"].counts()).reshape(7, 7)]
        out["water_km2"] = c["water"].areas_mm2(areas)[0] / 1e12
        out["soc_stock_t"] = {"initial": float(soc_kg[p][0].sum()) / 1000, "final": float(soc_kg[p][1].sum()) / 1000}
        periods.append(out)
        if outputs:
            lpd_tr = c["lpd_by_transition"].areas_mm2(areas)
            tables.append({**out, "lpd_by_transition_km2": [[v / 1e12 for v in lpd_tr[t * 6:t * 6 + 6]] for t in range(49)],
                           "soc_area_km2": [v / 1e12 for v in c["soc_area"].areas_mm2(areas)],
                           "soc_initial_t": [float(v) / 1000 for v in soc_kg[p][0]],
                           "soc_final_t": [float(v) / 1000 for v in soc_kg[p][1]]})
    if outputs:
        write_tables(args.out, aoi.areas_mm2(areas)[0] / 1e12, tables)
        outputs.close()
    lap("tables and outputs")
    result = {
        "aoi_pixels": aoi.counts()[0], "aoi_km2": aoi.areas_mm2(areas)[0] / 1e12,
        "grid": {"width": width, "height": height},
        "critical_s": crit, "unit_p90": [{str(k): v for k, v in sorted(d.items())} for d in p90],
        "periods": periods, "rows_per_strip": rows,
        "stages_seconds": stages, "seconds": round(time.perf_counter() - T0, 3),
        "versions": {"numpy": np.__version__, "rasterio": rasterio.__version__, "gdal": rasterio.__gdal_version__,
                     "python": sys.version.split()[0]},
    }
    json.dump(result, sys.stdout, indent=1)
    print()


def count_outputs(folder, aoi_pixels, rows):
    """Classes of the engine's output rasters, in the reference's JSON shape (pixels only)."""
    import os

    def counts(path, labels, codes):
        with rasterio.open(path) as ds:
            tot = np.zeros(65536, dtype=np.int64)
            for y0 in range(0, ds.height, rows):
                v = ds.read(1, window=Window(0, y0, ds.width, min(rows, ds.height - y0)))
                tot += np.bincount((v.astype(np.int64) + 32768).reshape(-1), minlength=65536)
        out = {lab: int(tot[c + 32768]) for lab, c in zip(labels, codes) if c is not None}
        known = sum(out.values())
        other = int(tot.sum() - tot[0] - known)   # values neither a class nor no data
        nd = [lab for lab, c in zip(labels, codes) if c is None][0]
        out[nd] = aoi_pixels - known
        return out, other

    periods, unexpected = [], {}
    for p, per in enumerate(PERIODS):
        name, out = per[0], {"name": per[0]}
        layers = [("land_cover", TRIPLE, [-1, 0, 1, None]), ("productivity", TRIPLE, [-1, 0, 1, None]),
                  ("soc", TRIPLE, [-1, 0, 1, None]), ("sdg_15_3_1", TRIPLE, [-1, 0, 1, None]),
                  ("lpd", LPD_LABELS, [None, 1, 2, 3, 4, 5])]
        if p > 0:
            layers += [("status", STATUS_LABELS, [None, 1, 2, 3, 4, 5, 6, 7]), ("status_3class", TRIPLE, [-1, 0, 1, None])]
        for key, labels, codes in layers:
            c, other = counts(os.path.join(folder, f"{name}_{key}.tif"), labels, codes)
            out[key] = {"pixels": c}
            if other:
                unexpected[f"{name}_{key}"] = other
        periods.append(out)
    json.dump({"aoi_pixels": aoi_pixels, "periods": periods, "unexpected_values": unexpected}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
