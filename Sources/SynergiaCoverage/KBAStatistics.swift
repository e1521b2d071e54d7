import Foundation
import SynergiaGeoBindings

/// Measures each KBA of a country against the flattened coverage, in the same
/// working frame and with the same repair as the sites, so a KBA lying inside
/// a site reads exactly 100 %.
struct KBAStatistics {
    let options: CoverageOptions
    let context: GEOSContext
    let frame: WorkingFrame

    /// A KBA measured, with its shape (working frame) for the GeoPackage.
    struct Measured {
        let coverage: KBACoverage
        let shape: Geometry
    }

    /// - Parameter coverage: the flattened coverage as geometries that share no area (one per disjoint unit and realm).
    func measure(_ kbas: [KBARecord], country: String, regions: TerritoryRegions?, coverage: [Geometry]) throws -> (KBAResult, [Measured]) {
        let index = try SpatialIndex(coverage, context: context)
        var measured: [Measured] = []
        var result = KBAResult(kbas: [], meanPercent: nil, fullyCoveredCount: 0, fullyCoveredThresholdPercent: options.kbaFullyCoveredPercent,
                               withoutAreaInCountry: 0, geometriesRepaired: 0, antimeridianSplits: 0, geometryErrors: [])
        for kba in kbas.sorted(by: { ($0.id, $0.name) < ($1.id, $1.name) }) where kba.iso3.isEmpty || kba.iso3.contains(country) {
            do {
                let repaired = try PolygonRepair.lonLat(context.geometry(wkb: kba.geometry))
                if repaired.madeValid { result.geometriesRepaired += 1 }
                if repaired.splitAtAntimeridian { result.antimeridianSplits += 1 }
                let projected = try PolygonRepair.project(repaired.geometry, frame: frame)
                // Parts in the country: tiles of the territory are disjoint, so areas add up.
                let parts = try regions.map { try $0.land.clip(projected) + $0.marine.clip(projected) } ?? [projected]
                let area = try parts.reduce(0) { $0 + (try frame.area($1)) }
                guard area > 0 else { result.withoutAreaInCountry += 1; continue }
                var covered = 0.0
                for part in parts {
                    for i in index.query(part) where coverage[i].intersects(part) {
                        covered += try frame.area(part.intersection(coverage[i]).polygonalParts())
                    }
                }
                let percent = min(100, 100 * covered / area)
                let row = KBACoverage(id: kba.id, name: kba.name, areaKm2: area / 1e6, coveredKm2: min(covered, area) / 1e6,
                                      coveredPercent: percent, fullyCovered: percent >= options.kbaFullyCoveredPercent)
                measured.append(Measured(coverage: row, shape: parts.count == 1 ? parts[0] : try context.unaryUnion(parts)))
            } catch {
                result.geometryErrors.append("KBA \(kba.id) (\(kba.name)): \(error)")
            }
        }
        result.kbas = measured.map(\.coverage)
        result.fullyCoveredCount = result.kbas.count(where: \.fullyCovered)
        if !result.kbas.isEmpty { result.meanPercent = result.kbas.reduce(0) { $0 + $1.coveredPercent } / Double(result.kbas.count) }
        return (result, measured)
    }
}
