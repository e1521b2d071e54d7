/// Why a workbook could not be read or written. `description` is written for the person
/// who uploaded the file, so the product can show it as is.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notZip
        /// The ZIP container is damaged or truncated.
        case corruptArchive(String)
        case missingPart(String)
        case malformedXML(part: String, line: Int, message: String)
        case tooLarge(String)
        /// A part goes past one of the structural limits (nesting, element count, text size)
        /// that no spreadsheet application comes near.
        case limitExceeded(part: String, detail: String)
        case unsupported(String)
        /// The workbook given to the writer breaks a spreadsheet rule (e.g. a sheet name).
        case invalidWorkbook(String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .notZip:
            return "The file is not an Excel workbook (it is not a ZIP archive). Export it again from Excel or LibreOffice as .xlsx."
        case .corruptArchive(let detail):
            return "The workbook file is damaged or incomplete (\(detail)). Save it again from Excel or LibreOffice as .xlsx and upload the new file."
        case .missingPart(let part):
            return "The file is not a complete Excel workbook: the part \"\(part)\" is missing. Open it in Excel or LibreOffice and save it again as .xlsx."
        case let .malformedXML(part, line, message):
            return "The workbook contains damaged data in \"\(part)\" near line \(line) (\(message)). Open it in Excel or LibreOffice and save it again as .xlsx."
        case .tooLarge(let detail):
            return "The workbook is too large to import (\(detail)). Remove unneeded sheets or rows and try again."
        case let .limitExceeded(part, detail):
            return "The workbook cannot be imported: the part \"\(part)\" \(detail). Excel and LibreOffice never write such a part; open the file in one of them, save it again as .xlsx and upload the new file."
        case .unsupported(let detail):
            return "The workbook uses a feature that cannot be imported (\(detail)). Save it as a normal .xlsx workbook and try again."
        case .invalidWorkbook(let detail):
            return "The workbook cannot be created: \(detail)."
        }
    }
}

/// Ceilings that protect the server from hostile or accidental huge uploads.
public struct XLSXLimits: Sendable, Equatable {
    /// Size of the .xlsx file itself.
    public var maxFileBytes: Int
    /// Total size of all parts once inflated; guards against ZIP bombs.
    public var maxUncompressedBytes: Int
    /// Number of `<c>` elements across all sheets.
    public var maxCells: Int
    /// Element nesting in any part. SpreadsheetML nests about 6 deep (rich text in a
    /// cell inside an extension), so 100 only refuses forged parts, and it keeps every
    /// tree built from a part shallow.
    public var maxXMLDepth: Int
    /// Elements in one streamed part (a sheet): a cell is 2 or 3 elements.
    public var maxElementsPerPart: Int
    /// Elements in one part read whole into memory (workbook, relationships, styles).
    public var maxTreeElements: Int
    /// UTF-8 bytes of one run of text between tags; Excel caps a cell at 32,767 characters.
    public var maxTextBytes: Int
    /// UTF-8 bytes of one attribute value (long `sqref` range lists are the largest).
    public var maxAttributeBytes: Int
    /// UTF-8 bytes of all text in one part.
    public var maxTextBytesPerPart: Int

    public init(maxFileBytes: Int = 50_000_000, maxUncompressedBytes: Int = 200_000_000, maxCells: Int = 2_000_000,
                maxXMLDepth: Int = 100, maxElementsPerPart: Int = 10_000_000, maxTreeElements: Int = 1_000_000,
                maxTextBytes: Int = 1_000_000, maxAttributeBytes: Int = 262_144, maxTextBytesPerPart: Int = 100_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCells = maxCells
        self.maxXMLDepth = maxXMLDepth
        self.maxElementsPerPart = maxElementsPerPart
        self.maxTreeElements = maxTreeElements
        self.maxTextBytes = maxTextBytes
        self.maxAttributeBytes = maxAttributeBytes
        self.maxTextBytesPerPart = maxTextBytesPerPart
    }
}
