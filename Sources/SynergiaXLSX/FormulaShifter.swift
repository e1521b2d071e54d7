/// Excel stores a formula filled down or across once ("shared formula") and leaves the
/// other cells with only a reference to it; their text is the master formula with the
/// relative A1 references moved by the cell's offset. This rewrites those references.
enum FormulaShifter {
    static func shift(_ formula: String, rows: Int, columns: Int) -> String {
        guard rows != 0 || columns != 0 else { return formula }
        let chars = Array(formula)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            // String literals and quoted sheet names are copied untouched.
            if c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count && chars[j + 1] == c { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j, chars.count - 1)
                out += String(chars[i...end])
                i = end + 1
                continue
            }
            if let (length, replacement) = reference(in: chars, at: i, rows: rows, columns: columns) {
                out += replacement
                i += length
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Recognises `$?[A-Z]{1,3}$?[0-9]+` standing alone (not part of a name or function).
    private static func reference(in s: [Character], at start: Int, rows: Int, columns: Int) -> (Int, String)? {
        if start > 0, isNameCharacter(s[start - 1]) { return nil }
        var i = start
        let columnAbsolute = i < s.count && s[i] == "$"
        if columnAbsolute { i += 1 }
        let lettersStart = i
        while i < s.count, s[i].isASCII, s[i].isLetter { i += 1 }
        let letters = String(s[lettersStart..<i])
        guard (1...3).contains(letters.count) else { return nil }
        let rowAbsolute = i < s.count && s[i] == "$"
        if rowAbsolute { i += 1 }
        let digitsStart = i
        while i < s.count, s[i].isASCII, s[i].isNumber { i += 1 }
        guard i > digitsStart, let row = Int(String(s[digitsStart..<i])), row <= CellAddress.maxRow else { return nil }
        if i < s.count, isNameCharacter(s[i]) || s[i] == "(" { return nil }
        guard let parsed = CellAddress(letters + "1") else { return nil }
        let newRow = rowAbsolute ? row : row + rows
        let newColumn = columnAbsolute ? parsed.column : parsed.column + columns
        let moved = CellAddress(row: newRow, column: newColumn)
        // A reference pushed off the grid is #REF! in Excel too.
        guard moved.isValid else { return (i - start, "#REF!") }
        let text = (columnAbsolute ? "$" : "") + CellAddress.columnName(newColumn) + (rowAbsolute ? "$" : "") + String(newRow)
        return (i - start, text)
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "."
    }
}
