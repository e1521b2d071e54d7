import Foundation
import SynergiaGeoBindings

/// The geometry behind a result, in EPSG:4326, for `CoverageGeoPackage`:
/// the flattened coverage dissolved per realm, and the KBAs with their coverage.
public struct CoverageLayers: Sendable {
    public struct Realm: Sendable {
        /// "land", "marine", or "total" when the run had no land/EEZ.
        public var realm: String
        /// Measured in the working frame before transforming back, so the values add up to the run's total.
        public var areaKm2: Double
        public var wkb: Data
    }
    public struct KBA: Sendable {
        public var coverage: KBACoverage
        public var wkb: Data
    }

    /// A row of the per-site table and the site's geometry as used (nil for a record left out).
    public struct Site: Sendable {
        public var row: SiteRow
        public var wkb: Data?
    }

    public var country: String
    public var coverage: [Realm]
    /// Every record of the country, in the order of (WDPAID, WDPA_PID, layer, feature id).
    public var sites: [Site]
    /// nil when the run had no KBA layer; empty when the country has no KBA.
    public var kbas: [KBA]?

    /// Dissolves the per-unit unions into one geometry per realm and transforms everything back to lon/lat.
    init(country: String, flattened: [(realm: PieceRealm, geometry: Geometry)], kbas: [KBAStatistics.Measured]?,
         sites: [(row: SiteRow, geometry: Geometry?)], frame: WorkingFrame, context: GEOSContext) throws {
        self.country = country
        coverage = []
        for realm in PieceRealm.allCases {
            let parts = flattened.filter { $0.realm == realm }.map(\.geometry)
            if parts.isEmpty { continue }
            let dissolved = try context.unaryUnion(parts.map { try $0.clone() })
            let area = try frame.area(dissolved)
            if area <= 0 { continue }
            coverage.append(Realm(realm: Self.name(realm), areaKm2: area / 1e6, wkb: try Self.lonLatWKB(dissolved, frame: frame)))
        }
        self.kbas = try kbas?.map { KBA(coverage: $0.coverage, wkb: try Self.lonLatWKB($0.shape, frame: frame)) }
        self.sites = try sites.map { Site(row: $0.row, wkb: try $0.geometry.map { try Self.lonLatWKB($0, frame: frame) }) }
    }

    /// MultiPolygon always, as the GeoPackage layers declare.
    private static func lonLatWKB(_ g: Geometry, frame: WorkingFrame) throws -> Data {
        let lonLat = try frame.unproject(g)
        // The collection takes ownership of its part: hand it a copy, `lonLat` may be `g` itself.
        return try (lonLat.type == .polygon ? g.context.collection([lonLat.clone()], type: .multiPolygon) : lonLat).wkb()
    }

    private static func name(_ realm: PieceRealm) -> String {
        switch realm {
        case .land: "land"
        case .marine: "marine"
        case .whole: "total"
        }
    }
}
