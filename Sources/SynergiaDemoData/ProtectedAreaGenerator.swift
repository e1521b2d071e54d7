import Foundation
import SynergiaCore
import SynergiaGeoBindings
import SynergiaCoverage

/// Writes a realistic WDPA-like GeoPackage for demos and tests
/// (`demo-data protected-areas`): layers `wdpa_poly`, `wdpa_point`, `land`, `eez`.
/// Contains nested and overlapping designations, multipolygons, bow-tie
/// (invalid) polygons, points with and without REP_AREA, multipoints,
/// coastal and transboundary sites, every STATUS value, STATUS_YR 0 and
/// 1900–2025, UNESCO-MAB reserves, and two records with bad attributes.
/// The same seed always produces the same content.
public struct ProtectedAreaGenerator: Sendable {
    public var seed: UInt64
    public init(seed: UInt64) { self.seed = seed }

    public struct Summary: Codable, Sendable {
        public var path: String
        public var countries: [String]
        public var polygons: Int
        public var points: Int
        public var layers: [String]
    }

    struct Site {
        var id: Int64, pid: String, isPA: Bool, name: String, desig: String, desigType: String
        var iucn: String, realm: Int, repArea: Double?, status: String, year: Int, gov: String
        var iso3: String, wkb: Data, isPoint: Bool
    }

    static let governance = ["Federal or national ministry or agency", "Sub-national ministry or agency",
                             "Indigenous peoples", "Local communities", "Individual landowners",
                             "Collaborative governance", "Not Reported"]
    static let statuses = ["Designated", "Inscribed", "Adopted", "Established", "Proposed", "Not Reported"]

    /// - Parameters:
    ///   - sites: sites per country (polygons + points), transboundary sites come on top.
    ///   - countries: ISO3 codes, laid out west to east along one coast.
    ///   - driver: GDAL driver ("GPKG"; also "ESRI Shapefile" to a directory, "OpenFileGDB" to a .gdb).
    public func write(to path: String, sites perCountry: Int = 200, countries: [String] = ["AAA", "BBB"],
                      schema: WDPASchemaVersion = .legacy, includeBadRecords: Bool = true,
                      driver: String = "GPKG") throws -> Summary {
        var rng = SeededRandom(seed: seed)
        let geo = GeneratorGeography(countries: countries)
        var sites: [Site] = []
        var nextID: Int64 = 1000
        for (ci, iso) in countries.enumerated() {
            let (w, e) = geo.span(ci)
            var previous: (lon: Double, lat: Double, r: Double)?
            for k in 0..<perCountry {
                nextID += 1
                var s = Self.attributes(id: nextID, iso3: iso, k: k, rng: &rng)
                var lon = rng.uniform(w + 0.05...e - 0.05), lat = rng.uniform(42.3...46.8)
                var r = rng.uniform(1...15)
                let roll = rng.uniform(0...1)
                var rings: [[[Double]]] = []
                switch roll {
                case ..<0.12 where previous != nil:            // nested inside / overlapping the previous site
                    lon = previous!.lon; lat = previous!.lat; r = previous!.r * rng.uniform(0.3...1.2)
                    rings = [[GeneratorGeography.starRing(lon: lon, lat: lat, radiusKm: r, rng: &rng)]]
                case ..<0.17:                                  // multipolygon
                    rings = (0..<rng.int(2...3)).map { _ in
                        [GeneratorGeography.starRing(lon: lon + rng.uniform(-0.3...0.3), lat: lat + rng.uniform(-0.2...0.2),
                                                     radiusKm: r / 2, rng: &rng)]
                    }
                case ..<0.22:                                  // invalid bow-tie
                    rings = [[GeneratorGeography.bowTie(lon: lon, lat: lat, radiusKm: r)]]
                case ..<0.35:                                  // coastal: straddles the coastline
                    lat = GeneratorGeography.coastLat(lon) + rng.uniform(-0.03...0.03)
                    rings = [[GeneratorGeography.starRing(lon: lon, lat: lat, radiusKm: r, rng: &rng)]]
                case ..<0.50:                                  // point (sometimes multipoint, sometimes no REP_AREA)
                    let xy = rng.chance(0.15) ? [lon, lat, lon + 0.1, lat + 0.05] : [lon, lat]
                    s.wkb = GeneratorGeography.wkbPoints(xy); s.isPoint = true
                    s.repArea = rng.chance(0.1) ? (rng.chance(0.5) ? 0 : nil) : rng.uniform(0.5...150)
                default:
                    rings = [[GeneratorGeography.starRing(lon: lon, lat: lat, radiusKm: r, rng: &rng)]]
                }
                if !s.isPoint {
                    s.wkb = GeneratorGeography.wkbMultiPolygon(rings)
                    s.repArea = (Double.pi * r * r * rng.uniform(0.9...1.1) * 100).rounded() / 100
                }
                let coast = GeneratorGeography.coastLat(lon)
                s.realm = abs(lat - coast) < 0.1 ? 1 : (lat > coast ? 0 : 2)
                previous = (lon, lat, r)
                sites.append(s)
            }
            // Transboundary sites across the border with the next country, on land and at sea.
            if ci + 1 < countries.count {
                for lat in [45.5, 46.3, 43.0] {
                    nextID += 1
                    var s = Self.attributes(id: nextID, iso3: "\(iso);\(countries[ci + 1])", k: 0, rng: &rng)
                    s.status = "Designated"; s.desig = "Transboundary Park"; s.desigType = "International"
                    s.realm = lat > 44.5 ? 0 : 2
                    s.wkb = GeneratorGeography.wkbMultiPolygon([[GeneratorGeography.starRing(lon: e, lat: lat, radiusKm: 12, rng: &rng)]])
                    s.repArea = 450
                    sites.append(s)
                }
            }
        }
        if includeBadRecords, let iso = countries.first {
            nextID += 1
            var bad = Self.attributes(id: nextID, iso3: iso, k: 0, rng: &rng)
            bad.status = "Gazetted"                       // not a WDPA STATUS: an error, record skipped
            bad.wkb = GeneratorGeography.wkbMultiPolygon([[GeneratorGeography.starRing(lon: 11, lat: 45, radiusKm: 3, rng: &rng)]])
            sites.append(bad)
            nextID += 1
            var odd = Self.attributes(id: nextID, iso3: iso, k: 0, rng: &rng)
            odd.iucn = "Category 2"                        // unknown IUCN_CAT: a warning, read as Not Reported
            odd.wkb = GeneratorGeography.wkbMultiPolygon([[GeneratorGeography.starRing(lon: 12, lat: 45.2, radiusKm: 3, rng: &rng)]])
            sites.append(odd)
        }
        try Self.writeFile(path: path, sites: sites, geo: geo, schema: schema, driver: driver)
        return Summary(path: path, countries: countries, polygons: sites.filter { !$0.isPoint }.count,
                       points: sites.filter { $0.isPoint }.count, layers: ["wdpa_poly", "wdpa_point", "land", "eez"])
    }

    static func attributes(id: Int64, iso3: String, k: Int, rng: inout SeededRandom) -> Site {
        // The first six sites of a country take every STATUS value in turn.
        let status = k < statuses.count ? statuses[k] : (rng.chance(0.8) ? "Designated" : statuses[rng.int(0...5)])
        let mab = rng.chance(0.03)
        let year = rng.chance(0.1) ? 0 : 2025 - Int(125 * pow(rng.uniform(0...1), 2))
        let iucn = IUCNCategory.allCases[rng.int(0...IUCNCategory.allCases.count - 1)].rawValue
        return Site(id: id, pid: String(id), isPA: rng.chance(0.85), name: "Site \(id)",
                    desig: mab ? WDPARecord.mabDesignation : ["National Park", "Nature Reserve", "Protected Landscape", "Marine Park"][rng.int(0...3)],
                    desigType: mab ? "International" : "National", iucn: iucn, realm: 0, repArea: nil,
                    status: status, year: year, gov: governance[rng.int(0...governance.count - 1)],
                    iso3: iso3, wkb: Data(), isPoint: false)
    }

    static func writeFile(path: String, sites: [Site], geo: GeneratorGeography, schema: WDPASchemaVersion, driver: String) throws {
        let legacy = schema == .legacy
        let fields: [(String, FieldType)] = [
            (legacy ? "WDPAID" : "SITE_ID", .integer64), (legacy ? "WDPA_PID" : "SITE_PID", .string),
            (legacy ? "PA_DEF" : "SITE_TYPE", .string), (legacy ? "NAME" : "NAME_ENG", .string),
            ("DESIG_ENG", .string), ("DESIG_TYPE", .string), ("IUCN_CAT", .string),
            (legacy ? "MARINE" : "REALM", .string), ("REP_AREA", .real), ("STATUS", .string),
            ("STATUS_YR", .integer64), ("GOV_TYPE", .string), ("ISO3", .string), (legacy ? "PARENT_ISO3" : "PRNT_ISO3", .string),
        ]
        func row(_ s: Site) -> (values: [FieldValue], wkb: Data?) {
            ([.int(s.id), .string(s.pid), .string(s.isPA ? "1" : "0"), .string(s.name), .string(s.desig),
              .string(s.desigType), .string(s.iucn), .string(String(s.realm)), s.repArea.map { .double($0) } ?? .null,
              .string(s.status), .int(Int64(s.year)), .string(s.gov), .string(s.iso3), .string(s.iso3)], s.wkb)
        }
        let srs = try SpatialReference(SpatialReference.wgs84)
        let w = try VectorWriter(path: path, driver: driver)
        try w.writeLayer(name: "wdpa_poly", srs: srs, geometry: .multiPolygon, fields: fields, rows: sites.filter { !$0.isPoint }.map(row))
        // Single-layer formats (GeoJSON) get the polygons only.
        if driver == "GeoJSON" { w.close(); return }
        // Points as MultiPoint, as in WDPA releases (and file geodatabases need one type per layer).
        try w.writeLayer(name: "wdpa_point", srs: srs, geometry: .multiPoint, fields: fields, rows: sites.filter { $0.isPoint }.map(row))
        let territoryFields: [(String, FieldType)] = [("ISO3", .string)]
        try w.writeLayer(name: "land", srs: srs, geometry: .multiPolygon, fields: territoryFields,
                         rows: geo.countries.indices.map { ([.string(geo.countries[$0])], GeneratorGeography.wkbMultiPolygon([[geo.landRing($0)]])) })
        try w.writeLayer(name: "eez", srs: srs, geometry: .multiPolygon, fields: territoryFields,
                         rows: geo.countries.indices.map { ([.string(geo.countries[$0])], GeneratorGeography.wkbMultiPolygon([[geo.eezRing($0)]])) })
        w.close()
    }
}
