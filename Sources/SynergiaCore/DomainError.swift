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
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func notFound(_ message: String) -> DomainError { .init(.notFound, message) }
    public static func invalid(_ message: String) -> DomainError { .init(.invalid, message) }
    public static func conflict(_ message: String) -> DomainError { .init(.conflict, message) }
    public static func stale(_ message: String) -> DomainError { .init(.staleVersion, message) }
}
