import Foundation
import SynergiaCore
import SynergiaStore

/// The audit trail page's filters: question, person, and a date range whose
/// days are whole UTC days (the stored times are UTC).
struct AuditFilter {
    var key: String?
    var userID: Int64?
    var from: Date?
    /// Exclusive: the day after the last day asked for.
    var until: Date?

    init(key: String?, userID: Int64?, from: String?, to: String?) throws {
        self.key = key
        self.userID = userID
        self.from = try from.map { try Self.day($0, field: "from") }
        until = try to.map { try Self.day($0, field: "to").addingTimeInterval(86_400) }
        if let start = self.from, let end = until, end <= start {
            throw DomainError.invalid("the audit filter's end date comes before its start date; swap them")
        }
    }

    func matches(_ entry: AuditEntry) -> Bool {
        (key == nil || entry.key == key) && (userID == nil || entry.userID == userID)
            && (from.map { entry.at >= $0 } ?? true) && (until.map { entry.at < $0 } ?? true)
    }

    static func day(_ text: String, field: String) throws -> Date {
        guard let date = try? Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().parse(text) else {
            throw DomainError.invalid("the audit filter '\(field)' must be a date written YYYY-MM-DD, not '\(text)'")
        }
        return date
    }
}
