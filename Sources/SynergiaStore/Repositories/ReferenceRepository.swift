import SynergiaCore

/// Countries, conventions, global frameworks and the crosswalks between them.
public protocol ReferenceRepository: Sendable {
    /// Writes the whole reference set in one transaction; running it again with
    /// the same data changes nothing.
    func seedReference(_ set: ReferenceSet) async throws -> SeedSummary

    func countries() async throws -> [Country]
    /// By alpha-3 or alpha-2 code, any case.
    func country(_ code: String) async throws -> Country?
    func conventions() async throws -> [Convention]
    func frameworks() async throws -> [Framework]
    func frameworkContent(_ code: String) async throws -> FrameworkContent?
    func globalTarget(_ code: String) async throws -> GlobalTarget?
    func indicator(_ code: String) async throws -> Indicator?
    func crosswalkLinks() async throws -> [CrosswalkLink]
    /// Every goal and target of every framework, for walking crosswalks.
    func crosswalkItems() async throws -> [CrosswalkGraph.Item]
}

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
