import Foundation

/// Times are stored as ISO 8601 UTC text with milliseconds: readable in either
/// database and ordered the same way as text and as time.
enum Timestamp {
    private static let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func string(_ date: Date) -> String { date.formatted(format) }

    static func now() -> String { string(Date()) }

    static func date(_ text: String) -> Date {
        (try? format.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) ?? Date(timeIntervalSince1970: 0)
    }
}
