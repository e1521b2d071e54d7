import Foundation
import Hummingbird

/// Request context of every route: JSON with ISO 8601 dates and sorted keys,
/// so responses are stable and readable.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
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
