import Foundation
import SynergiaCore
import Testing
@testable import SynergiaXLSX

/// Mutations shared by the fuzz runs: each takes bytes and a seeded generator.
enum Mutation: CaseIterable {
    case flipBytes, truncate, duplicateSlice, insertDeepNesting

    func apply(_ data: Data, _ random: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return data }
        switch self {
        case .flipBytes:
            for _ in 0..<random.int(1...8) { bytes[random.int(0...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next()) }
        case .truncate:
            bytes = Array(bytes.prefix(random.int(0...(bytes.count - 1))))
        case .duplicateSlice:
            let start = random.int(0...(bytes.count - 1))
            let end = min(bytes.count, start + random.int(1...200))
            bytes.insert(contentsOf: bytes[start..<end], at: random.int(0...bytes.count))
        case .insertDeepNesting:
            let depth = random.int(150...5_000)
            let nested = Array((String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth)).utf8)
            // Just after a '>' keeps the insertion between tags most of the time.
            let at = bytes.indices.filter { bytes[$0] == UInt8(ascii: ">") }.randomElement(using: &random).map { $0 + 1 } ?? 0
            bytes.insert(contentsOf: nested, at: at)
        }
        return Data(bytes)
    }
}

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
            let mutation = Mutation.allCases[round / parts.count % Mutation.allCases.count]
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
            let data = Mutation.allCases[round % 3].apply(original, &random)
            do { _ = try XLSXReader.read(data) } catch { refused += 1 }
        }
        #expect(refused > 0)
    }
}
