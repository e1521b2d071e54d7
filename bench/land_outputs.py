"""What `synergia land run` writes, written by the numpy reference (bench/land_reference.py
--out DIR) so the benchmark times the same work: per period the land-cover, LPD,
productivity, SOC and SDG 15.3.1 rasters, per reporting period the status in 7 and in
3 classes (19 GeoTIFFs for the default periods), and the five CSV tables.

The GeoTIFFs use the engine's creation options (RasterInt16Writer, compression `.fast`):
Int16, tiled 256 x 256, DEFLATE level 1 without predictor, BIGTIFF=IF_SAFER, no data
-32768 outside the AOI and where a layer has no value. GDAL compresses the tiles on as
many threads as the machine has (NUM_THREADS=ALL_CPUS), which leaves the file unchanged.
The CSV files have the engine's columns, rows, labels and number format (LandTableWriter).
"""
import csv
import os

import numpy as np
import rasterio

NODATA = -32768
PERIOD_LAYERS = ["land_cover", "lpd", "productivity", "soc", "sdg_15_3_1"]
STATUS_LAYERS = ["status", "status_3class"]
CLASS_NAMES = ["Tree-covered", "Grassland", "Cropland", "Wetland", "Artificial", "Other land", "Water body"]
TRIPLE_ROWS = [("-1", "Degraded"), ("0", "Stable"), ("1", "Improved"), ("", "No data")]
LPD_ROWS = [("1", "Declining"), ("2", "Moderate decline"), ("3", "Stressed"), ("4", "Stable"), ("5", "Increasing"),
            ("", "No data")]
STATUS_ROWS = [("1", "Persistent degradation"), ("2", "Recent degradation"), ("3", "Baseline degradation persisting"),
               ("4", "Stable"), ("5", "Baseline improvement"), ("6", "Recent improvement"),
               ("7", "Persistent improvement"), ("", "No data")]


class RasterOutputs:
    """The output GeoTIFFs of every period, written strip by strip."""

    def __init__(self, folder, template, period_names):
        os.makedirs(folder, exist_ok=True)
        profile = {"driver": "GTiff", "dtype": "int16", "count": 1, "width": template.width,
                   "height": template.height, "crs": template.crs, "transform": template.transform,
                   "nodata": NODATA, "tiled": True, "blockxsize": 256, "blockysize": 256,
                   "compress": "deflate", "zlevel": 1, "bigtiff": "IF_SAFER", "num_threads": "ALL_CPUS"}
        self.width = template.width
        self.files = []
        self.layers = []
        for k, name in enumerate(period_names):
            keys = PERIOD_LAYERS + (STATUS_LAYERS if k > 0 else [])
            ds = {key: rasterio.open(os.path.join(folder, f"{name}_{key}.tif"), "w", **profile) for key in keys}
            self.layers.append(ds)
            self.files += ds.values()

    def write(self, period, key, window, mask, values):
        """values: one per AOI pixel of the strip (mask), NODATA where the layer has none."""
        full = np.full(window.height * self.width, NODATA, dtype=np.int16)
        full[mask] = values
        self.layers[period][key].write(full.reshape(window.height, self.width), 1, window=window)

    def close(self):
        for ds in self.files:
            ds.close()


def values_of_slots(slots):
    """Sub-indicator slots (v + 1, 3 = no data) -> raster values -1/0/+1 or NODATA."""
    return np.where(slots == 3, NODATA, slots.astype(np.int16) - 1)


def values_of_codes(codes):
    """LPD or status codes (0 = no data) -> raster values."""
    return np.where(codes == 0, NODATA, codes.astype(np.int16))  # int8 codes would wrap NODATA to 0


def num(v):
    return f"{v:.6f}"


def write_tables(folder, aoi_km2, periods):
    """The engine's five CSV tables from the reference's per-period figures.

    periods: dicts with name, km2 per layer (the reference's labels), transition_km2 (7x7),
    lpd_by_transition_km2 (49 x 6, no data first), soc_area_km2 / soc_initial_t / soc_final_t
    (49 each), water_km2."""
    def pct(v):
        return 100 * v / aoi_km2 if aoi_km2 > 0 else 0.0

    def rows_of(km2, rows, key_of):
        return [(code, label, km2[key_of(code)]) for code, label in rows]

    triple_key = lambda c: c if c else "nodata"  # noqa: E731
    areas = [["period", "table", "code", "class", "km2", "percent"]]
    matrix = [["period", "from_code", "from", "to_code", "to", "km2"]]
    prod = [["period", "transition", "from", "to", "lpd_no_data_km2", "declining_km2", "moderate_decline_km2",
             "stressed_km2", "stable_km2", "increasing_km2"]]
    soc = [["period", "transition", "from", "to", "area_km2", "initial_stock_t", "final_stock_t", "change_t",
            "change_percent"]]
    summary = [["period", "degraded_km2", "stable_km2", "improved_km2", "no_data_km2", "water_km2",
                "denominator_km2", "proportion_degraded_percent"]]
    for p in periods:
        n = p["name"]
        tables = [("land cover sub-indicator", p["land_cover"], TRIPLE_ROWS, triple_key),
                  ("productivity sub-indicator", p["productivity"], TRIPLE_ROWS, triple_key),
                  ("SOC sub-indicator", p["soc"], TRIPLE_ROWS, triple_key),
                  ("SDG 15.3.1", p["sdg_15_3_1"], TRIPLE_ROWS, triple_key),
                  ("LPD classes", p["lpd"], LPD_ROWS, triple_key)]
        if "status" in p:
            tables += [(f"status {n}", p["status"], STATUS_ROWS, triple_key),
                       (f"status (3 classes) {n}", p["status_3class"], TRIPLE_ROWS, triple_key)]
        for table, km2, rows, key_of in tables:
            for code, label, v in rows_of(km2["km2"], rows, key_of):
                areas.append([n, table, code, label, num(v), num(pct(v))])
        for i in range(7):
            for j in range(7):
                matrix.append([n, str(i + 1), CLASS_NAMES[i], str(j + 1), CLASS_NAMES[j], num(p["transition_km2"][i][j])])
        for t in range(49):
            i, j = divmod(t, 7)
            code, names = str(10 * (i + 1) + j + 1), [CLASS_NAMES[i], CLASS_NAMES[j]]
            prod.append([n, code, *names, *(num(v) for v in p["lpd_by_transition_km2"][t])])
            initial, final = p["soc_initial_t"][t], p["soc_final_t"][t]
            change = final - initial
            soc.append([n, code, *names, num(p["soc_area_km2"][t]), num(initial), num(final), num(change),
                        num(100 * change / initial) if initial > 0 else ""])
        s = p["sdg_15_3_1"]["km2"]
        denominator = s["-1"] + s["0"] + s["1"]
        summary.append([n, num(s["-1"]), num(s["0"]), num(s["1"]), num(s["nodata"]), num(p["water_km2"]),
                        num(denominator), num(100 * s["-1"] / denominator if denominator > 0 else 0.0)])
    for name, rows in (("area_by_class.csv", areas), ("land_cover_transitions.csv", matrix),
                       ("productivity_by_transition.csv", prod), ("soc_by_transition.csv", soc),
                       ("sdg_15_3_1_summary.csv", summary)):
        with open(os.path.join(folder, name), "w", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)


def layout(ds):
    """What the creation options leave in a GeoTIFF, to check both sides wrote the same kind of file."""
    tags = ds.tags(ns="IMAGE_STRUCTURE")
    return {"dtype": ds.dtypes[0], "bands": ds.count, "size": [ds.width, ds.height], "nodata": ds.nodata,
            "blocks": [list(b) for b in ds.block_shapes], "compression": tags.get("COMPRESSION"),
            "predictor": tags.get("PREDICTOR", "1"), "interleave": tags.get("INTERLEAVE")}


def compare(ours, ref, rows=512):
    """Every GeoTIFF pixel by pixel and every CSV cell of two output folders (as JSON)."""
    import json
    import sys
    rasters, tables = {}, {}
    for name in sorted(f for f in os.listdir(ours) if f.endswith(".tif")):
        with rasterio.open(os.path.join(ours, name)) as a, rasterio.open(os.path.join(ref, name)) as b:
            differing = 0
            for y0 in range(0, a.height, rows):
                w = rasterio.windows.Window(0, y0, a.width, min(rows, a.height - y0))
                differing += int((a.read(1, window=w) != b.read(1, window=w)).sum())
            rasters[name] = {"differing_pixels": differing, "layout_ours": layout(a), "same_layout": layout(a) == layout(b),
                             "bytes_ours": os.path.getsize(a.name), "bytes_ref": os.path.getsize(b.name)}
    for name in sorted(f for f in os.listdir(ours) if f.endswith(".csv")):
        a = list(csv.reader(open(os.path.join(ours, name))))
        b = list(csv.reader(open(os.path.join(ref, name))))
        worst, texts, cells = 0.0, [], 0
        head = a[0] if a else []
        for ra, rb in zip(a, b):
            for column, x, y in zip(head, ra, rb):
                cells += 1
                try:
                    fx, fy = float(x), float(y)
                    scale = max(abs(fx), abs(fy))
                    if column == "change_t":
                        # A difference of two stocks: judged against the stocks, which both
                        # sides sum from per-pixel values rounded to the kilogram.
                        scale = max(scale, abs(float(ra[head.index("initial_stock_t")])))
                    d = abs(fx - fy) / scale if fx != fy else 0.0
                    worst = max(worst, d if scale >= 1 else abs(fx - fy))
                except ValueError:
                    if x != y:
                        texts.append([x, y])
        tables[name] = {"rows_ours": len(a), "rows_ref": len(b), "cells": cells, "identical_lines": sum(x == y for x, y in zip(a, b)),
                        "max_relative_diff": worst, "differing_texts": texts[:5]}
    json.dump({"rasters": rasters, "tables": tables}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 4 or sys.argv[1] != "compare":
        sys.exit("usage: land_outputs.py compare OURS_FOLDER REFERENCE_FOLDER")
    compare(sys.argv[2], sys.argv[3])
