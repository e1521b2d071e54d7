import Foundation

/// A field's value as the history keeps it: the JSON a target field, an
/// alignment's degree or an observation had before or after a change.
public indirect enum HistoryValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([HistoryValue])
    case object([String: HistoryValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .text(value) }
        else if let value = try? container.decode([HistoryValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: HistoryValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public static func optional(_ text: String?) -> HistoryValue { text.map(HistoryValue.text) ?? .null }

    public static func yearValue(_ pair: YearValue?) -> HistoryValue {
        guard let pair else { return .null }
        return .object(["year": .number(Double(pair.year)), "value": .number(pair.value)])
    }

    public var yearValue: YearValue? {
        guard case .object(let fields) = self, case .number(let year)? = fields["year"], case .number(let value)? = fields["value"] else { return nil }
        return YearValue(year: Int(year), value: value)
    }

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value as a person reads it in a table or a message: a year and value
    /// pair as `25 (2030)`, a list joined by commas, nothing as `—`.
    public func display(number format: (Double) -> String = HistoryValue.plainNumber) -> String {
        switch self {
        case .null: return "—"
        case .bool(let value): return value ? "yes" : "no"
        case .number(let value): return format(value)
        case .text(let value): return value.isEmpty ? "—" : value
        case .list(let values): return values.isEmpty ? "—" : values.map { $0.display(number: format) }.joined(separator: ", ")
        case .object(let fields):
            if let pair = yearValue { return "\(format(pair.value)) (\(pair.year))" }
            return fields.keys.sorted().map { "\($0)=\(fields[$0]!.display(number: format))" }.joined(separator: "; ")
        }
    }

    /// Shortest decimal that reads back as the same number: 25, 12.5, 0.1.
    public static func plainNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
