/// Where an answer sits in a report: a top-level question (`nbsap_status`) or a
/// child of one entry of a repeat group (`target_progress[KEN-T1].level`).
public struct AnswerKey: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var question: String
    public var group: String?
    public var entry: String?

    public init(question: String, group: String? = nil, entry: String? = nil) {
        self.question = question
        self.group = group
        self.entry = entry
    }

    public init?(_ text: String) {
        guard let open = text.firstIndex(of: "[") else {
            guard !text.isEmpty, !text.contains("]"), !text.contains(".") else { return nil }
            self.init(question: text)
            return
        }
        guard let close = text.lastIndex(of: "]"), close > open,
              text[text.index(after: close)...].first == "." else { return nil }
        let group = String(text[..<open])
        let entry = String(text[text.index(after: open)..<close])
        let question = String(text[text.index(close, offsetBy: 2)...])
        guard !group.isEmpty, !entry.isEmpty, !question.isEmpty else { return nil }
        self.init(question: question, group: group, entry: entry)
    }

    public var description: String {
        guard let group, let entry else { return question }
        return "\(group)[\(entry)].\(question)"
    }

    public static func < (lhs: AnswerKey, rhs: AnswerKey) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = AnswerKey(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an answer key"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
