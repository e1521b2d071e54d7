/// One shared fact of a workspace: a concept (`focal_point_contact`), and for a
/// concept asked inside a repeat group the entry the group repeats over
/// (`target_progress_level[KEN-T1]`: the national target, GBF target, site or
/// species). The entry is empty for a top-level question.
public struct FactKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var concept: String
    public var entry: String

    public init(concept: String, entry: String = "") {
        self.concept = concept
        self.entry = entry
    }

    /// Reads `concept` or `concept[entry]`, as `description` writes it.
    public init?(_ text: String) {
        guard let open = text.firstIndex(of: "[") else {
            guard !text.isEmpty, !text.contains("]") else { return nil }
            self.init(concept: text)
            return
        }
        guard text.last == "]", open > text.startIndex else { return nil }
        let entry = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !entry.isEmpty else { return nil }
        self.init(concept: String(text[..<open]), entry: entry)
    }

    /// The fact an answer holds when its question is bound to `concept`.
    public init(concept: String, answerKey: AnswerKey) {
        self.init(concept: concept, entry: answerKey.group == nil ? "" : (answerKey.entry ?? ""))
    }

    public var description: String { entry.isEmpty ? concept : "\(concept)[\(entry)]" }

    public static func < (lhs: FactKey, rhs: FactKey) -> Bool {
        (lhs.concept, lhs.entry) < (rhs.concept, rhs.entry)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = FactKey(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a fact (concept or concept[entry])"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
