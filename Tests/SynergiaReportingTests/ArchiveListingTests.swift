import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaXLSX

/// The listing that tells an uploaded workbook, OpenDocument spreadsheet and zipped
/// shapefile apart, read from archives a ZIP library wrote.
@Suite struct ArchiveListingTests {
    static func archive(_ entries: [(String, String)]) throws -> Data {
        try ZipArchiveWriter.write(entries.map { (path: $0.0, data: Data($0.1.utf8)) })
    }

    @Test func namesAndTheOpenDocumentTypeAreRead() throws {
        let workbook = try Self.archive([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>")])
        #expect(ArchiveListing.read(workbook) == ArchiveListing(names: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]))
        let ods = try Self.archive([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>")])
        #expect(ArchiveListing.read(ods)?.mimetype == "application/vnd.oasis.opendocument.spreadsheet")
        let longType = try Self.archive([("mimetype", String(repeating: "x", count: 101))])
        #expect(ArchiveListing.read(longType) == ArchiveListing(names: ["mimetype"], mimetype: nil))
    }

    @Test func aTruncatedOrForgedArchiveReadsAsNone() throws {
        let zip = try Self.archive([("parks/parks.shp", "shp"), ("parks/parks.shx", "shx"), ("parks/parks.dbf", "dbf")])
        #expect(ArchiveListing.read(zip)?.names.count == 3)
        for length in [4, 30, zip.count / 2, zip.count - 1] {
            #expect(ArchiveListing.read(zip.prefix(length)) == nil, "\(length) bytes")
        }
        // The end record's directory offset pointed past the data.
        var forged = [UInt8](zip)
        let end = forged.count - 22
        forged.replaceSubrange((end + 16)..<(end + 20), with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(ArchiveListing.read(Data(forged)) == nil)
        #expect(ArchiveListing.read(Data("not a zip".utf8)) == nil)
    }

    @Test func anUploadedArchiveIsCheckedByWhatItHolds() throws {
        let shapefile = try Self.archive([("parks.shp", "shp"), ("parks.shx", "shx"), ("parks.dbf", "dbf")])
        #expect(try AttachmentRules.check(name: "parks.zip", data: shapefile, maximumBytes: 1_000_000, archive: ArchiveListing.read(shapefile)) == .shapefileZip)
        let error = #expect(throws: DomainError.self) {
            try AttachmentRules.check(name: "table.xlsx", data: shapefile, maximumBytes: 1_000_000, archive: ArchiveListing.read(shapefile))
        }
        #expect(error?.message.hasPrefix("'table.xlsx' is not an Excel workbook (.xlsx): its content is a zipped shapefile") == true)
    }
}
