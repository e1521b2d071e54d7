import Foundation

/// Areas in km² split by realm; percentages of the territory (nil without a
/// land/EEZ basemap). land + marine == total by construction.
public struct AreaSplit: Codable, Sendable, Hashable {
    public var totalKm2: Double
    public var landKm2: Double?
    public var marineKm2: Double?
    public var totalPercent: Double?
    public var landPercent: Double?
    public var marinePercent: Double?
}

public struct GroupCoverage: Codable, Sendable, Hashable {
    /// Group value: "PA"/"OECM", an IUCN category, a governance type.
    public var key: String
    public var sites: Int
    /// Area covered by at least one site of the group (flattened within the group).
    public var covered: AreaSplit
    /// Area this group adds when groups are taken in order (strictest IUCN
    /// category first; PA before OECM). Groups' exclusive areas sum to the total.
    public var exclusive: AreaSplit?
}

public struct SeriesPoint: Codable, Sendable, Hashable {
    public var year: Int
    /// Cumulative flattened coverage of sites with STATUS_YR ≤ year.
    public var covered: AreaSplit
}

public struct TerritoryArea: Codable, Sendable, Hashable {
    /// nil for a realm the run did not measure (a land-only or marine-only run).
    public var landKm2: Double?
    public var marineKm2: Double?
}

public struct TargetGap: Codable, Sendable, Hashable {
    public var targetPercent: Double
    /// Percentage points still missing (0 when reached); nil without territory.
    public var landGapPercent: Double?
    public var marineGapPercent: Double?
}

public struct InputSummary: Codable, Sendable, Hashable {
    public var recordsGiven: Int
    public var sitesUsed: Int
    /// ExclusionReason raw value → count.
    public var excluded: [String: Int]
    public var geometriesRepaired: Int
    /// Polygons whose rings jumped across ±180° and were cut into parts on either side.
    public var antimeridianSplits: Int
    public var pointsBuffered: Int
    public var geometryErrors: [String]
    /// Σ over sites of the area falling outside the country's land + EEZ
    /// (not flattened): other countries' share of transboundary sites, high seas, gaps in the basemap.
    public var siteAreaOutsideTerritoryKm2: Double?
}

/// Everything a national report needs for one country, Codable for storage.
public struct CoverageResult: Codable, Sendable, Hashable {
    public var country: String
    public var engineVersion: String
    public var options: CoverageOptions
    public var territory: TerritoryArea?
    public var coverage: AreaSplit
    public var bySiteType: [GroupCoverage]
    public var byIUCNCategory: [GroupCoverage]
    public var byGovernanceType: [GroupCoverage]
    /// One point per distinct known STATUS_YR, ascending; non-decreasing.
    public var timeSeries: [SeriesPoint]
    /// Area covered only by sites whose STATUS_YR is 0 (unknown): total minus the last series point.
    public var unknownYear: AreaSplit
    public var target: TargetGap
    public var input: InputSummary
    /// KBA coverage (SDG 15.1.2 / 15.4.1); nil when the run had no KBA layer.
    public var kba: KBAResult?

    public static let engineVersion = "SynergiaGeo coverage 1.1"
}
