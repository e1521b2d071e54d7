/// How two items of different frameworks relate.
public enum CrosswalkRelation: String, Codable, Sendable, CaseIterable {
    /// Both ask for the same outcome.
    case equivalent
    /// Achieving `from` advances `to`.
    case contributesTo = "contributes_to"
    /// They overlap in part.
    case partial
}

public struct CrosswalkLink: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var relation: CrosswalkRelation
    public var source: String
    public var note: String?

    public init(from: String, to: String, relation: CrosswalkRelation, source: String, note: String? = nil) {
        self.from = from
        self.to = to
        self.relation = relation
        self.source = source
        self.note = note
    }
}

/// A link seen from one item: the other end and which way the link points.
public struct RelatedItem: Codable, Sendable, Equatable {
    public enum Direction: String, Codable, Sendable { case outgoing, incoming }

    public var code: String
    public var framework: String
    public var title: String
    public var relation: CrosswalkRelation
    public var direction: Direction
    public var source: String
    /// Codes walked through to reach this item; empty for a direct link.
    public var via: [String]

    public init(code: String, framework: String, title: String, relation: CrosswalkRelation, direction: Direction, source: String, via: [String] = []) {
        self.code = code
        self.framework = framework
        self.title = title
        self.relation = relation
        self.direction = direction
        self.source = source
        self.via = via
    }
}
