/// A cell position, 1-based like the A1 notation it converts to and from.
public struct CellAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "B7" or "$AB$12". Returns nil for anything outside the sheet grid.
    public init?(_ a1: some StringProtocol) {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for scalar in a1.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 65...90, 97...122:
                guard !sawDigit else { return nil }
                column = column * 26 + Int((scalar.value & ~0x20) - 64)
                sawLetter = true
                guard column <= Self.maxColumn else { return nil }
            case 48...57:
                row = row * 10 + Int(scalar.value - 48)
                sawDigit = true
                guard row <= Self.maxRow else { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        self.init(row: row, column: column)
    }

    public var isValid: Bool {
        (1...Self.maxRow).contains(row) && (1...Self.maxColumn).contains(column)
    }

    public var a1: String { Self.columnName(column) + String(row) }
    public var absoluteA1: String { "$" + Self.columnName(column) + "$" + String(row) }
    public var description: String { a1 }

    /// 1 → "A", 27 → "AA".
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let rem = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + rem))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangular block of cells such as "B2:B200".
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var start: CellAddress
    public var end: CellAddress

    public init(start: CellAddress, end: CellAddress) {
        self.start = CellAddress(row: min(start.row, end.row), column: min(start.column, end.column))
        self.end = CellAddress(row: max(start.row, end.row), column: max(start.column, end.column))
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(start: CellAddress(row: rows.lowerBound, column: columns.lowerBound),
                  end: CellAddress(row: rows.upperBound, column: columns.upperBound))
    }

    public init(_ cell: CellAddress) { self.init(start: cell, end: cell) }

    /// Parses "A1:C3" or a single "A1".
    public init?(_ a1: some StringProtocol) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let s = CellAddress(parts[0]), let e = CellAddress(parts[parts.count - 1]) else { return nil }
        self.init(start: s, end: e)
    }

    public var a1: String { start == end ? start.a1 : start.a1 + ":" + end.a1 }
    public var description: String { a1 }

    public func contains(_ cell: CellAddress) -> Bool {
        (start.row...end.row).contains(cell.row) && (start.column...end.column).contains(cell.column)
    }
}
