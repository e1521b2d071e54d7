"""The coverage engine's statistics (docs/coverage.md, "Statistics") in shapely 2, in the
engine's order: the sites, cleaned and projected, are clipped to the territory once
(land ∪ EEZ; a site inside it is kept whole), flattened, and every union is split between
land and sea afterwards. Figures:

- total, land, marine: one cascaded union of every piece (`union_all`), split by realm;
- time series: the union of the sites designated up to each distinct STATUS_YR (a running
  union, one `union` per year), then STATUS_YR 0 ("unknown year") added last;
- PA/OECM and IUCN categories: each group's union (covered) and, taken in the engine's
  order, what it adds to the union of the groups before it (exclusive);
- governance types: each group's union (covered).

A union is split between the realms part by part: a part inside the land or inside the
sea (prepared `contains_properly`) goes to that realm whole; only the parts across the
coastline are intersected with the land, and their marine area is the rest, as pieces
never leave the territory. Areas are planar in the equal-area frame (m²).
"""
import time

import numpy as np
import pandas as pd
import shapely

SITE_TYPE_ORDER = ["PA", "OECM"]
IUCN_ORDER = ["Ia", "Ib", "II", "III", "IV", "V", "VI", "Not Applicable", "Not Assigned", "Not Reported"]


class RealmSplit:
    def __init__(self, land, marine):
        self.land, self.marine = land, marine
        shapely.prepare(land)
        shapely.prepare(marine)

    def areas(self, geometry):
        """(land m², marine m²) of one polygonal geometry lying inside the territory."""
        if geometry is None or shapely.is_empty(geometry):
            return 0.0, 0.0
        parts = shapely.get_parts(geometry)
        areas = shapely.area(parts)
        on_land = shapely.contains_properly(self.land, parts)
        at_sea = shapely.contains_properly(self.marine, parts)
        across = ~(on_land | at_sea)
        land = areas[on_land].sum() + shapely.area(shapely.intersection(parts[across], self.land)).sum()
        return float(land), float(areas.sum() - land)


def clip_to_territory(geoms, territory):
    """Each site's part inside the territory (whole when inside it) and the area left outside."""
    shapely.prepare(territory)
    inside = shapely.contains_properly(territory, geoms)
    clipped = geoms.copy()
    clipped[~inside] = shapely.intersection(geoms[~inside], territory)
    outside = float(shapely.area(geoms[~inside]).sum() - shapely.area(clipped[~inside]).sum())
    return clipped, outside


def statistics(sites, geoms, land, marine, polygonal):
    """The engine's result figures (km²) for the cleaned, projected sites `geoms`.
    `polygonal` keeps the polygonal parts of each geometry (intersections may add lines)."""
    stages, t = {}, time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        stages[name] = round(now - t, 3)
        t = now

    split = RealmSplit(land, marine)
    clipped, outside = clip_to_territory(geoms, shapely.union(land, marine))
    clipped = polygonal(clipped)
    present = np.array([g is not None for g in clipped], dtype=bool)
    present[present] = ~shapely.is_empty(clipped[present].astype(object))
    year = pd.to_numeric(sites["STATUS_YR"], errors="coerce").fillna(0).astype(int).values
    site_type = np.where(sites["PA_DEF"].astype(str).isin({"1", "PA"}), "PA", "OECM")
    iucn = sites["IUCN_CAT"].where(sites["IUCN_CAT"].isin(IUCN_ORDER), "Not Reported").values
    gov = sites["GOV_TYPE"].fillna("Not Reported").values
    pieces = clipped[present]
    lap("clip")

    def km2(areas):
        land, sea = areas
        return {"land": land / 1e6, "marine": sea / 1e6, "total": (land + sea) / 1e6}

    def unions(keys, order):
        keys = keys[present]
        return {k: shapely.union_all(pieces[keys == k]) for k in order if (keys == k).any()}

    def layered(keys, order, accumulate):
        """Per group in `order`: covered (its own union) and, with `accumulate`, what it adds."""
        own = unions(keys, order)
        out, running, before = {}, None, (0.0, 0.0)
        for k in order:
            n = int((keys == k).sum())
            if n == 0:
                continue
            covered = split.areas(own.get(k))
            entry = {"sites": n, "covered": km2(covered)}
            if accumulate:
                if k in own:
                    running = own[k] if running is None else shapely.union(running, own[k])
                    now = split.areas(running)
                else:
                    now = before
                entry["exclusive"] = km2((max(0.0, now[0] - before[0]), max(0.0, now[1] - before[1])))
                before = now
            out[k] = entry
        return out

    # Flatten: one union of every piece, split after.
    flattened = shapely.union_all(pieces)
    total = km2(split.areas(flattened))
    lap("flatten and split")

    # Time series: a running union over the distinct known years, unknown year last.
    years = sorted(int(y) for y in set(year) if y > 0)
    by_year = unions(year, years + [0])
    running, series = None, []
    for y in years:
        if y in by_year:
            running = by_year[y] if running is None else shapely.union(running, by_year[y])
        series.append({"year": y, "covered": km2(split.areas(running))})
    known = split.areas(running)
    if 0 in by_year:
        running = by_year[0] if running is None else shapely.union(running, by_year[0])
    everything = split.areas(running)
    unknown = km2((everything[0] - known[0], everything[1] - known[1]))
    lap("time series")
    site_types = layered(site_type, SITE_TYPE_ORDER, True)
    lap("site types")
    categories = layered(iucn, IUCN_ORDER, True)
    lap("IUCN categories")
    governance = layered(gov, sorted(set(gov)), False)
    lap("governance")

    return {
        "coverage": total,
        "coverage_from_series": km2(everything),
        "time_series": series,
        "unknown_year": unknown,
        "site_type": site_types,
        "iucn": categories,
        "governance": governance,
        "stages_seconds": stages,
        "site_area_outside_territory_km2": outside / 1e6,
        "pieces": int(present.sum()),
    }
