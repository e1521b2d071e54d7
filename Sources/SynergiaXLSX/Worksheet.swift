/// One sheet: a sparse grid of cells plus the layout, protection and validation settings
/// that the offline-work round trip relies on.
public struct Worksheet: Sendable, Equatable {
    public enum Visibility: String, Sendable, Equatable {
        case visible
        /// The user can unhide it from the sheet tab menu.
        case hidden
        /// Only reachable through macros or by editing the file; for helper lists.
        case veryHidden
    }

    public struct Cell: Sendable, Equatable {
        public var value: CellValue
        public var style: CellStyle

        public init(value: CellValue, style: CellStyle = .plain) {
            self.value = value
            self.style = style
        }
    }

    /// One non-empty cell, as yielded by `nonEmptyCells`.
    public struct Entry: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var value: CellValue
        public var style: CellStyle
    }

    public var name: String
    public var visibility: Visibility
    /// Width in characters of the default font, keyed by 1-based column.
    public var columnWidths: [Int: Double] = [:]
    /// Rows kept visible at the top while scrolling (typically the header).
    public var frozenRows = 0
    public var frozenColumns = 0
    public var validations: [DataValidation] = []
    /// When set, the sheet is protected and only cells with `locked == false` can be edited.
    public var protection: SheetProtection?

    // Styled empty cells are kept on purpose: an unlocked, empty input cell is exactly
    // what a focal point must be able to fill in.
    private var cells: [CellAddress: Cell] = [:]
    public private(set) var rowCount = 0
    public private(set) var columnCount = 0

    public init(name: String, visibility: Visibility = .visible) {
        self.name = name
        self.visibility = visibility
    }

    /// 1-based. Assigning keeps the cell's existing style.
    public subscript(row: Int, column: Int) -> CellValue {
        get { cells[CellAddress(row: row, column: column)]?.value ?? .empty }
        set { set(newValue, row: row, column: column, style: style(row: row, column: column)) }
    }

    public subscript(_ a1: String) -> CellValue {
        get { CellAddress(a1).map { self[$0.row, $0.column] } ?? .empty }
    }

    public func style(row: Int, column: Int) -> CellStyle {
        cells[CellAddress(row: row, column: column)]?.style ?? .plain
    }

    public func cell(row: Int, column: Int) -> Cell? {
        cells[CellAddress(row: row, column: column)]
    }

    /// Row and column are 1-based and must lie within the spreadsheet grid
    /// (1...1,048,576 × 1...16,384); anything else is a programming error.
    public mutating func set(_ value: CellValue, row: Int, column: Int, style: CellStyle = .plain) {
        let address = CellAddress(row: row, column: column)
        precondition(address.isValid, "Cell \(row),\(column) is outside the spreadsheet grid")
        if value == .empty && style == .plain {
            cells[address] = nil
        } else {
            cells[address] = Cell(value: value, style: style)
            rowCount = max(rowCount, row)
            columnCount = max(columnCount, column)
        }
    }

    /// Applies a style to a block without touching the values, e.g. to unlock an input area.
    public mutating func setStyle(_ style: CellStyle, range: CellRange) {
        for r in range.start.row...range.end.row {
            for c in range.start.column...range.end.column {
                set(self[r, c], row: r, column: c, style: style)
            }
        }
    }

    /// Appends a row after the last used one and returns its number.
    @discardableResult
    public mutating func appendRow(_ values: [CellValue], style: CellStyle = .plain) -> Int {
        let row = rowCount + 1
        for (i, v) in values.enumerated() where v != .empty || style != .plain {
            set(v, row: row, column: i + 1, style: style)
        }
        rowCount = max(rowCount, row)
        return row
    }

    /// Values of one row from column 1 to `columnCount`, with `.empty` for gaps.
    public func row(_ row: Int) -> [CellValue] {
        guard columnCount > 0 else { return [] }
        return (1...columnCount).map { self[row, $0] }
    }

    /// Cells holding a value, in reading order (row by row, left to right).
    public var nonEmptyCells: [Entry] {
        allCells.filter { $0.value != .empty }
    }

    /// Every stored cell including styled empty ones, in reading order.
    public var allCells: [Entry] {
        cells.sorted { $0.key < $1.key }.map {
            Entry(row: $0.key.row, column: $0.key.column, value: $0.value.value, style: $0.value.style)
        }
    }

    var storedCellCount: Int { cells.count }
}
