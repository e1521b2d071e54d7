import SynergiaCore

/// Everything `data/` and the system's country list hold, validated.
public struct ReferenceSet: Sendable {
    public var countries: [Country]
    public var conventions: [Convention]
    public var frameworks: [FrameworkContent]
    public var crosswalk: [CrosswalkLink]

    public init(countries: [Country], conventions: [Convention], frameworks: [FrameworkContent], crosswalk: [CrosswalkLink]) {
        self.countries = countries
        self.conventions = conventions
        self.frameworks = frameworks
        self.crosswalk = crosswalk
    }
}

/// How many reference rows seeding wrote, by kind.
public struct SeedSummary: Codable, Sendable, Equatable {
    public var countries = 0
    public var conventions = 0
    public var frameworks = 0
    public var goals = 0
    public var targets = 0
    public var indicators = 0
    public var crosswalkLinks = 0

    public init() {}
}
