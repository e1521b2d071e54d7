/// An input rule on a block of cells: a drop-down list, a numeric range, a length limit.
/// Excel and LibreOffice both enforce it while typing and show the prompt on selection.
public struct DataValidation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A drop-down of fixed choices. Lists too long for Excel's 255-character inline
        /// limit (or with commas in a choice) are moved by the writer to a hidden sheet.
        case list([String])
        /// A drop-down whose choices come from a range, e.g. "Lists!$A$1:$A$40".
        case listFormula(String)
        case decimal(min: Double?, max: Double?)
        case whole(min: Int?, max: Int?)
        /// Bounds as serial day numbers (see `ExcelDate`).
        case date(min: Double?, max: Double?)
        case textLength(max: Int)
    }

    public var ranges: [CellRange]
    public var kind: Kind
    public var allowBlank: Bool
    public var promptTitle: String?
    public var prompt: String?
    public var errorTitle: String?
    public var error: String?

    public init(range: CellRange, kind: Kind, allowBlank: Bool = true,
                promptTitle: String? = nil, prompt: String? = nil,
                errorTitle: String? = nil, error: String? = nil) {
        self.init(ranges: [range], kind: kind, allowBlank: allowBlank, promptTitle: promptTitle,
                  prompt: prompt, errorTitle: errorTitle, error: error)
    }

    public init(ranges: [CellRange], kind: Kind, allowBlank: Bool = true,
                promptTitle: String? = nil, prompt: String? = nil,
                errorTitle: String? = nil, error: String? = nil) {
        self.ranges = ranges
        self.kind = kind
        self.allowBlank = allowBlank
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.errorTitle = errorTitle
        self.error = error
    }

    /// The first block, which is the only one for validations this module writes.
    public var range: CellRange { ranges[0] }
}

/// Sheet protection. It is a guard against accidental edits, not security: the legacy
/// password hash is 16 bits and any spreadsheet tool can remove it.
public struct SheetProtection: Sendable, Equatable {
    /// The 4-hex-digit legacy hash as stored in the file; nil means no password.
    public var passwordHash: String?
    public var allowFormattingColumns: Bool
    public var allowSelectingLockedCells: Bool

    public init(password: String? = nil, allowFormattingColumns: Bool = true, allowSelectingLockedCells: Bool = true) {
        self.passwordHash = password.map(Self.legacyHash)
        self.allowFormattingColumns = allowFormattingColumns
        self.allowSelectingLockedCells = allowSelectingLockedCells
    }

    init(passwordHash: String?, allowFormattingColumns: Bool, allowSelectingLockedCells: Bool) {
        self.passwordHash = passwordHash
        self.allowFormattingColumns = allowFormattingColumns
        self.allowSelectingLockedCells = allowSelectingLockedCells
    }

    /// The ECMA-376 Part 4 §14.7.1 hash that Excel and LibreOffice accept in `password=`.
    static func legacyHash(_ password: String) -> String {
        // Same algorithm as openpyxl's hash_password, which Excel accepts.
        let bytes = Array(password.utf8.prefix(15))
        var hash: UInt32 = 0
        for (i, byte) in bytes.enumerated() {
            var value = UInt32(byte) << UInt32(i + 1)
            let rotated = value >> 15
            value &= 0x7FFF
            hash ^= value | rotated
        }
        hash ^= UInt32(bytes.count)
        hash ^= 0xCE4B
        let hex = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}
