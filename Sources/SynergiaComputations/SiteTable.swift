import Foundation
import SynergiaCoverage
import SynergiaXLSX

/// The per-site table as sites.csv and sites.xlsx: one row per WDPA record of
/// the country, the columns of `SiteColumns` (docs/coverage.md, "Per-site table").
public enum SiteTable {
    public static let csvName = "sites.csv"
    public static let workbookName = "sites.xlsx"

    /// Areas in km² to 1 m² (6 decimals), percentages to 4 decimals, an unknown value as an empty cell.
    public static func csvRows(_ rows: [SiteRow]) -> [[String]] {
        rows.map { row in
            SiteColumns.all.map { column in
                switch column.value(row) {
                case .text(let text): text
                case .integer(let number): String(number)
                case .real(nil): ""
                case .real(let number?): String(format: column.name.hasSuffix("PERCENT") ? "%.4f" : "%.6f", number)
                }
            }
        }
    }

    /// One sheet, the header frozen, numbers as numbers (full precision) so a spreadsheet can sum and sort them.
    public static func workbook(_ rows: [SiteRow]) throws -> Data {
        var sheet = Worksheet(name: "sites")
        sheet.frozenRows = 1
        for (index, column) in SiteColumns.all.enumerated() {
            sheet.columnWidths[index + 1] = column.kind == .text ? (column.name == "NAME" || column.name == "DESIG_ENG" ? 32 : 16) : 14
        }
        _ = sheet.appendRow(SiteColumns.all.map { .string($0.name) }, style: CellStyle(bold: true, shaded: true))
        for row in rows {
            _ = sheet.appendRow(SiteColumns.all.map { column in
                switch column.value(row) {
                case .text(let text): .string(text)
                case .integer(let number): .number(Double(number))
                case .real(let number): number.map(CellValue.number) ?? .empty
                }
            })
        }
        return try XLSXWriter.write(Workbook(sheets: [sheet]))
    }
}
