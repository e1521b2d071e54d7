import Foundation
import SynergiaCore
import SynergiaReference

/// `from_run:` on a table question: `{engine: land-degradation, table: land_cover_area,
/// rows: {run_row: question_row}, columns: {run_column: question_column}}`.
struct RunTableSourceEntry: Decodable {
    var engine: String
    var table: String
    var rows: [String: String]?
    var columns: [String: String]?

    /// The declaration, and each problem with the field of `from_run` it is found at.
    func compile(for question: Question) -> (source: RunTableSource, problems: [(field: YAMLDocument.PathElement?, message: String)]) {
        var problems: [(YAMLDocument.PathElement?, String)] = []
        if question.type != .table {
            problems.append((nil, "from_run fills a table question; \(question.id) is a \(question.type.rawValue)"))
        }
        if let tables = RunTableSource.known[engine] {
            if !tables.contains(table) {
                problems.append(("table", "the \(engine) engine has no table '\(table)'; its tables are \(tables.joined(separator: ", "))"))
            }
        } else {
            problems.append(("engine", "no engine '\(engine)' keeps tables with its runs; engines: \(RunTableSource.known.keys.sorted().joined(separator: ", "))"))
        }
        let rowIDs = Set(question.rows.map(\.id)), columnIDs = Set(question.columns.map(\.id))
        for (runRow, row) in (rows ?? [:]).sorted(by: { $0.key < $1.key }) where !rowIDs.contains(row) {
            problems.append(("rows", "run row '\(runRow)' goes to '\(row)', which is no row of \(question.id)"))
        }
        for (runColumn, column) in (columns ?? [:]).sorted(by: { $0.key < $1.key }) where !columnIDs.contains(column) {
            problems.append(("columns", "run column '\(runColumn)' goes to '\(column)', which is no column of \(question.id)"))
        }
        return (RunTableSource(engine: engine, table: table, rows: rows ?? [:], columns: columns ?? [:]), problems)
    }
}
