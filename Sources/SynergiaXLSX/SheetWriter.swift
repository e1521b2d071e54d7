/// Renders one xl/worksheets/sheetN.xml. Element order follows the CT_Worksheet sequence
/// in ECMA-376, because Excel rejects a file whose elements are out of order.
struct SheetWriter {
    var strings: SharedStringTable
    var styles: StyleTable

    mutating func xml(for sheet: Worksheet, selected: Bool) -> String {
        var x = XMLBuilder()
        x.open("worksheet", [("xmlns", OOXML.mainNS), ("xmlns:r", OOXML.relNS)])
        let cells = sheet.allCells
        if let first = cells.first {
            let maxColumn = cells.map(\.column).max() ?? first.column
            let minColumn = cells.map(\.column).min() ?? first.column
            let range = CellRange(start: CellAddress(row: first.row, column: minColumn),
                                  end: CellAddress(row: cells[cells.count - 1].row, column: maxColumn))
            x.leaf("dimension", [("ref", range.a1)])
        }
        writeSheetView(&x, sheet, selected: selected)
        x.leaf("sheetFormatPr", [("defaultRowHeight", "15")])
        if !sheet.columnWidths.isEmpty {
            x.open("cols")
            for (column, width) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                x.leaf("col", [("min", String(column)), ("max", String(column)),
                               ("width", NumberText.format(width)), ("customWidth", "1")])
            }
            x.close("cols")
        }
        writeSheetData(&x, cells)
        if let p = sheet.protection {
            var attributes = [("sheet", "1"), ("objects", "1"), ("scenarios", "1")]
            if let hash = p.passwordHash { attributes.insert(("password", hash), at: 0) }
            // In OOXML "1" means the action is *prevented*, hence the negation.
            if p.allowFormattingColumns { attributes.append(("formatColumns", "0")) }
            if !p.allowSelectingLockedCells { attributes.append(("selectLockedCells", "1")) }
            x.leaf("sheetProtection", attributes)
        }
        if !sheet.validations.isEmpty {
            x.open("dataValidations", [("count", String(sheet.validations.count))])
            for v in sheet.validations { ValidationXML.write(v, into: &x) }
            x.close("dataValidations")
        }
        x.leaf("pageMargins", [("left", "0.7"), ("right", "0.7"), ("top", "0.75"),
                               ("bottom", "0.75"), ("header", "0.3"), ("footer", "0.3")])
        x.close("worksheet")
        return x.output
    }

    private func writeSheetView(_ x: inout XMLBuilder, _ sheet: Worksheet, selected: Bool) {
        var viewAttributes = [(String, String)]()
        if selected { viewAttributes.append(("tabSelected", "1")) }
        viewAttributes.append(("workbookViewId", "0"))
        let rows = sheet.frozenRows, columns = sheet.frozenColumns
        guard rows > 0 || columns > 0 else {
            x.open("sheetViews"); x.leaf("sheetView", viewAttributes); x.close("sheetViews")
            return
        }
        let pane = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight"
        var paneAttributes = [(String, String)]()
        if columns > 0 { paneAttributes.append(("xSplit", String(columns))) }
        if rows > 0 { paneAttributes.append(("ySplit", String(rows))) }
        paneAttributes += [("topLeftCell", CellAddress(row: rows + 1, column: columns + 1).a1),
                           ("activePane", pane), ("state", "frozen")]
        x.open("sheetViews")
        x.open("sheetView", viewAttributes)
        x.leaf("pane", paneAttributes)
        x.leaf("selection", [("pane", pane)])
        x.close("sheetView")
        x.close("sheetViews")
    }

    private mutating func writeSheetData(_ x: inout XMLBuilder, _ cells: [Worksheet.Entry]) {
        x.open("sheetData")
        var currentRow = 0
        for cell in cells {
            if cell.row != currentRow {
                if currentRow != 0 { x.close("row") }
                currentRow = cell.row
                x.open("row", [("r", String(currentRow))])
            }
            var attributes = [("r", CellAddress(row: cell.row, column: cell.column).a1)]
            let styleIndex = styles.index(for: cell.style)
            if styleIndex != 0 { attributes.append(("s", String(styleIndex))) }
            writeCell(&x, cell.value, attributes)
        }
        if currentRow != 0 { x.close("row") }
        x.close("sheetData")
    }

    private mutating func writeCell(_ x: inout XMLBuilder, _ value: CellValue, _ base: [(String, String)]) {
        switch value {
        case .empty:
            x.leaf("c", base)
        case .string(let s):
            x.open("c", base + [("t", "s")])
            x.raw("<v>\(strings.index(for: s))</v>")
            x.close("c")
        case .number(let d) where d.isFinite:
            x.open("c", base)
            x.raw("<v>\(NumberText.format(d))</v>")
            x.close("c")
        case .number:
            // OOXML has no NaN or infinity; #NUM! is what Excel itself shows for them.
            x.open("c", base + [("t", "e")])
            x.raw("<v>#NUM!</v>")
            x.close("c")
        case .bool(let b):
            x.open("c", base + [("t", "b")])
            x.raw(b ? "<v>1</v>" : "<v>0</v>")
            x.close("c")
        case let .formula(formula, cached):
            let text = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
            var attributes = base
            var cachedText: String?
            if let cached {
                if cached == "TRUE" || cached == "FALSE" {
                    attributes.append(("t", "b"))
                    cachedText = cached == "TRUE" ? "1" : "0"
                } else if let d = Double(cached), d.isFinite {
                    cachedText = NumberText.format(d)
                } else {
                    attributes.append(("t", "str"))
                    cachedText = cached
                }
            }
            x.open("c", attributes)
            x.element("f", text: text)
            if let cachedText { x.element("v", text: cachedText, mode: .cellText) }
            x.close("c")
        }
    }
}
