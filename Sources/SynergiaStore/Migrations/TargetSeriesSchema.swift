import SQLKit

extension Migrator {
    /// The series a national target is measured by: an indicator and one of its
    /// disaggregations (empty for the whole country). Both null for a target
    /// assessed on its first indicator's whole-country series.
    static let targetSeriesSchema = Migration(version: 14, name: "series bound to targets") { db in
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await db.alter(table: "national_targets").column("measured_by_indicator", type: .text).run()
        try await db.alter(table: "national_targets").column("measured_by_disaggregation", type: .text).run()
    }
}
