import Foundation
import SynergiaGeoBindings

/// One WDPA record of the country as the run used it: its attributes, its area
/// as the run measured it next to the areas WDPA gives (REP_AREA, GIS_AREA),
/// the part inside the country's land and sea, or why it was left out. The
/// rows of sites.csv, sites.xlsx and the `sites` layer of coverage.gpkg
/// (docs/coverage.md, "Per-site table").
public struct SiteRow: Codable, Sendable, Hashable {
    public var siteID: Int64
    public var parcelID: String
    public var name: String
    public var designation: String
    public var designationType: String
    public var iucnCategory: IUCNCategory
    public var governanceType: String
    public var status: SiteStatus
    public var statusYear: Int
    public var siteType: SiteType
    public var realm: Realm
    public var geometryKind: GeometryKind
    /// REP_AREA and GIS_AREA as the file gives them, km².
    public var reportedAreaKm2: Double?
    public var gisAreaKm2: Double?
    /// The site's geometry as used (repaired, a point buffered to REP_AREA), measured with the
    /// run's area method, whole (before clipping to the territory) and not flattened; nil when the
    /// record was left out before its geometry was built.
    public var computedAreaKm2: Double?
    /// The part inside the country's land and EEZ; nil without a territory or when left out.
    public var insideKm2: Double?
    public var insideLandKm2: Double?
    public var insideMarineKm2: Double?
    /// Why the record does not count: an `ExclusionReason` raw value, or `outsideTerritory`; nil when it counts.
    public var excluded: String?
    public var source: RecordSource

    /// A site kept by cleaning whose geometry has no area in the country's land or EEZ.
    public static let outsideTerritory = "outside territory"

    /// computed − GIS_AREA, km².
    public var differenceKm2: Double? {
        guard let computedAreaKm2, let gisAreaKm2 else { return nil }
        return computedAreaKm2 - gisAreaKm2
    }

    /// (computed − GIS_AREA) / GIS_AREA × 100; nil when GIS_AREA is missing or 0.
    public var differencePercent: Double? {
        guard let differenceKm2, let gisAreaKm2, gisAreaKm2 > 0 else { return nil }
        return 100 * differenceKm2 / gisAreaKm2
    }

    /// What WDPA's MARINE code means (the Nov 2025 schema writes it as REALM).
    public var realmMeaning: String {
        switch realm {
        case .terrestrial: "terrestrial"
        case .coastal: "coastal (terrestrial and marine)"
        case .marine: "marine"
        }
    }

    init(record r: WDPARecord, computedAreaKm2: Double?, insideKm2: Double?, insideLandKm2: Double?, insideMarineKm2: Double?,
         excluded: String?) {
        siteID = r.siteID; parcelID = r.parcelID; name = r.name; designation = r.designation
        designationType = r.designationType; iucnCategory = r.iucnCategory; governanceType = r.governanceType
        status = r.status; statusYear = r.statusYear; siteType = r.siteType; realm = r.realm; geometryKind = r.geometryKind
        reportedAreaKm2 = r.reportedArea; gisAreaKm2 = r.gisArea
        self.computedAreaKm2 = computedAreaKm2; self.insideKm2 = insideKm2
        self.insideLandKm2 = insideLandKm2; self.insideMarineKm2 = insideMarineKm2
        self.excluded = excluded; source = r.source
    }
}

extension SiteRow {
    /// The land part (m²) of a site whose part inside the territory is `kept` m². Pieces on one
    /// side need no overlay; a piece across the coastline (equal-area frame) is measured on the land tiles.
    static func landArea(of site: Geometry, pieces: [(geometry: Geometry, realm: PieceRealm?)], kept: Double,
                         regions: TerritoryRegions, frame: WorkingFrame) throws -> Double {
        if pieces.contains(where: { $0.realm == nil }) {
            return min(kept, try regions.land.clip(site).reduce(0) { $0 + (try frame.area($1)) })
        }
        if !pieces.contains(where: { $0.realm == .marine }) { return kept }
        if !pieces.contains(where: { $0.realm == .land }) { return 0 }
        return try pieces.filter { $0.realm == .land }.reduce(0) { $0 + (try frame.area($1.geometry)) }
    }
}

/// The columns of the per-site table, in order, shared by the CSV, the workbook and the GeoPackage layer.
public enum SiteColumns {
    public enum Kind: Sendable { case text, integer, real }
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        /// nil: no value (an empty cell, a NULL field).
        case real(Double?)
    }

    public struct Column: Sendable {
        public let name: String
        public let kind: Kind
        public let value: @Sendable (SiteRow) -> Value
    }

    public static let all: [Column] = [
        Column(name: "WDPAID", kind: .integer) { .integer($0.siteID) },
        Column(name: "WDPA_PID", kind: .text) { .text($0.parcelID) },
        Column(name: "NAME", kind: .text) { .text($0.name) },
        Column(name: "DESIG_ENG", kind: .text) { .text($0.designation) },
        Column(name: "DESIG_TYPE", kind: .text) { .text($0.designationType) },
        Column(name: "IUCN_CAT", kind: .text) { .text($0.iucnCategory.rawValue) },
        Column(name: "GOV_TYPE", kind: .text) { .text($0.governanceType) },
        Column(name: "STATUS", kind: .text) { .text($0.status.rawValue) },
        Column(name: "STATUS_YR", kind: .integer) { .integer(Int64($0.statusYear)) },
        Column(name: "SITE_TYPE", kind: .text) { .text($0.siteType.rawValue) },
        Column(name: "MARINE", kind: .integer) { .integer(Int64($0.realm.rawValue)) },
        Column(name: "REALM", kind: .text) { .text($0.realmMeaning) },
        Column(name: "GEOMETRY", kind: .text) { .text($0.geometryKind == .point ? "point" : "polygon") },
        Column(name: "REP_AREA", kind: .real) { .real($0.reportedAreaKm2) },
        Column(name: "GIS_AREA", kind: .real) { .real($0.gisAreaKm2) },
        Column(name: "AREA_KM2", kind: .real) { .real($0.computedAreaKm2) },
        Column(name: "DIFF_GIS_KM2", kind: .real) { .real($0.differenceKm2) },
        Column(name: "DIFF_GIS_PERCENT", kind: .real) { .real($0.differencePercent) },
        Column(name: "INSIDE_KM2", kind: .real) { .real($0.insideKm2) },
        Column(name: "INSIDE_LAND_KM2", kind: .real) { .real($0.insideLandKm2) },
        Column(name: "INSIDE_MARINE_KM2", kind: .real) { .real($0.insideMarineKm2) },
        Column(name: "EXCLUDED", kind: .text) { .text($0.excluded ?? "") },
        Column(name: "LAYER", kind: .text) { .text($0.source.layer) },
        Column(name: "FEATURE_ID", kind: .integer) { .integer($0.source.featureID) },
    ]
}
