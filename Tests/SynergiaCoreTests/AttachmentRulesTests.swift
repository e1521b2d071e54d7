import Foundation
import Testing
import SynergiaCore

/// The first bytes of a ZIP archive: the content checks read an archive's
/// directory through the listing the caller gives, so the tests give one.
let zipSignature = Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 26)

enum SampleFiles {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) + Data("JFIF".utf8)
    static let pdf = Data("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    static let geoPackage: Data = {
        var bytes = [UInt8]("SQLite format 3\0".utf8) + [UInt8](repeating: 0, count: 52) + [UInt8]("GPKG".utf8)
        bytes += [UInt8](repeating: 0, count: 100 - bytes.count)
        return Data(bytes)
    }()
    static let xlsx = ArchiveListing(names: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"])
    static let ods = ArchiveListing(names: ["mimetype", "content.xml"], mimetype: "application/vnd.oasis.opendocument.spreadsheet")
    static let shapefile = ArchiveListing(names: ["parks/parks.shp", "parks/parks.shx", "parks/parks.dbf", "parks/parks.prj"])
    static let geoJSON = Data(#"{"type": "FeatureCollection", "features": []}"#.utf8)
    static let kml = Data(#"<?xml version="1.0" encoding="UTF-8"?><!-- parks --><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>"#.utf8)
    static let csv = Data("year,value\n2020,17.2\n".utf8)
}

@Suite struct AttachmentRulesTests {
    @Test(arguments: [
        ("scan.pdf", SampleFiles.pdf, AttachmentKind.pdf), ("map.png", SampleFiles.png, .png), ("photo.JPG", SampleFiles.jpeg, .jpeg),
        ("photo.jpeg", SampleFiles.jpeg, .jpeg), ("parks.gpkg", SampleFiles.geoPackage, .geopackage),
        ("parks.geojson", SampleFiles.geoJSON, .geojson), ("parks.kml", SampleFiles.kml, .kml), ("series.csv", SampleFiles.csv, .csv),
    ])
    func eachAcceptedKindIsToldByItsContent(name: String, data: Data, kind: AttachmentKind) throws {
        #expect(try AttachmentRules.check(name: name, data: data, maximumBytes: 1_000_000, archive: nil) == kind)
    }

    @Test(arguments: [
        ("table.xlsx", SampleFiles.xlsx, AttachmentKind.xlsx), ("table.ods", SampleFiles.ods, .ods), ("parks.zip", SampleFiles.shapefile, .shapefileZip),
    ])
    func eachArchiveKindIsToldByWhatItHolds(name: String, archive: ArchiveListing, kind: AttachmentKind) throws {
        #expect(try AttachmentRules.check(name: name, data: zipSignature, maximumBytes: 1_000_000, archive: archive) == kind)
        // An archive whose directory could not be read is none of them.
        #expect(throws: DomainError.self) { try AttachmentRules.check(name: name, data: zipSignature, maximumBytes: 1_000_000, archive: nil) }
    }

    @Test func aFileWhoseContentIsNotWhatItsNameSaysIsRefusedNamingIt() {
        let error = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "NBSAP.pdf", data: SampleFiles.png, maximumBytes: 1_000_000, archive: nil) }
        #expect(error?.message == "'NBSAP.pdf' is not a PDF document: its content is a PNG image; attach the file itself, or give it the ending of what it is")
        let zip = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "table.xlsx", data: zipSignature, maximumBytes: 1_000_000, archive: SampleFiles.shapefile) }
        #expect(zip?.message.hasPrefix("'table.xlsx' is not an Excel workbook (.xlsx): its content is a zipped shapefile") == true)
    }

    @Test func aZipWithoutTheThreeShapefilePartsIsRefused() {
        let incomplete = ArchiveListing(names: ["parks.shp", "parks.dbf"])
        let error = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "parks.zip", data: zipSignature, maximumBytes: 1_000_000, archive: incomplete) }
        #expect(error?.message.contains("its content is a ZIP archive of other files") == true)
    }

    @Test func anSQLiteFileThatIsNoGeoPackageIsRefused() {
        var bytes = [UInt8](SampleFiles.geoPackage)
        bytes.replaceSubrange(68..<72, with: [0, 0, 0, 0])
        let error = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "parks.gpkg", data: Data(bytes), maximumBytes: 1_000_000, archive: nil) }
        #expect(error?.message.contains("an SQLite database that is not a GeoPackage") == true)
    }

    @Test func textKindsAreCheckedForTheirOwnShape() {
        #expect(throws: DomainError.self) { try AttachmentRules.check(name: "parks.geojson", data: Data(#"{"type": "Topology"}"#.utf8), maximumBytes: 1_000, archive: nil) }
        #expect(throws: DomainError.self) { try AttachmentRules.check(name: "parks.kml", data: Data("<html><kml/></html>".utf8), maximumBytes: 1_000, archive: nil) }
        let utf16 = Data("year,value\n".utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })
        let error = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "series.csv", data: utf16, maximumBytes: 1_000, archive: nil) }
        #expect(error?.message.contains("is not a CSV table") == true)
    }

    @Test func anUnknownEndingEmptyOrOversizeFileIsRefused() {
        let exe = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "setup.exe", data: Data("MZ".utf8), maximumBytes: 1_000, archive: nil) }
        #expect(exe?.message.hasPrefix("'setup.exe' is not a kind of file a report takes: its name must end with one of .pdf, .png, .jpg") == true)
        let empty = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "scan.pdf", data: Data(), maximumBytes: 1_000, archive: nil) }
        #expect(empty?.message == "'scan.pdf' is empty (0 bytes); choose the file again")
        let large = #expect(throws: DomainError.self) { try AttachmentRules.check(name: "scan.pdf", data: SampleFiles.pdf, maximumBytes: 20, archive: nil) }
        #expect(large?.message == "'scan.pdf' has \(SampleFiles.pdf.count) bytes, more than the 20 bytes a file may have (SYNERGIA_MAX_UPLOAD_MB); reduce it or split it")
    }

    @Test func namesLoseTheirPathsControlCharactersAndLeadingDots() throws {
        #expect(try AttachmentRules.fileName("../../etc/passwd.pdf") == "passwd.pdf")
        #expect(try AttachmentRules.fileName("C:\\Users\\amina\\Rapport national.pdf") == "Rapport national.pdf")
        #expect(try AttachmentRules.fileName("report\u{202E}fdp.exe") == "reportfdp.exe")
        #expect(try AttachmentRules.fileName("..hidden.kml") == "hidden.kml")
        #expect(try AttachmentRules.fileName("a:b*c?.pdf") == "a_b_c_.pdf")
        #expect(try AttachmentRules.fileName("国家报告.pdf") == "国家报告.pdf")
        #expect(try AttachmentRules.fileName("Re\u{0301}sume\u{0301}.pdf") == "Résumé.pdf")
        let long = try AttachmentRules.fileName(String(repeating: "é", count: 200) + ".pdf")
        #expect(long.hasSuffix(".pdf") && long.utf8.count <= AttachmentRules.maximumNameBytes)
        #expect(throws: DomainError.self) { try AttachmentRules.fileName("../") }
        // A name that was only an ending keeps none, and is refused by its kind.
        #expect(try AttachmentRules.fileName(".pdf") == "pdf")
        #expect(throws: DomainError.self) { try AttachmentRules.check(name: "pdf", data: SampleFiles.pdf, maximumBytes: 1_000, archive: nil) }
    }

    @Test func onlyLinkQuestionsTakeFiles() {
        #expect(AttachmentRules.acceptsFiles(Question(id: "doc", type: .link, label: LocalizedText(["en": "Document"]))))
        #expect(!AttachmentRules.acceptsFiles(Question(id: "text", type: .text, label: LocalizedText(["en": "Text"]))))
    }
}
