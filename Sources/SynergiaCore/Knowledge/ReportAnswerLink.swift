import Foundation

/// A report answer that answers a tracked decision paragraph, written
/// `12:nbsap_status` or `12:target_progress[KEN-T1].level` (report id, answer key).
public struct ReportAnswerLink: Sendable, Hashable, Codable, CustomStringConvertible {
    public var reportID: Int64
    public var key: AnswerKey

    public init(reportID: Int64, key: AnswerKey) {
        self.reportID = reportID
        self.key = key
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let reportID = Int64(parts[0]), reportID > 0, let key = AnswerKey(String(parts[1])) else { return nil }
        self.init(reportID: reportID, key: key)
    }

    /// Links separated by commas or spaces; a malformed one is refused by name.
    public static func parseList(_ text: String) throws -> [ReportAnswerLink] {
        try text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { piece in
            guard let link = ReportAnswerLink(String(piece)) else {
                throw DomainError.invalid("'\(piece)' is not a report answer; write REPORT:QUESTION, e.g. 12:nbsap_status or 12:target_progress[KEN-T1].level")
            }
            return link
        }
    }

    public var description: String { "\(reportID):\(key)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let link = ReportAnswerLink(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a report answer link"))
        }
        self = link
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
