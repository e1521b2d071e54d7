/// A workspace-defined indicator (`KEN-I1`).
public struct NationalIndicator: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var unit: String

    public init(code: String, title: String, unit: String) {
        self.code = code
        self.title = title
        self.unit = unit
    }

    /// A national indicator needs a well-formed code and a unit; that its code
    /// is not a global indicator's is checked against the stored reference.
    public func validate() throws(DomainError) {
        guard Code.isWellFormed(code), !unit.isEmpty else {
            throw .invalid("national indicator '\(code)': give a code of letters, digits, '-', '.' (e.g. KEN-I1) and a unit")
        }
    }
}
