#!/usr/bin/env python3
"""Compares every figure of `synergia coverage run --json` with the reference's
--statistics output: the totals, the area left outside the territory, every group of
PA/OECM, IUCN categories and governance types (site counts, covered and exclusive land,
marine and total km²), every year of the time series and the unknown-year area.

Usage: coverage_compare.py OURS.json REFERENCE.json -> JSON {figures, max_relative_diff,
worst, missing} on stdout. A figure is compared by its relative difference, or by its
absolute difference in km² when both are under 1 km².
"""
import json
import sys

REALMS = (("landKm2", "land"), ("marineKm2", "marine"), ("totalKm2", "total"))


def compare(ours, ref):
    stats = ref["statistics"]
    figures, missing = [], []

    def add(label, a, b):
        d = abs(a - b)
        if max(abs(a), abs(b)) >= 1:
            d /= max(abs(a), abs(b))
        figures.append((label, a, b, d))

    def areas(label, engine, reference):
        for k_ours, k_ref in REALMS:
            add(f"{label} {k_ref}", engine.get(k_ours) or 0.0, reference[k_ref])

    areas("coverage", ours["coverage"], stats["coverage"])
    add("area outside the territory", ours["input"]["siteAreaOutsideTerritoryKm2"], stats["site_area_outside_territory_km2"])
    for engine_key, ref_key in (("bySiteType", "site_type"), ("byIUCNCategory", "iucn"), ("byGovernanceType", "governance")):
        groups = {g["key"]: g for g in ours[engine_key]}
        if set(groups) != set(stats[ref_key]):
            missing.append(f"{engine_key}: ours {sorted(groups)}, ref {sorted(stats[ref_key])}")
        for key, g in groups.items():
            r = stats[ref_key].get(key)
            if r is None:
                continue
            add(f"{ref_key} {key} sites", g["sites"], r["sites"])
            areas(f"{ref_key} {key} covered", g["covered"], r["covered"])
            if "exclusive" in g and g["exclusive"] is not None:
                areas(f"{ref_key} {key} exclusive", g["exclusive"], r["exclusive"])
    series = {p["year"]: p for p in stats["time_series"]}
    if [p["year"] for p in ours["timeSeries"]] != sorted(series):
        missing.append("time series years differ")
    for p in ours["timeSeries"]:
        if p["year"] in series:
            areas(f"year {p['year']}", p["covered"], series[p["year"]]["covered"])
    areas("unknown year", ours["unknownYear"], stats["unknown_year"])
    worst = max(figures, key=lambda f: f[3])
    return {"figures": len(figures), "max_relative_diff": worst[3], "worst": list(worst), "missing": missing,
            "series_points": len(ours["timeSeries"])}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: coverage_compare.py OURS.json REFERENCE.json")
    ours = json.load(open(sys.argv[1]))
    json.dump(compare(ours, json.load(open(sys.argv[2]))), sys.stdout, indent=1)
    print()
