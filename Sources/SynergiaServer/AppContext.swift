import Foundation
import Hummingbird
import SynergiaCore

/// Request context of every route: who is asking (set by `IdentityMiddleware`),
/// in which language, and JSON with ISO 8601 dates and sorted keys so
/// responses are stable and readable.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, from a session cookie or an API token.
    public var identity: Identity?
    /// One of `Localizer.languages`.
    public var language = "en"
    /// The client's IP address (login rate limiting, security log).
    public let remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// Who is asking and how they proved it.
public struct Identity: Sendable {
    public enum Credential: Sendable {
        /// A browser session: unsafe requests must carry its CSRF token.
        case session(token: String, csrf: String)
        /// `Authorization: Bearer`: never sent by a browser on its own, so no CSRF token.
        case apiToken
    }

    public var user: User
    public var credential: Credential

    public var csrfToken: String? {
        if case .session(_, let csrf) = credential { return csrf }
        return nil
    }
}

/// Wraps any Encodable value (arrays included) as a JSON response body.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
