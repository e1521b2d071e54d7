import Foundation

/// One Key Biodiversity Area: its area in the country and the part of it under
/// the flattened protected/conserved coverage.
public struct KBACoverage: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Area of the KBA inside the country's land + EEZ (the whole KBA without a territory).
    public var areaKm2: Double
    public var coveredKm2: Double
    public var coveredPercent: Double
    /// coveredPercent ≥ `CoverageOptions.kbaFullyCoveredPercent` (98 % in docs/methods/protected-area-coverage.md).
    public var fullyCovered: Bool
}

/// SDG 15.1.2 / 15.4.1 as the method defines them (docs/methods/protected-area-coverage.md
/// §Statistics users expect): the mean over KBAs of the %
/// of each KBA covered, and how many are fully covered.
public struct KBAResult: Codable, Sendable, Hashable {
    /// Sorted by id.
    public var kbas: [KBACoverage]
    /// Mean of `coveredPercent` over `kbas`; nil when the country has none.
    public var meanPercent: Double?
    public var fullyCoveredCount: Int
    public var fullyCoveredThresholdPercent: Double
    /// KBAs of the file that have no area on the country's territory (other countries' KBAs when the file has no ISO3 field).
    public var withoutAreaInCountry: Int
    public var geometriesRepaired: Int
    public var antimeridianSplits: Int
    /// KBAs GEOS could not process (reported and left out, as for sites).
    public var geometryErrors: [String]
}
