import Foundation
import SynergiaCore
import SynergiaTestSupport
import Testing
@testable import SynergiaXLSX

@Suite("Fuzzing the workbook parts")
struct XLSXPartFuzzTests {
    /// Mutates one XML part of a valid workbook at a time and packs it again, so the
    /// mutations reach the XML parser instead of failing the ZIP checksum. Every outcome
    /// is a workbook or an XLSXError (typed throws); nesting past the limit is always refused.
    @Test func mutatedPartsNeverCrash() throws {
        let original = try XLSXWriter.write(Fixture.richWorkbook())
        let zip = try ZipParts(data: original, limits: XLSXLimits())
        let paths = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "_rels/.rels", "[Content_Types].xml"]
        let parts = try paths.map { ($0, try zip.read($0)) }
        var random = SeededRandom(seed: 0xF022)
        var outcomes: [String: Int] = [:]
        for round in 0..<400 {
            let target = round % parts.count
            let mutation = FuzzMutation.allCases[round / parts.count % FuzzMutation.allCases.count]
            var mutated = parts
            mutated[target].1 = mutation.apply(parts[target].1, &random)
            let data = try XLSXWriter.zip(mutated)
            do {
                _ = try XLSXReader.read(data)
                outcomes["read", default: 0] += 1
                // A deep insertion can only pass where the part is not parsed at all.
                if mutation == .insertDeepNesting { #expect(paths[target] == "[Content_Types].xml") }
            } catch {
                outcomes["\(error.kind)".prefix { $0 != "(" }.description, default: 0] += 1
            }
        }
        #expect(outcomes["read", default: 0] > 0)
        #expect(outcomes["limitExceeded", default: 0] > 0)
        #expect(outcomes["malformedXML", default: 0] > 0)
    }

    @Test func mutatedArchivesNeverCrash() throws {
        let original = try XLSXWriter.write(Fixture.richWorkbook())
        var random = SeededRandom(seed: 0xA2C4)
        var refused = 0
        for round in 0..<300 {
            let data = FuzzMutation.allCases[round % 3].apply(original, &random)
            do { _ = try XLSXReader.read(data) } catch { refused += 1 }
        }
        #expect(refused > 0)
    }
}
