/// What recording observations did: how many were added, replaced or already stored as given.
public struct RecordSummary: Codable, Sendable, Equatable {
    public var added = 0
    public var replaced = 0
    public var unchanged = 0

    public init(added: Int = 0, replaced: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.replaced = replaced
        self.unchanged = unchanged
    }
}
