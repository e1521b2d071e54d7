import Foundation
import Testing
import SynergiaComputations
@testable import SynergiaCoverage
@testable import SynergiaDemoData
import SynergiaXLSX

/// sites.csv and sites.xlsx as an analyst opens them: the same rows and columns, the CSV to
/// 1 m², the workbook at full precision with numbers as numbers.
@Suite struct SiteTableFileTests {
    func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Data {
        GeneratorGeography.wkbMultiPolygon([[[x0, y0, x1, y0, x1, y1, x0, y1]]])
    }

    @Test func theCSVAndTheWorkbookHoldEveryRecordOfTheCountry() throws {
        let kept = WDPARecord(siteID: 1, parcelID: "1_A", name: "Lake, \"North\"", designation: "National Park", iucnCategory: .ii,
                              realm: .coastal, reportedArea: 2900, gisArea: 3000.25, status: .designated, statusYear: 1990, iso3: ["AAA"],
                              geometry: box(10, 40, 10.5, 40.5), source: RecordSource(layer: "wdpa_poly", featureID: 4))
        let proposed = WDPARecord(siteID: 2, name: "=Proposed", status: .proposed, statusYear: 2001, iso3: ["AAA"],
                                  geometry: box(11, 40, 11.5, 40.5), source: RecordSource(layer: "wdpa_poly", featureID: 5))
        let (result, layers) = try CoverageEngine().runWithLayers(sites: [proposed, kept], land: [box(9, 39, 13, 42)], eez: nil, country: "AAA")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-table-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try CoverageTables.write(result, imported: WDPAImport(records: [kept, proposed], problems: [], layers: []), layers: layers, to: folder.path)

        let area = try #require(layers.sites.first?.row.computedAreaKm2)
        let csv = try String(contentsOf: folder.appendingPathComponent("sites.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == SiteColumns.all.map(\.name).joined(separator: ","))
        let a = String(format: "%.6f", area), diff = String(format: "%.6f", area - 3000.25)
        let percent = String(format: "%.4f", 100 * (area - 3000.25) / 3000.25)
        #expect(lines[1] == "1,1_A,\"Lake, \"\"North\"\"\",National Park,National,II,Not Reported,Designated,1990,PA,1,coastal (terrestrial and marine),polygon,2900.000000,3000.250000,\(a),\(diff),\(percent),\(a),\(a),0.000000,,wdpa_poly,4")
        // A name that starts like a formula is written as text.
        #expect(lines[2] == "2,2,'=Proposed,,National,Not Reported,Not Reported,Proposed,2001,PA,0,terrestrial,polygon,,,,,,,,,status not kept,wdpa_poly,5")

        let sheet = try #require(try XLSXReader.read(contentsOf: folder.appendingPathComponent("sites.xlsx"))["sites"])
        #expect(sheet.row(1).compactMap(\.stringValue) == SiteColumns.all.map(\.name))
        #expect(sheet.rowCount == 3)
        #expect(sheet[2, 1] == .number(1) && sheet[2, 16] == .number(area) && sheet[2, 15] == .number(3000.25))
        #expect(sheet[3, 16] == .empty && sheet[3, 22] == .string("status not kept") && sheet[3, 3] == .string("=Proposed"))
    }
}
