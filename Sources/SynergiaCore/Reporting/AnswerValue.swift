/// An answer as stored and exchanged: a small JSON-like value whose shape the
/// question's type decides (see `AnswerShape`).
public indirect enum AnswerValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([AnswerValue])
    case object([String: AnswerValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([AnswerValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: AnswerValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Whether a person has given anything: null, empty text, empty lists and
    /// objects whose members are all empty count as unanswered.
    public var isAnswered: Bool {
        switch self {
        case .null: false
        case .string(let text): !text.trimmingWhitespace.isEmpty
        case .list(let items): items.contains { $0.isAnswered }
        case .object(let members): members.values.contains { $0.isAnswered }
        case .bool, .number: true
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var listValue: [AnswerValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public subscript(key: String) -> AnswerValue {
        if case .object(let members) = self { return members[key] ?? .null }
        return .null
    }

    /// The value as the expression language sees it: text answers by their
    /// English (or only) text, a multiple choice as its list of values.
    public var expressionValue: ExpressionValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        case .list(let items): .list(items.map(\.expressionValue))
        case .object(let members):
            if let selected = members["selected"] { selected.expressionValue }
            else if let text = members["en"] ?? members.values.first(where: { $0.stringValue != nil }) { text.expressionValue }
            else { .null }
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension AnswerValue: CustomStringConvertible {
    /// Compact JSON, as people type it on the command line.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        case .list(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\(AnswerValue.string($0).description):\(members[$0]!.description)" }.joined(separator: ",") + "}"
        }
    }
}
