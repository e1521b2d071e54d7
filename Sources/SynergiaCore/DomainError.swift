/// A request the domain rules refuse, with a message that names the place and
/// the fix. Every layer maps it to a non-zero exit or a 4xx response.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notFound = "not_found"
        case invalid
        case conflict
        /// A save based on a version that is no longer current.
        case staleVersion = "stale_version"
        case forbidden
    }

    public var kind: Kind
    /// The facts: what was refused, which code or value, what would be valid.
    public var message: String
    /// The step that fixes it, which each adapter phrases in its own words (`Remedy`).
    public var remedy: Remedy?

    public init(_ kind: Kind, _ message: String, remedy: Remedy? = nil) {
        self.kind = kind
        self.message = message
        self.remedy = remedy
    }

    public var description: String { message }

    public static func notFound(_ message: String, remedy: Remedy? = nil) -> DomainError { .init(.notFound, message, remedy: remedy) }
    public static func invalid(_ message: String, remedy: Remedy? = nil) -> DomainError { .init(.invalid, message, remedy: remedy) }
    public static func conflict(_ message: String, remedy: Remedy? = nil) -> DomainError { .init(.conflict, message, remedy: remedy) }
    public static func stale(_ message: String) -> DomainError { .init(.staleVersion, message) }
}
