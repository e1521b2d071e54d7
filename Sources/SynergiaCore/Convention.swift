/// A multilateral environmental agreement a country may be party to.
public struct Convention: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case convention, protocol_ = "protocol", agreement
    }

    public var code: String
    public var name: String
    public var kind: Kind
    /// The treaty this one is made under (the Cartagena Protocol under the CBD).
    public var parent: String?
    public var adoptedYear: Int?
    public var inForceYear: Int?
    public var source: String

    public init(code: String, name: String, kind: Kind, parent: String? = nil, adoptedYear: Int? = nil, inForceYear: Int? = nil, source: String) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
        self.adoptedYear = adoptedYear
        self.inForceYear = inForceYear
        self.source = source
    }
}
