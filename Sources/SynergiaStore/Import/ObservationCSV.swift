import Crypto
import Foundation
import SynergiaCore

/// Reads indicator observations from a CSV file with the header
/// `indicator,year,value,unit,source` (and optionally `disaggregation`).
/// The whole file is checked before anything is stored: one bad row and
/// nothing of the file is imported, with every bad line named.
public enum ObservationCSV {
    public static let requiredColumns = ["indicator", "year", "value", "unit", "source"]
    /// Most problems listed in one message; the rest are counted.
    static let problemsShown = 20

    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var lines: [(line: Int, message: String)]
        public var more: Int

        public var description: String {
            var text = "\(file): nothing was imported; fix these rows and import the file again:\n"
            text += lines.map { "  line \($0.line): \($0.message)" }.joined(separator: "\n")
            if more > 0 { text += "\n  … and \(more) more" }
            return text
        }
    }

    /// Larger files are refused before they are read.
    public static let maxFileBytes = 20_000_000

    /// Parses `data` (the file's bytes) into observations with `imported` provenance.
    public static func parse(_ data: Data, fileName: String, recordedAt: Date = Date()) throws -> [ObservationInput] {
        guard data.count <= maxFileBytes else {
            throw Problem(file: fileName, lines: [(1, "the file has \(data.count) bytes, more than the \(maxFileBytes) allowed; split it into smaller files")], more: 0)
        }
        let hash = HexText.string(SHA256.hash(data: data))
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(file: fileName, lines: [(1, "the file is not UTF-8 text; save it as CSV UTF-8")], more: 0)
        }
        var records: [StrictCSVReader.Record]
        do {
            records = try StrictCSVReader().records(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw Problem(file: fileName, lines: [(error.line, error.message)], more: 0)
        }
        guard !records.isEmpty else {
            throw Problem(file: fileName, lines: [(1, "the file is empty; the header must name \(requiredColumns.joined(separator: ","))[,disaggregation]")], more: 0)
        }
        let header = records.removeFirst().fields.map { $0.lowercased() }
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            let semicolons = header.count == 1 && header[0].contains(";") ? " (the file is separated by semicolons; save it as CSV with commas)" : ""
            throw Problem(file: fileName, lines: [(1, "missing column(s) \(missing.joined(separator: ", ")); the header must name \(requiredColumns.joined(separator: ","))[,disaggregation]\(semicolons)")], more: 0)
        }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        var inputs: [ObservationInput] = []
        var problems: [(Int, String)] = []
        var problemCount = 0
        var seen: [String: Int] = [:]
        for record in records {
            let row = record.fields, line = record.line
            if row.allSatisfy(\.isEmpty) { continue }
            func field(_ name: String) -> String { column(name).flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            var rowProblems: [String] = []
            if row.count != header.count {
                rowProblems.append("expected \(header.count) fields, found \(row.count); give one value per header column (look for a missing or extra comma)")
            }
            let indicator = Code.canonical(field("indicator"))
            if indicator.isEmpty { rowProblems.append("the indicator code is empty") }
            let year = Int(field("year"))
            if year == nil { rowProblems.append("year '\(field("year"))' is not a whole number") }
            let value = Double(field("value"))
            if value == nil || !(value!.isFinite) { rowProblems.append("value '\(field("value"))' is not a number (use a dot for decimals)") }
            let unit = field("unit")
            if unit.isEmpty { rowProblems.append("the unit is empty") }
            let disaggregation = field("disaggregation")
            rowProblems += TextInputRules.observationProblems(unit: unit, disaggregation: disaggregation, source: field("source"))
            if rowProblems.isEmpty, let year {
                let key = "\(indicator)|\(disaggregation)|\(year)"
                if let first = seen[key] {
                    rowProblems.append("\(indicator) \(year) already appears on line \(first)")
                } else {
                    seen[key] = line
                }
            }
            if rowProblems.isEmpty, let year, let value {
                inputs.append(ObservationInput(
                    indicator: indicator, unit: unit, disaggregation: disaggregation,
                    observation: Observation(year: year, value: value, source: field("source"),
                                             provenance: .imported(fileSHA256: hash, row: line), recordedAt: recordedAt)))
            } else if !rowProblems.isEmpty {
                problemCount += 1
                if problems.count < problemsShown { problems.append((line, rowProblems.joined(separator: "; "))) }
            }
        }
        guard problems.isEmpty else {
            throw Problem(file: fileName, lines: problems, more: problemCount - problems.count)
        }
        return inputs
    }
}
