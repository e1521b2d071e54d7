import Foundation

/// The content of one cell. Dates are not a separate case: a spreadsheet stores them as
/// serial day numbers and only the number format makes them look like dates, so they
/// round-trip as `.number` (see `ExcelDate` to convert).
public enum CellValue: Sendable, Equatable, Hashable {
    case empty
    case string(String)
    case number(Double)
    case bool(Bool)
    /// A formula without the leading "=". `cached` is the last value the spreadsheet
    /// application computed, as text (nil when the file never went through a calculator).
    case formula(String, cached: String?)

    public var isEmpty: Bool { self == .empty }

    /// The text a person would see, convenient for imports that compare with labels.
    public var stringValue: String? {
        switch self {
        case .empty: return nil
        case .string(let s): return s
        case .number(let d): return NumberText.format(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .formula(_, let cached): return cached
        }
    }

    /// The number, also from a formula's cached result or a numeric string typed as text,
    /// because focal points often type numbers into text-formatted cells.
    public var numberValue: Double? {
        switch self {
        case .number(let d): return d
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .formula(_, let cached): return cached.flatMap { Double($0) }
        case .bool, .empty: return nil
        }
    }
}

/// The few presentation and protection attributes the product needs. Deliberately small:
/// every distinct combination becomes one `cellXfs` entry in styles.xml.
public struct CellStyle: Sendable, Hashable {
    public var bold = false
    public var wrap = false
    /// Only has an effect on a protected sheet: unlocked cells stay editable there.
    public var locked = true
    /// A light grey background, used to mark cells (for example the ones to fill in).
    public var shaded = false
    public var italic = false

    public init(bold: Bool = false, wrap: Bool = false, locked: Bool = true, shaded: Bool = false, italic: Bool = false) {
        self.bold = bold
        self.wrap = wrap
        self.locked = locked
        self.shaded = shaded
        self.italic = italic
    }

    public static let plain = CellStyle()
    /// The usual style of an input cell on a protected sheet.
    public static let input = CellStyle(locked: false, shaded: true)
}

/// Converts between `Date` and spreadsheet serial day numbers (1900 date system, as used by
/// Excel on Windows and by LibreOffice by default).
public enum ExcelDate {
    // Serial 0 is 1899-12-30 once Excel's fictitious 1900-02-29 is accounted for.
    private static let epoch = Date(timeIntervalSince1970: -2_209_161_600)

    public static func serial(from date: Date) -> Double {
        date.timeIntervalSince(epoch) / 86_400
    }

    public static func date(fromSerial serial: Double) -> Date {
        epoch.addingTimeInterval(serial * 86_400)
    }
}

enum NumberText {
    /// Shortest text that parses back to the same Double; integers without ".0" because
    /// that is how Excel writes them and how people expect to read them.
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 {
            return String(Int64(d))
        }
        return "\(d)"
    }
}
