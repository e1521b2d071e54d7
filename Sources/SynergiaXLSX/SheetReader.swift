import Foundation

/// Streams one worksheet part into a `Worksheet`. Sheets are the only parts that grow
/// with the data, so they are parsed event by event rather than into a tree, and the
/// cell budget is enforced before each cell is stored.
final class SheetReader: XMLEventHandler {
    private enum Capture { case value, formula, inlineText, validationFormula, sqref }

    private(set) var sheet: Worksheet
    private(set) var cellBudget: Int
    private let part: String
    private let sharedStrings: [String]
    private let styles: [CellStyle]

    private var capture: Capture?
    private var buffer = ""
    private var currentRow = 0
    private var nextColumn = 1
    private var phoneticDepth = 0
    private var extensionDepth = 0

    // The cell being read.
    private var address = CellAddress(row: 1, column: 1)
    private var cellType = "n"
    private var cellStyle = CellStyle.plain
    private var value: String?
    private var formula: String?
    private var formulaAttributes: [String: String] = [:]
    private var inlineText: String?
    private var sharedFormulas: [String: (text: String, address: CellAddress)] = [:]

    // The validation being read; Excel 2010+ writes cross-sheet lists in an extension
    // (x14:dataValidation) with the formula in <xm:f> and the range in <xm:sqref>.
    private var validation: [String: String]?
    private var validationFormulas: [String] = []
    private var validationSqref: String?

    init(name: String, visibility: Worksheet.Visibility, part: String, sharedStrings: [String],
         styles: [CellStyle], cellBudget: Int) {
        self.sheet = Worksheet(name: name, visibility: visibility)
        self.part = part
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.cellBudget = cellBudget
    }

    private func malformed(_ message: String) -> XLSXError {
        XLSXError(.malformedXML(part: part, line: 0, message: message))
    }

    private func begin(_ c: Capture) {
        capture = c
        buffer = ""
    }

    func start(_ name: String, _ a: [String: String]) throws(XLSXError) {
        if name == "extLst" { extensionDepth += 1 }
        if validation != nil {
            switch name {
            case "formula1", "formula2": validationFormulas.append(""); begin(.validationFormula)
            case "sqref": begin(.sqref)
            default: break
            }
            return
        }
        switch name {
        case "row":
            if let r = a["r"] {
                guard let row = Int(r), (1...CellAddress.maxRow).contains(row) else { throw malformed("invalid row number \"\(r)\"") }
                currentRow = row
            } else {
                currentRow += 1
            }
            nextColumn = 1
        case "c":
            try startCell(a)
        case "v" where capture == nil: begin(.value)
        case "f" where capture == nil:
            formula = ""
            formulaAttributes = a
            begin(.formula)
        case "is": inlineText = ""
        case "rPh": phoneticDepth += 1
        case "t" where inlineText != nil && phoneticDepth == 0: begin(.inlineText)
        case "pane" where extensionDepth == 0:
            if a["state"] == "frozen" || a["state"] == "frozenSplit" {
                sheet.frozenRows = Self.count(a["ySplit"], max: CellAddress.maxRow - 1)
                sheet.frozenColumns = Self.count(a["xSplit"], max: CellAddress.maxColumn - 1)
            }
        case "col":
            guard XMLBool.parse(a["customWidth"]), let width = Double(a["width"] ?? ""),
                  let lo = Int(a["min"] ?? ""), let hi = Int(a["max"] ?? ""), 1 <= lo, lo <= hi else { break }
            for column in lo...min(hi, CellAddress.maxColumn) { sheet.columnWidths[column] = width }
        case "sheetProtection":
            guard XMLBool.parse(a["sheet"]) else { break }
            sheet.protection = SheetProtection(
                passwordHash: a["password"],
                allowFormattingColumns: !XMLBool.parse(a["formatColumns"], default: true),
                allowSelectingLockedCells: !XMLBool.parse(a["selectLockedCells"]))
        case "dataValidation":
            validation = a
            validationFormulas = []
            validationSqref = nil
        default:
            break
        }
    }

    private func startCell(_ a: [String: String]) throws(XLSXError) {
        cellBudget -= 1
        guard cellBudget >= 0 else { throw XLSXError(.tooLarge("it has more cells than the limit")) }
        if let r = a["r"] {
            guard let parsed = CellAddress(r) else { throw malformed("invalid cell reference \"\(r)\"") }
            address = parsed
        } else {
            // Cells without r follow the previous one, as some generators write them.
            address = CellAddress(row: max(currentRow, 1), column: nextColumn)
            guard address.isValid else { throw malformed("too many cells in row \(address.row)") }
        }
        nextColumn = address.column + 1
        cellType = a["t"] ?? "n"
        let s = Int(a["s"] ?? "0") ?? 0
        cellStyle = styles.indices.contains(s) ? styles[s] : .plain
        value = nil
        formula = nil
        formulaAttributes = [:]
        inlineText = nil
    }

    func end(_ name: String) throws(XLSXError) {
        if name == "extLst" { extensionDepth -= 1 }
        if validation != nil {
            switch name {
            case "formula1", "formula2", "f":
                if capture == .validationFormula, !validationFormulas.isEmpty {
                    validationFormulas[validationFormulas.count - 1] += buffer
                    capture = nil
                }
            case "sqref":
                validationSqref = buffer
                capture = nil
            case "dataValidation":
                var attributes = validation ?? [:]
                if let sqref = validationSqref { attributes["sqref"] = sqref }
                let f = validationFormulas
                if let v = ValidationXML.read(attributes: attributes, formula1: f.first,
                                              formula2: f.count > 1 ? f[1] : nil) {
                    sheet.validations.append(v)
                }
                validation = nil
            default: break
            }
            return
        }
        switch name {
        case "v" where capture == .value: value = buffer; capture = nil
        case "f" where capture == .formula: formula = buffer; capture = nil
        case "t" where capture == .inlineText: inlineText = (inlineText ?? "") + buffer; capture = nil
        case "rPh": phoneticDepth -= 1
        case "c": try finishCell()
        default: break
        }
    }

    func text(_ text: String) {
        if capture != nil { buffer += text }
    }

    private func finishCell() throws(XLSXError) {
        let cellValue: CellValue
        if let formula, let constant = Self.booleanConstant(formula) {
            // LibreOffice saves a typed TRUE/FALSE as the formula TRUE()/FALSE().
            cellValue = .bool(constant)
        } else if let formula {
            cellValue = .formula(resolveFormula(formula), cached: try cachedText())
        } else {
            switch cellType {
            case "s":
                guard let v = value else { cellValue = .empty; break }
                guard let i = Int(v), sharedStrings.indices.contains(i) else {
                    throw malformed("cell \(address.a1) refers to a missing shared string")
                }
                cellValue = .string(sharedStrings[i])
            case "inlineStr": cellValue = inlineText.map { .string(XMLText.decodeOOXMLEscapes($0)) } ?? .empty
            case "str": cellValue = value.map { .string(XMLText.decodeOOXMLEscapes($0)) } ?? .empty
            case "b": cellValue = value.map { .bool(XMLBool.parse($0.trimmingCharacters(in: .whitespaces))) } ?? .empty
            case "e", "d": cellValue = value.map { .string($0) } ?? .empty
            default:
                let v = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if v.isEmpty { cellValue = .empty; break }
                guard let d = Double(v) else { throw malformed("cell \(address.a1) has the invalid number \"\(v)\"") }
                cellValue = .number(d)
            }
        }
        if cellValue != .empty || cellStyle != .plain {
            sheet.set(cellValue, row: address.row, column: address.column, style: cellStyle)
        }
    }

    /// Split counts may be written as "2" or "2.0"; anything odd or out of range means none.
    private static func count(_ text: String?, max: Int) -> Int {
        guard let d = Double(text ?? ""), d >= 0, d <= Double(max) else { return 0 }
        return Int(d)
    }

    private static func booleanConstant(_ formula: String) -> Bool? {
        switch formula.trimmingCharacters(in: .whitespaces).uppercased() {
        case "TRUE()", "TRUE": return true
        case "FALSE()", "FALSE": return false
        default: return nil
        }
    }

    private func resolveFormula(_ text: String) -> String {
        guard formulaAttributes["t"] == "shared", let si = formulaAttributes["si"] else { return text }
        if !text.isEmpty {
            sharedFormulas[si] = (text, address)
            return text
        }
        guard let master = sharedFormulas[si] else { return text }
        return FormulaShifter.shift(master.text, rows: address.row - master.address.row,
                                    columns: address.column - master.address.column)
    }

    private func cachedText() throws(XLSXError) -> String? {
        guard let v = value else { return nil }
        switch cellType {
        case "b": return XMLBool.parse(v) ? "TRUE" : "FALSE"
        case "s":
            guard let i = Int(v), sharedStrings.indices.contains(i) else { return nil }
            return sharedStrings[i]
        case "str": return XMLText.decodeOOXMLEscapes(v)
        default: return v
        }
    }
}
