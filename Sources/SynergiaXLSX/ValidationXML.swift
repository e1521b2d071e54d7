import Foundation

/// Maps `DataValidation` to and from `<dataValidation>` elements.
enum ValidationXML {
    /// Excel refuses an inline list formula longer than this (quotes included).
    static let maxInlineListLength = 255
    // Used for an open side of a numeric range; OOXML has no "at least" for whole/decimal
    // without an operator change, and "between" keeps one code path for both sides.
    private static let unbounded = 1e307

    static func inlineListFormula(_ items: [String]) -> String? {
        guard !items.contains(where: { $0.contains(",") }) else { return nil }
        let formula = "\"" + items.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: ",") + "\""
        return formula.utf16.count <= maxInlineListLength ? formula : nil
    }

    static func write(_ v: DataValidation, into x: inout XMLBuilder) {
        var attributes: [(String, String)] = []
        var formulas: [String] = []
        func bounds(_ type: String, _ min: String?, _ max: String?) {
            attributes.append(("type", type))
            switch (min, max) {
            case let (lo?, hi?): attributes.append(("operator", "between")); formulas = [lo, hi]
            case let (lo?, nil): attributes.append(("operator", "greaterThanOrEqual")); formulas = [lo]
            case let (nil, hi?): attributes.append(("operator", "lessThanOrEqual")); formulas = [hi]
            case (nil, nil):
                attributes.append(("operator", "between"))
                formulas = [NumberText.format(-unbounded), NumberText.format(unbounded)]
            }
        }
        switch v.kind {
        case .list(let items):
            // The writer has already moved lists that do not fit inline to a hidden sheet.
            attributes.append(("type", "list"))
            formulas = [inlineListFormula(items) ?? "\"\""]
        case .listFormula(let f):
            attributes.append(("type", "list"))
            formulas = [f.hasPrefix("=") ? String(f.dropFirst()) : f]
        case let .decimal(min, max):
            bounds("decimal", min.map(NumberText.format), max.map(NumberText.format))
        case let .whole(min, max):
            bounds("whole", min.map(String.init), max.map(String.init))
        case let .date(min, max):
            bounds("date", min.map(NumberText.format), max.map(NumberText.format))
        case .textLength(let max):
            attributes += [("type", "textLength"), ("operator", "lessThanOrEqual")]
            formulas = [String(max)]
        }
        if v.allowBlank { attributes.append(("allowBlank", "1")) }
        if v.prompt != nil || v.promptTitle != nil { attributes.append(("showInputMessage", "1")) }
        attributes.append(("showErrorMessage", "1"))
        if let t = v.errorTitle { attributes.append(("errorTitle", t)) }
        if let e = v.error { attributes.append(("error", e)) }
        if let t = v.promptTitle { attributes.append(("promptTitle", t)) }
        if let p = v.prompt { attributes.append(("prompt", p)) }
        attributes.append(("sqref", v.ranges.map(\.a1).joined(separator: " ")))
        x.open("dataValidation", attributes)
        for (i, f) in formulas.enumerated() { x.element("formula\(i + 1)", text: f) }
        x.close("dataValidation")
    }

    /// Returns nil for rule types this module does not model (custom, time, …), which the
    /// reader then skips: validations are informational on import.
    static func read(attributes a: [String: String], formula1: String?, formula2: String?) -> DataValidation? {
        let ranges = (a["sqref"] ?? "").split(separator: " ").compactMap { CellRange($0) }
        guard !ranges.isEmpty else { return nil }
        let op = a["operator"] ?? "between"
        func number(_ s: String?) -> Double? {
            guard let s, let d = Double(s.trimmingCharacters(in: .whitespaces)), abs(d) < unbounded * 0.99 else { return nil }
            return d
        }
        func pair() -> (Double?, Double?) {
            switch op {
            case "between": return (number(formula1), number(formula2))
            case "greaterThanOrEqual", "greaterThan": return (number(formula1), nil)
            case "lessThanOrEqual", "lessThan": return (nil, number(formula1))
            case "equal": return (number(formula1), number(formula1))
            default: return (nil, nil)
            }
        }
        func int(_ d: Double?) -> Int? {
            guard let d, abs(d) < 9e15 else { return nil }
            return Int(d)
        }
        let kind: DataValidation.Kind
        switch a["type"] ?? "none" {
        case "list":
            guard let f = formula1 else { return nil }
            kind = parseList(f)
        case "decimal":
            let (lo, hi) = pair(); kind = .decimal(min: lo, max: hi)
        case "whole":
            let (lo, hi) = pair(); kind = .whole(min: int(lo), max: int(hi))
        case "date":
            let (lo, hi) = pair(); kind = .date(min: lo, max: hi)
        case "textLength":
            guard let max = int(pair().1) else { return nil }
            kind = .textLength(max: max)
        default:
            return nil
        }
        return DataValidation(ranges: ranges, kind: kind, allowBlank: XMLBool.parse(a["allowBlank"]),
                              promptTitle: a["promptTitle"], prompt: a["prompt"],
                              errorTitle: a["errorTitle"], error: a["error"])
    }

    /// `"a,b,""c"""` → ["a", "b", "\"c\""]; anything else is a range or name formula.
    private static func parseList(_ formula: String) -> DataValidation.Kind {
        let f = formula.trimmingCharacters(in: .whitespaces)
        guard f.count >= 2, f.hasPrefix("\""), f.hasSuffix("\"") else { return .listFormula(f) }
        let inner = String(f.dropFirst().dropLast())
        // A lone quote inside means this was not one string literal (e.g. "a"&"b").
        let unquoted = inner.replacingOccurrences(of: "\"\"", with: "")
        guard !unquoted.contains("\"") else { return .listFormula(f) }
        let items = inner.replacingOccurrences(of: "\"\"", with: "\"")
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return .list(items)
    }
}

/// OOXML booleans are "1"/"0" from Excel but "true"/"false" from LibreOffice.
enum XMLBool {
    static func parse(_ s: String?, default def: Bool = false) -> Bool {
        guard let s else { return def }
        return s == "1" || s.lowercased() == "true"
    }
}
