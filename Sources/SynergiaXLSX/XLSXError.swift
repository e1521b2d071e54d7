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

    public init(maxFileBytes: Int = 50_000_000, maxUncompressedBytes: Int = 200_000_000, maxCells: Int = 2_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCells = maxCells
    }
}
