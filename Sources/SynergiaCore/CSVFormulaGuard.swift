/// Keeps a CSV cell from running as a formula when the file is opened in a spreadsheet
/// (OWASP "CSV injection"): text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, which spreadsheets show as text and do not evaluate.
/// Every CSV the product writes passes its cells through here.
public enum CSVFormulaGuard {
    public static func cell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        // A plain number such as -3.5 or +2e-4 is no formula and must stay a number for
        // the spreadsheet to add it up, so it is written as it is.
        if isPlainNumber(text) { return text }
        return "'" + text
    }

    public static func row(_ cells: [String]) -> [String] {
        cells.map(cell)
    }

    /// Optional sign, digits with at most one decimal point, optional exponent; nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        var mantissa = digits()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
