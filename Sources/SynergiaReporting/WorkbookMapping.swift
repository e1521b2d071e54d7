import Crypto
import Foundation
import SynergiaCore
import SynergiaXLSX

/// Where each answer (or part of one) sits in an exported workbook. Written to
/// the hidden `_synergia` sheet and signed, so an import knows exactly what
/// every input cell means and can tell when the hidden sheet was altered.
struct WorkbookMapping: Equatable {
    static let sheetName = "_synergia"

    struct Header: Equatable {
        var reportID: Int64
        var templateID: String
        var templateVersion: Int
        var language: String
        var exportedAt: String
    }

    /// One input cell: the answer key, which part of the value it holds, and
    /// the answer's version when exported.
    struct Cell: Equatable {
        var sheet: String
        var address: String
        var key: String
        var part: String
        var version: Int
        /// The cell's text when exported, to tell which cells the person changed.
        var exported: String
    }

    var header: Header
    var cells: [Cell]

    /// The hidden, protected sheet holding the mapping and its signature.
    func worksheet(secret: Data) -> Worksheet {
        var sheet = Worksheet(name: Self.sheetName, visibility: .veryHidden)
        for (index, row) in rows().enumerated() {
            for (column, text) in row.enumerated() { sheet.set(.string(text), row: index + 1, column: column + 1) }
        }
        sheet.set(.string("signature"), row: rows().count + 1, column: 1)
        sheet.set(.string(signature(secret: secret)), row: rows().count + 1, column: 2)
        sheet.protection = SheetProtection()
        return sheet
    }

    /// Reads the mapping back; a missing, malformed or re-signed sheet is refused.
    static func read(_ sheet: Worksheet, secret: Data) throws(DomainError) -> WorkbookMapping {
        let rowCount = sheet.rowCount
        guard rowCount >= 3 else { throw .invalid("the hidden Synergia sheet is incomplete; export the report again") }
        func text(_ row: Int, _ column: Int) -> String {
            switch sheet[row, column] {
            case .string(let value): value
            case .number(let value): value == value.rounded() ? String(Int64(value)) : String(value)
            default: ""
            }
        }
        let meta = (1...6).map { text(1, $0) }
        // Numbers may come back as numbers once a spreadsheet application saved the sheet.
        guard meta[0] == "synergia-report-workbook/1", let reportID = Int64(meta[1]), let version = Int(meta[3]) else {
            throw .invalid("the hidden Synergia sheet is not one this version understands; export the report again")
        }
        var cells: [Cell] = []
        for row in 2..<rowCount {
            guard let version = Int(text(row, 5)) else { throw .invalid("the hidden Synergia sheet was edited (row \(row)); export the report again") }
            cells.append(Cell(sheet: text(row, 1), address: text(row, 2), key: text(row, 3), part: text(row, 4), version: version, exported: text(row, 6)))
        }
        let mapping = WorkbookMapping(header: Header(reportID: reportID, templateID: meta[2], templateVersion: version, language: meta[4], exportedAt: meta[5]), cells: cells)
        guard text(rowCount, 1) == "signature", text(rowCount, 2) == mapping.signature(secret: secret) else {
            throw .invalid("the hidden Synergia sheet was edited or the workbook comes from another Synergia installation; export the report again and fill in that copy")
        }
        return mapping
    }

    private func rows() -> [[String]] {
        [["synergia-report-workbook/1", String(header.reportID), header.templateID, String(header.templateVersion), header.language, header.exportedAt]]
            + cells.map { [$0.sheet, $0.address, $0.key, $0.part, String($0.version), $0.exported] }
    }

    /// The text a cell shows, the same way on export and on import.
    static func text(_ value: CellValue) -> String {
        switch value {
        case .empty: ""
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .formula(let formula, _): "=" + formula
        }
    }

    private func signature(secret: Data) -> String {
        let text = rows().map { $0.joined(separator: "\u{1F}") }.joined(separator: "\u{1E}")
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: secret))
        return HexText.string(Data(code))
    }
}
