#!/usr/bin/env python3
"""Reference pipeline for protected-area coverage, written with geopandas/shapely.

Used by bench/run-coverage-bench.sh to time Synergia's engine (docs/coverage.md)
against the usual Python stack on the same GeoPackage. It follows the coverage method
(docs/coverage.md):

  read wdpa_poly + wdpa_point (legacy schema) -> filter (STATUS kept, no
  UNESCO-MAB, the country's ISO3 or PARENT_ISO3, points need REP_AREA > 0)
  -> points become geodesic circles whose WGS84 area is REP_AREA (72 vertices,
  multipoints share REP_AREA) -> make valid (structure method, polygonal parts)
  -> project to World Mollweide (ESRI:54009) -> union of the country's sites
  -> intersect with land and with EEZ minus land -> planar areas.

Without options it computes the totals only (total, land and marine km²). With
--statistics it does the engine's work in the engine's order (bench/coverage_statistics.py):
the sites clipped to the territory once, one flattening union split between land and
sea afterwards, and every figure of the engine's result — PA/OECM and IUCN categories
(covered and exclusive), governance types (covered), the cumulative time series by
STATUS_YR and the unknown-year area — so that the two compare like for like.

Prints one JSON object: {seconds, total_km2, land_km2, marine_km2, ..., statistics}.
"""
import argparse
import json
import sys
import time

T0 = time.perf_counter()

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyogrio  # noqa: E402
import shapely  # noqa: E402
from pyproj import Geod  # noqa: E402

from coverage_statistics import statistics  # noqa: E402

KEPT_STATUS = {"Designated", "Inscribed", "Established", "Adopted"}
MAB = "unesco-mab biosphere reserve"
EQUAL_AREA = "ESRI:54009"
CIRCLE_VERTICES = 72
GEOD = Geod(ellps="WGS84")
POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


def codes(value):
    """'AAA;BBB' -> {'AAA', 'BBB'} (';' or ',' separated, as the engine)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return set()
    return {c.strip().upper() for c in str(value).replace(",", ";").split(";") if c.strip()}


def polygonal(geoms):
    """Keep only the polygonal parts of each geometry (make_valid and intersections may add
    lines or points); None where nothing polygonal is left. Only collections need a loop."""
    geoms = np.asarray(geoms, dtype=object).copy()
    present = np.array([g is not None for g in geoms], dtype=bool)
    kind = np.full(len(geoms), -1)
    kind[present] = shapely.get_type_id(geoms[present])
    geoms[present & (kind != 3) & (kind != 6) & (kind != 7)] = None
    for i in np.flatnonzero(kind == 7):
        flat = shapely.get_parts(shapely.get_parts(geoms[i]))
        polys = [p for p in flat if shapely.get_type_id(p) == 3 and not p.is_empty]
        geoms[i] = shapely.MultiPolygon(polys) if polys else None
    keep = np.array([g is not None for g in geoms], dtype=bool)
    geoms[keep & np.array([g is not None and g.is_empty for g in geoms], dtype=bool)] = None
    return geoms


def make_valid(geoms):
    geoms = np.asarray(geoms, dtype=object)
    bad = ~shapely.is_valid(geoms)
    if bad.any():
        geoms = geoms.copy()
        try:
            geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
        except TypeError:
            # shapely < 2.1 (e.g. 2.0.1, which bundles the GEOS 3.11 the engine links) has only
            # the linework method: bow-ties repair differently, for timing on that GEOS only.
            geoms[bad] = shapely.make_valid(geoms[bad])
    return polygonal(geoms)


def geodesic_circles(lon, lat, area_m2, n=CIRCLE_VERTICES):
    """Polygons (lon/lat) whose WGS84 area is area_m2: radius sqrt(A/pi) enlarged for the
    inscribed-polygon deficit, then corrected once by the measured ellipsoidal area."""
    lon, lat, area_m2 = (np.asarray(a, dtype=float) for a in (lon, lat, area_m2))
    k = len(lon)
    if k == 0:
        return []
    az = np.tile(np.arange(n) * 360.0 / n, k)
    lon_r, lat_r = np.repeat(lon, n), np.repeat(lat, n)
    factor = np.sqrt(2 * np.pi / (n * np.sin(2 * np.pi / n)))
    radius = np.sqrt(area_m2 / np.pi) * factor
    for rnd in range(2):
        x, y, _ = GEOD.fwd(lon_r, lat_r, az, np.repeat(radius, n))
        x = lon_r + np.remainder(x - lon_r + 180.0, 360.0) - 180.0  # unwrap around the centre
        x, y = x.reshape(k, n), y.reshape(k, n)
        if rnd == 0:
            measured = np.array([abs(GEOD.polygon_area_perimeter(x[i], y[i])[0]) for i in range(k)])
            radius = radius * np.sqrt(area_m2 / measured)
    coords = np.stack([x, y], axis=-1)
    coords = np.concatenate([coords, coords[:, :1, :]], axis=1)  # close the rings
    return list(shapely.polygons(coords))


def buffer_points(points):
    """Each (multi)point -> one polygonal geometry of total area REP_AREA km²."""
    if len(points) == 0:
        return np.array([], dtype=object)
    owner, lons, lats, each = [], [], [], []
    for i, (g, rep) in enumerate(zip(points.geometry.values, points["REP_AREA"].values)):
        parts = [p for p in shapely.get_parts(g) if not p.is_empty]
        for p in parts:
            owner.append(i)
            lons.append(p.x)
            lats.append(p.y)
            each.append(rep * 1e6 / len(parts))
    circles = geodesic_circles(lons, lats, each)
    grouped = [[] for _ in range(len(points))]
    for i, c in zip(owner, circles):
        grouped[i].append(c)
    out = []
    for cs in grouped:
        if not cs:
            out.append(None)
        elif len(cs) == 1:
            out.append(cs[0])
        else:
            out.append(shapely.union_all(cs))
    # Circles crossing ±180° are not cut here (the generated data never reach it).
    return np.array(out, dtype=object)


def territory(path, layer, country, field):
    t = pyogrio.read_dataframe(path, layer=layer)
    t = t[t[field].map(lambda v: country in codes(v))]
    g = make_valid(t.geometry.values)
    g = gpd.GeoSeries(g, crs=t.crs).to_crs(EQUAL_AREA).values
    g = make_valid(np.asarray(g, dtype=object))
    return shapely.union_all(g[[x is not None for x in g]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wdpa", required=True)
    ap.add_argument("--land", required=True)
    ap.add_argument("--eez", required=True)
    ap.add_argument("--country", required=True)
    ap.add_argument("--country-field", choices=["ISO3", "PARENT_ISO3"], default="ISO3")
    ap.add_argument("--territory-field", default="ISO3")
    ap.add_argument("--statistics", action="store_true",
                    help="also compute what the engine's result holds (time series by STATUS_YR, "
                         "PA/OECM and IUCN exclusive areas, governance), the engine's way")
    args = ap.parse_args()
    country = args.country.strip().upper()
    stages = {}
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        stages[name] = round(now - t, 3)
        t = now

    # Read: every feature of both layers (the engine also reads and validates all of them).
    poly = pyogrio.read_dataframe(args.wdpa, layer="wdpa_poly")
    point = pyogrio.read_dataframe(args.wdpa, layer="wdpa_point")
    read = len(poly) + len(point)
    lap("read")

    # Filter (method steps 1-2, and points without REP_AREA).
    def keep(df):
        ok = df["STATUS"].isin(KEPT_STATUS)
        ok &= df["DESIG_ENG"].fillna("").str.strip().str.lower() != MAB
        ok &= df[args.country_field].map(lambda v: country in codes(v))
        ok &= df["PA_DEF"].astype(str).isin({"0", "1", "PA", "OECM"})
        return df[ok]

    poly = keep(poly)
    point = keep(point)
    point = point[point["REP_AREA"].fillna(0) > 0]
    lap("filter")

    # Step 3: points -> geodesic circles of area REP_AREA.
    circles = buffer_points(point)
    lap("buffer")

    # Step 4: make valid (structure), polygonal parts only.
    sites = pd.concat([poly.drop(columns="geometry"), point.drop(columns="geometry")], ignore_index=True)
    geoms = np.concatenate([make_valid(poly.geometry.values), circles])
    lap("make_valid")

    # Step 5: World Mollweide; re-validate what projection broke.
    present = np.array([g is not None for g in geoms], dtype=bool)
    projected = np.asarray(gpd.GeoSeries(geoms[present], crs="EPSG:4326").to_crs(EQUAL_AREA).values, dtype=object)
    geoms = np.full(len(geoms), None, dtype=object)
    geoms[present] = make_valid(projected)
    present = np.array([g is not None for g in geoms], dtype=bool)
    sites, geoms = sites[present].reset_index(drop=True), geoms[present]
    lap("project")

    land = territory(args.land, "land", country, args.territory_field)
    eez = territory(args.eez, "eez", country, args.territory_field)
    marine = shapely.difference(eez, land)
    lap("territory")

    extra = {}
    if args.statistics:
        stats = statistics(sites, geoms, land, marine, polygonal)
        land_km2, marine_km2 = stats["coverage"]["land"], stats["coverage"]["marine"]
        extra = {"statistics": stats}
        lap("statistics")
    else:
        # Step 6: flatten overlaps (cascaded union), then steps 7-8: split by land / EEZ - land.
        union = shapely.union_all(geoms)
        lap("union")
        land_km2 = shapely.area(shapely.intersection(union, land)) / 1e6
        marine_km2 = shapely.area(shapely.intersection(union, marine)) / 1e6
        lap("intersect_area")

    print(json.dumps({
        "seconds": round(time.perf_counter() - T0, 3),
        "total_km2": land_km2 + marine_km2,
        "land_km2": land_km2,
        "marine_km2": marine_km2,
        "country": country,
        "features_read": read,
        "sites_used": len(geoms),
        "mode": "statistics" if args.statistics else "coverage",
        "stages_seconds": stages,
        **extra,
        "versions": {"geopandas": gpd.__version__, "shapely": shapely.__version__,
                     "geos": shapely.geos_version_string, "pyogrio": pyogrio.__version__,
                     "gdal": pyogrio.__gdal_version_string__},
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - report and fail
        print(f"coverage_reference.py: {exc}", file=sys.stderr)
        sys.exit(1)
