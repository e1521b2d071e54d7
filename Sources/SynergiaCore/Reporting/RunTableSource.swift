import Foundation

/// A table an engine run computed, kept with the run: a number per row and column,
/// keyed by the engine's own row and column names (`tree_covered`, `latest`).
public struct RunTable: Sendable, Equatable, Codable {
    public var name: String
    /// The unit of every cell (`km2`, `percent`, `t_per_ha`); a table mixing units names them per column.
    public var units: [String: String]
    public var cells: [String: [String: Double]]

    public init(name: String, units: [String: String], cells: [String: [String: Double]]) {
        self.name = name
        self.units = units
        self.cells = cells
    }
}

/// Where a table question takes its first values: a table of the workspace's latest
/// run of an engine. The maps rename the run's rows and columns to the question's ids
/// where they differ; a run row or column the maps and the question do not name is left out.
public struct RunTableSource: Sendable, Equatable {
    public var engine: String
    public var table: String
    public var rows: [String: String]
    public var columns: [String: String]

    public init(engine: String, table: String, rows: [String: String] = [:], columns: [String: String] = [:]) {
        self.engine = engine
        self.table = table
        self.rows = rows
        self.columns = columns
    }

    /// The engines' tables a template may name, by engine.
    public static let known: [String: [String]] = [
        "land-degradation": [
            "land_cover_area", "land_cover_change_baseline", "land_cover_change_latest",
            "lpd_by_land_cover_baseline", "lpd_by_land_cover_latest", "lpd_classes_latest",
            "land_cover_degradation", "productivity_degradation", "soc_degradation",
            "soc_by_land_cover", "degraded_by_period", "status_latest",
        ],
    ]

    /// The question's answer from the run's table: each run cell the maps carry to a row and
    /// column of the question, in the question's unit (a run in hectares is converted to km²).
    public func answer(from table: RunTable, question: Question) -> AnswerValue? {
        let rowIDs = Set(question.rows.map(\.id))
        var answer: [String: AnswerValue] = [:]
        for (runRow, runCells) in table.cells {
            let row = rows[runRow] ?? runRow
            guard rowIDs.contains(row) else { continue }
            var cells: [String: AnswerValue] = [:]
            for (runColumn, value) in runCells {
                let columnID = columns[runColumn] ?? runColumn
                guard let column = question.columns.first(where: { $0.id == columnID }), column.type == .number || column.type == .integer,
                      let converted = Self.convert(value, from: table.units[runColumn] ?? table.units["*"], to: column.unit) else { continue }
                cells[columnID] = .number(converted)
            }
            if !cells.isEmpty { answer[row] = .object(cells) }
        }
        return answer.isEmpty ? nil : .object(answer)
    }

    /// nil when the units differ and no conversion is known: a cell is better empty than wrong.
    static func convert(_ value: Double, from unit: String?, to target: String?) -> Double? {
        guard let unit, let target, unit != target else { return value }
        switch (unit, target) {
        case ("ha", "km2"): return value / 100
        case ("km2", "ha"): return value * 100
        default: return nil
        }
    }
}
