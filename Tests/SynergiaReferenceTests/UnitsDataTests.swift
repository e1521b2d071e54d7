import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaTestSupport

/// The shipped `data/units.yaml` loads and its factors give the conversions
/// the targets rely on.
@Suite struct UnitsDataTests {
    @Test func theShippedTableConvertsAreasSharesAndCounts() throws {
        let table = try UnitsFile.load(dataDirectory: TestDatabase.dataDirectory)
        #expect(try table.convert(5.1, from: "Mha", to: "km2") == 51_000)
        #expect(try table.convert(1, from: "ha", to: "km2") == 0.01)
        #expect(try table.convert(1, from: "kha", to: "ha") == 1_000)
        #expect(try table.convert(100, from: "m2", to: "ha") == 0.01)
        #expect(try table.convert(12.5, from: "percent", to: "fraction") == 0.125)
        #expect(try table.convert(5, from: "per_mille", to: "percent") == 0.5)
        #expect(try table.convert(2.5, from: "million", to: "thousand") == 2_500)
        #expect(table.unit("km2")?.dimension == "area")
        #expect(throws: DomainError.invalid("unit km2 (area) cannot be converted to percent (share); a value must be stated in a unit of the same dimension")) {
            try table.convert(1, from: "km2", to: "percent")
        }
    }

    @Test func everyUnitTheShippedDataUsesIsInTheTable() throws {
        let table = try UnitsFile.load(dataDirectory: TestDatabase.dataDirectory)
        let reference = try ReferenceLoader.load(dataDirectory: TestDatabase.dataDirectory)
        let unknown = Set(reference.frameworks.flatMap { $0.indicators.map(\.unit) }).filter { table.unit($0) == nil }
        #expect(unknown.isEmpty, "units of data/frameworks missing from data/units.yaml: \(unknown.sorted())")
    }

    @Test func aTwiceDefinedUnitIsRefusedWithItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "units:\n  - {code: ha, dimension: area, factor: 10000, label: a}\n  - {code: ha, dimension: area, factor: 10000, label: b}\n"
            .write(to: folder.appendingPathComponent("units.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: DataFileError.self) { try UnitsFile.load(dataDirectory: folder) }
        #expect(error?.problems == [DataFileProblem(file: "data/units.yaml", line: 3, message: "unit 'ha' is defined twice; keep one definition")])
    }
}
