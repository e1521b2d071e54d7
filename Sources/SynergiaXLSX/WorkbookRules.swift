/// Checks the rules Excel enforces when it opens a file, so a bad export fails here with
/// a clear message instead of Excel's "We found a problem with some content".
enum WorkbookRules {
    static let forbiddenNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    static func check(_ workbook: Workbook) throws(XLSXError) {
        guard !workbook.sheets.isEmpty else { throw invalid("a workbook needs at least one sheet") }
        guard workbook.sheets.contains(where: { $0.visibility == .visible }) else {
            throw invalid("at least one sheet must be visible")
        }
        var seen = Set<String>()
        for sheet in workbook.sheets {
            try checkName(sheet.name)
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw invalid("the sheet name \"\(sheet.name)\" is used twice")
            }
            try checkSheet(sheet)
        }
    }

    static func checkName(_ name: String) throws(XLSXError) {
        guard !name.isEmpty else { throw invalid("a sheet name cannot be empty") }
        guard name.utf16.count <= 31 else {
            throw invalid("the sheet name \"\(name)\" is longer than 31 characters")
        }
        if let bad = name.first(where: { forbiddenNameCharacters.contains($0) }) {
            throw invalid("the sheet name \"\(name)\" contains the character \"\(bad)\", which is not allowed")
        }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else {
            throw invalid("the sheet name \"\(name)\" cannot start or end with an apostrophe")
        }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw invalid("the sheet name \"\(name)\" contains a control character")
        }
        guard name.lowercased() != "history" else { throw invalid("\"History\" is reserved by Excel") }
    }

    private static func checkSheet(_ sheet: Worksheet) throws(XLSXError) {
        guard (0..<CellAddress.maxRow).contains(sheet.frozenRows),
              (0..<CellAddress.maxColumn).contains(sheet.frozenColumns) else {
            throw invalid("the frozen rows or columns of sheet \"\(sheet.name)\" are out of range")
        }
        for (column, width) in sheet.columnWidths {
            guard (1...CellAddress.maxColumn).contains(column), width > 0, width <= 255 else {
                throw invalid("column \(column) of sheet \"\(sheet.name)\" has an invalid width \(width)")
            }
        }
        // Excel's own limits for validation messages; longer ones make it repair the file.
        for v in sheet.validations {
            guard !v.ranges.isEmpty, v.ranges.allSatisfy({ $0.start.isValid && $0.end.isValid }) else {
                throw invalid("a validation on sheet \"\(sheet.name)\" has no valid cell range")
            }
            let limits: [(String?, Int, String)] = [(v.promptTitle, 32, "prompt title"), (v.prompt, 255, "prompt"),
                                                    (v.errorTitle, 32, "error title"), (v.error, 255, "error message")]
            for (text, limit, what) in limits where (text?.utf16.count ?? 0) > limit {
                throw invalid("the validation \(what) on sheet \"\(sheet.name)\" is longer than \(limit) characters")
            }
        }
    }

    private static func invalid(_ message: String) -> XLSXError { XLSXError(.invalidWorkbook(message)) }
}

/// Moves drop-down lists that cannot be written inline (longer than 255 characters, or
/// with a comma inside a choice) to columns of a very hidden sheet and points the
/// validation at that range instead.
enum ListSpill {
    static func apply(to sheets: [Worksheet]) -> [Worksheet] {
        var result = sheets
        var lists = Worksheet(name: uniqueName(in: sheets), visibility: .veryHidden)
        var column = 0
        for s in result.indices {
            for v in result[s].validations.indices {
                guard case .list(let items) = result[s].validations[v].kind,
                      ValidationXML.inlineListFormula(items) == nil, !items.isEmpty else { continue }
                column += 1
                for (r, item) in items.enumerated() { lists.set(.string(item), row: r + 1, column: column) }
                let name = CellAddress.columnName(column)
                result[s].validations[v].kind = .listFormula("'\(lists.name)'!$\(name)$1:$\(name)$\(items.count)")
            }
        }
        if column > 0 { result.append(lists) }
        return result
    }

    private static func uniqueName(in sheets: [Worksheet]) -> String {
        let taken = Set(sheets.map { $0.name.lowercased() })
        var name = XLSXWriter.listSheetName
        var n = 1
        while taken.contains(name.lowercased()) {
            n += 1
            name = XLSXWriter.listSheetName + String(n)
        }
        return name
    }
}
