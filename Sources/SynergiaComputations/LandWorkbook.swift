import Foundation
import SynergiaLand
import SynergiaXLSX

/// The land-degradation tables as one workbook for analysts: areas by class
/// of every sub-indicator, the land-cover transition matrix and the SO1 summary,
/// one sheet per reporting period.
public enum LandWorkbook {
    public static func data(_ result: LandResult) throws -> Data {
        var sheets: [Worksheet] = []
        for period in result.periods {
            var sheet = Worksheet(name: String(period.period.name.prefix(31)))
            sheet.columnWidths = [1: 34, 2: 16, 3: 12]
            sheet.set(.string("\(period.period.name): land cover \(period.period.landCoverStart)–\(period.period.landCoverEnd), productivity \(period.period.productivityStart)–\(period.period.productivityEnd)"), row: 1, column: 1, style: CellStyle(bold: true))
            sheet.set(.string("SDG 15.3.1: \(String(format: "%.2f", period.proportionDegradedPercent)) % degraded of \(String(format: "%.1f", period.denominatorKm2)) km²"), row: 2, column: 1)
            for table in [period.indicator, period.landCover, period.productivity, period.soc, period.lpdClasses] + [period.status, period.statusCollapsed].compactMap({ $0 }) {
                _ = sheet.appendRow([])
                _ = sheet.appendRow([.string(table.name), .string("km²"), .string("%")], style: CellStyle(bold: true, shaded: true))
                for row in table.rows { _ = sheet.appendRow([.string(row.label), .number(row.km2), .number(row.percent)]) }
            }
            _ = sheet.appendRow([])
            let classes = period.landCoverInitialKm2.map(\.label)
            _ = sheet.appendRow([.string("Land-cover transitions (km²), initial ↓ final →")] + classes.map(CellValue.string), style: CellStyle(bold: true, shaded: true))
            for (index, row) in period.transitionMatrixKm2.enumerated() {
                _ = sheet.appendRow([.string(index < classes.count ? classes[index] : "\(index + 1)")] + row.map(CellValue.number))
            }
            sheets.append(sheet)
        }
        return try XLSXWriter.write(Workbook(sheets: sheets))
    }
}
