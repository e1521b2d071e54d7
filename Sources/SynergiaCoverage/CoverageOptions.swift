import Foundation

/// Every deviation from the method (docs/coverage.md) is one of these options;
/// the defaults reproduce the method (docs/methods/protected-area-coverage.md
/// §Cleaning).
public struct CoverageOptions: Codable, Sendable, Hashable {
    public enum AreaMethod: String, Codable, Sendable {
        /// Planar area in an equal-area projection (World Mollweide by default), as the global statistics.
        case equalArea
        /// Ellipsoidal (WGS84) area of the lon/lat polygons; overlay is done in lon/lat.
        case geodesic
    }
    public enum CountryField: String, Codable, Sendable {
        /// ISO3 (territory) — the usual per-country statistics.
        case iso3
        /// PARENT_ISO3 / PRNT_ISO3 (sovereign state).
        case parentISO3
    }

    /// Step 1: statuses kept. Default drops Proposed and Not Reported.
    public var statuses: Set<SiteStatus> = [.designated, .inscribed, .established, .adopted]
    /// Step 2: drop UNESCO-MAB Biosphere Reserves.
    public var excludeMAB = true
    /// Site types included (both by default; the report splits them).
    public var siteTypes: Set<SiteType> = [.protectedArea, .oecm]
    /// Step 5: area method.
    public var areaMethod: AreaMethod = .equalArea
    /// CRS used by `.equalArea`. ESRI:54009 = World Mollweide, as the global statistics.
    public var equalAreaCRS = "ESRI:54009"
    /// Step 4: optional snapping grid in metres (converted to degrees ≈ size/111 320 for `.geodesic`).
    /// Off by default, as the method (docs/methods/protected-area-coverage.md §Cleaning).
    public var snapGridMeters: Double? = nil
    /// Step 3: vertices of the polygon replacing a point (its area is made exactly REP_AREA).
    public var pointCircleVertices = 72
    /// Which country field selects the sites of `country`.
    public var countryField: CountryField = .iso3
    /// National target used for the gap figure (GBF target 3: 30 % by 2030).
    public var targetPercent = 30.0
    /// A KBA covered to at least this % counts as fully covered (SDG 15.1.2 / 15.4.1).
    public var kbaFullyCoveredPercent = 98.0
    /// Territory polygons are cut into tiles of at most this many vertices so
    /// clipping a small site does not walk a whole coastline.
    public var maxTileVertices = 256

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case statuses, excludeMAB, siteTypes, areaMethod, equalAreaCRS, snapGridMeters, pointCircleVertices
        case countryField, targetPercent, kbaFullyCoveredPercent, maxTileVertices
    }

    /// Sets written in their declaration order, so the options stored with a run
    /// and printed in its JSON are the same text every time.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(SiteStatus.allCases.filter(statuses.contains), forKey: .statuses)
        try c.encode(excludeMAB, forKey: .excludeMAB)
        try c.encode(SiteType.allCases.filter(siteTypes.contains), forKey: .siteTypes)
        try c.encode(areaMethod, forKey: .areaMethod)
        try c.encode(equalAreaCRS, forKey: .equalAreaCRS)
        try c.encodeIfPresent(snapGridMeters, forKey: .snapGridMeters)
        try c.encode(pointCircleVertices, forKey: .pointCircleVertices)
        try c.encode(countryField, forKey: .countryField)
        try c.encode(targetPercent, forKey: .targetPercent)
        try c.encode(kbaFullyCoveredPercent, forKey: .kbaFullyCoveredPercent)
        try c.encode(maxTileVertices, forKey: .maxTileVertices)
    }
}

/// Progress reported by long steps. `total` is nil when unknown.
public struct CoverageProgress: Sendable, Hashable {
    public enum Stage: String, Sendable { case territory, cleaning, clipping, unioning, statistics }
    public var stage: Stage
    public var done: Int
    public var total: Int?
}
