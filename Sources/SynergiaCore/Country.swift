/// A country or territory as ISO 3166-1 lists it.
public struct Country: Codable, Sendable, Equatable {
    public var alpha2: String
    public var alpha3: String
    public var numeric: String
    public var name: String
    public var officialName: String?

    public init(alpha2: String, alpha3: String, numeric: String, name: String, officialName: String? = nil) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.numeric = numeric
        self.name = name
        self.officialName = officialName
    }
}
