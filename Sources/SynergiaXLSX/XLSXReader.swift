import Foundation

/// Reads .xlsx files written by Excel, LibreOffice or this module's writer. Every failure,
/// including damaged or hostile files, is reported as an `XLSXError`, never a crash.
public enum XLSXReader {
    public static func read(_ data: Data, limits: XLSXLimits = .init()) throws(XLSXError) -> Workbook {
        let zip = try ZipParts(data: data, limits: limits)

        // The package root says where the workbook is; don't assume xl/workbook.xml.
        let rootRels = try PackageParts.relationships(of: "", in: zip)
        let workbookPath = rootRels.first { PackageParts.isType($0, "officeDocument") }?.target
            ?? (zip.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil)
        guard let workbookPath, zip.contains(workbookPath) else {
            if zip.contains("content.xml") {
                throw XLSXError(.unsupported("it is an OpenDocument (.ods) file, not .xlsx"))
            }
            throw XLSXError(.missingPart("xl/workbook.xml"))
        }
        let workbookRoot = try XMLNode.parse(try zip.read(workbookPath), part: workbookPath, limits: limits)
        let rels = try PackageParts.relationships(of: workbookPath, in: zip)

        var sharedStrings: [String] = []
        if let rel = rels.first(where: { PackageParts.isType($0, "sharedStrings") }), zip.contains(rel.target) {
            sharedStrings = try SharedStringsReader.read(try zip.read(rel.target), part: rel.target, limits: limits)
        }
        var styles: [CellStyle] = []
        if let rel = rels.first(where: { PackageParts.isType($0, "styles") }), zip.contains(rel.target) {
            styles = PackageParts.cellStyles(try XMLNode.parse(try zip.read(rel.target), part: rel.target, limits: limits))
        }

        var workbook = Workbook()
        var budget = limits.maxCells
        for entry in try PackageParts.sheets(workbook: workbookRoot, rels: rels, workbookPath: workbookPath) {
            let reader = SheetReader(name: entry.name, visibility: entry.visibility, part: entry.path,
                                     sharedStrings: sharedStrings, styles: styles, cellBudget: budget)
            try XMLEvents.parse(try zip.read(entry.path), part: entry.path, limits: limits,
                                maxElements: limits.maxElementsPerPart, handler: reader)
            budget = reader.cellBudget
            workbook.sheets.append(reader.sheet)
        }
        return workbook
    }

    public static func read(contentsOf url: URL, limits: XLSXLimits = .init()) throws(XLSXError) -> Workbook {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= limits.maxFileBytes else {
            throw XLSXError(.tooLarge("the file has \(size) bytes, the limit is \(limits.maxFileBytes)"))
        }
        guard let data = try? Data(contentsOf: url) else {
            throw XLSXError(.missingPart(url.lastPathComponent))
        }
        return try read(data, limits: limits)
    }
}
