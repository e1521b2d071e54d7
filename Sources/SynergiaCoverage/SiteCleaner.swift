import Foundation
import SynergiaGeoBindings

/// A site after cleaning: polygonal geometry in the working CRS plus the
/// attributes the statistics group by.
struct CleanSite {
    let record: WDPARecord
    let geometry: Geometry
}

/// Why a record did not enter the statistics (counted in the result).
public enum ExclusionReason: String, Codable, Sendable, CaseIterable {
    case otherCountry = "other country"
    case status = "status not kept"
    case mab = "UNESCO-MAB Biosphere Reserve"
    case siteType = "site type not kept"
    case pointWithoutArea = "point without REP_AREA"
    case emptyGeometry = "no polygonal area after repair"
    case geometryError = "geometry error"
}

/// docs/methods/protected-area-coverage.md §Cleaning steps 1–5: filter records, buffer points, repair, project, snap.
struct SiteCleaner {
    let options: CoverageOptions
    let context: GEOSContext
    let frame: WorkingFrame
    let geodesic = Geodesic()

    struct Outcome {
        var sites: [CleanSite] = []
        var excluded: [ExclusionReason: Int] = [:]
        var repaired = 0
        var splitAtAntimeridian = 0
        var pointsBuffered = 0
        var geometryErrors: [String] = []
        /// The records of the country left out, each with its reason, for the per-site table
        /// (records of other countries are only counted).
        var excludedRecords: [(record: WDPARecord, reason: ExclusionReason)] = []
    }

    /// A record that names the country in ISO3 or PARENT_ISO3, whichever field the run selects on.
    static func names(_ r: WDPARecord, country: String) -> Bool {
        r.iso3.contains(country) || r.parentISO3.contains(country)
    }

    func exclusion(for r: WDPARecord, country: String) -> ExclusionReason? {
        let codes = options.countryField == .iso3 ? r.iso3 : r.parentISO3
        if !codes.contains(country) { return .otherCountry }
        if !options.statuses.contains(r.status) { return .status }
        if options.excludeMAB, r.designation.trimmedSpaces
            .caseInsensitiveCompare(WDPARecord.mabDesignation) == .orderedSame { return .mab }
        if !options.siteTypes.contains(r.siteType) { return .siteType }
        if r.geometryKind == .point, (r.reportedArea ?? 0) <= 0 { return .pointWithoutArea }
        return nil
    }

    func clean(_ records: [WDPARecord], country: String, progress: (CoverageProgress) -> Void) -> Outcome {
        var out = Outcome()
        for (i, r) in records.enumerated() {
            if i % 500 == 0 { progress(.init(stage: .cleaning, done: i, total: records.count)) }
            if let reason = exclusion(for: r, country: country) {
                out.excluded[reason, default: 0] += 1
                if Self.names(r, country: country) { out.excludedRecords.append((r, reason)) }
                continue
            }
            do {
                // A geometry that GEOS cannot handle is reported, never fatal.
                guard let g = try cleanGeometry(r, outcome: &out), !g.isEmpty else {
                    out.excluded[.emptyGeometry, default: 0] += 1
                    out.excludedRecords.append((r, .emptyGeometry))
                    continue
                }
                out.sites.append(CleanSite(record: r, geometry: g))
            } catch {
                out.excluded[.geometryError, default: 0] += 1
                out.excludedRecords.append((r, .geometryError))
                out.geometryErrors.append("site \(r.siteID) (\(r.source.layer) #\(r.source.featureID)): \(error)")
            }
        }
        progress(.init(stage: .cleaning, done: records.count, total: records.count))
        return out
    }

    private func cleanGeometry(_ r: WDPARecord, outcome: inout Outcome) throws -> Geometry? {
        let input = try context.geometry(wkb: r.geometry)
        let lonlat: Geometry
        if r.geometryKind == .point {
            lonlat = try circles(for: input, totalArea: r.reportedArea! * 1e6)
            outcome.pointsBuffered += 1
        } else {
            let repaired = try PolygonRepair.lonLat(input)
            if repaired.madeValid { outcome.repaired += 1 }
            if repaired.splitAtAntimeridian { outcome.splitAtAntimeridian += 1 }
            lonlat = repaired.geometry
        }
        if lonlat.isEmpty { return nil }
        var g = try PolygonRepair.project(lonlat, frame: frame)
        if let grid = options.snapGridMeters, grid > 0 {
            g = try g.snapped(toGrid: frame.gridSize(meters: grid)).polygonalParts()
        }
        return g
    }

    /// Step 3: each point becomes a geodesic circle; a multipoint shares REP_AREA equally.
    private func circles(for g: Geometry, totalArea: Double) throws -> Geometry {
        let points = g.type == .multiPoint ? try g.parts() : [g]
        let each = totalArea / Double(max(points.count, 1))
        var polys: [Geometry] = []
        for p in points where !p.isEmpty {
            let c = try p.pointXY()
            polys += try geodesicCircle(lon: c.x, lat: c.y, area: each)
        }
        if polys.count == 1 { return polys[0] }
        // Circles of one multipoint may overlap: union so the site is one valid polygonal geometry.
        return try context.unaryUnion(polys)
    }

    /// A polygon whose ellipsoidal area is `area` m². The radius starts at
    /// sqrt(A/π), is enlarged for the inscribed-polygon deficit, then corrected
    /// once by the measured geodesic area (the result is within ~1e-6).
    func geodesicCircle(lon: Double, lat: Double, area: Double) throws -> [Geometry] {
        let n = max(options.pointCircleVertices, 8)
        let polygonFactor = (2 * Double.pi / (Double(n) * sin(2 * Double.pi / Double(n)))).squareRoot()
        var radius = (area / Double.pi).squareRoot() * polygonFactor
        var ring: [Double] = []
        for pass in 0..<2 {
            ring = []
            for k in 0..<n {
                let d = geodesic.direct(lon: lon, lat: lat, azimuth: 360 * Double(k) / Double(n), distance: radius)
                // Unwrap longitudes around the centre so a circle across ±180° stays contiguous.
                ring += [lon + remainder(d.lon - lon, 360), d.lat]
            }
            if pass == 0 { radius *= (area / geodesic.ringArea(ring)).squareRoot() }
        }
        return try Antimeridian.cutAtAntimeridian(context.polygon(shell: ring))
    }
}
