import Foundation
import Testing
import SynergiaComputations
import SynergiaCoverage
import SynergiaGeoBindings

/// A KBA is named by any field with unique values, or by its feature id.
@Suite struct CoverageKBAIdentifierTests {
    /// Three KBAs over KEN's land, where site 1 covers 30–31°E, 0–2°N: fully covered, not covered, half
    /// covered. Same latitudes as the site: in Mollweide a meridian edge is a straight chord between its
    /// two ends, so edges on one meridian over different latitude spans would leave a sliver.
    static let kbas: [(code: String, box: (Double, Double, Double, Double))] = [
        ("K-1", (30, 0, 31, 2)), ("K-2", (31, 0, 32, 2)), ("K-3", (30.5, 0, 31.5, 2)),
    ]

    func kbaFile(_ world: BoundaryFixtures, codes: [String], name: String = "kba.gpkg") throws -> String {
        let features = zip(codes, Self.kbas).map { (code: $0, box: $1.box) }
        return try world.write(name, layer: "kba", fields: [("site_code", .string), ("IntName", .string), ("Country", .string)], features: features) {
            [.string($0), .string("Ridge \($0)"), .string("Kenya")]
        }
    }

    func run(_ world: BoundaryFixtures, kba: CoverageFiles.KBA) async throws -> CoveragePipeline.Outcome {
        let files = CoverageFiles(wdpa: try world.wdpa(), land: try world.iso3Land(), eez: try world.iso3EEZ(), kba: kba)
        return try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025)).run(files)
    }

    @Test func anyFieldOrTheFeatureIDNamesTheKBAsWithTheSameCoverage() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let path = try kbaFile(world, codes: Self.kbas.map(\.code))
        let byField = try await run(world, kba: .init(path: path, idField: "site_code"))
        let kba = try #require(byField.result.kba)
        #expect(kba.kbas.map(\.id) == ["K-1", "K-2", "K-3"])
        #expect(kba.kbas.map { ($0.coveredPercent * 1e6).rounded() / 1e6 } == [100, 0, 50])
        #expect(abs(kba.meanPercent! - 50) < 1e-9 && kba.fullyCoveredCount == 1)
        #expect(byField.kbaImport?.idField == "site_code" && byField.warnings.isEmpty)

        let byFeature = try await run(world, kba: .init(path: path, idField: "fid"))
        #expect(byFeature.result.kba?.kbas.map(\.id) == ["1", "2", "3"])
        #expect(byFeature.result.kba?.meanPercent == kba.meanPercent)
        #expect(byFeature.warnings == ["KBA layer kba of kba.gpkg: each KBA is identified by its feature id, which changes when the file is exported again"])

        // No id field among the usual names, but a name field: the feature id, with a warning that says so.
        let detected = try await run(world, kba: .init(path: path))
        #expect(detected.result.kba?.kbas.map(\.id) == ["1", "2", "3"])
        #expect(detected.warnings == ["KBA layer kba of kba.gpkg has no id field (looked for SITRECID, KBA_ID, KBAID, SITE_ID, ID): each KBA is identified by its feature id, which changes when the file is exported again"])
    }

    @Test func repeatedOrEmptyIDsAreRefusedNamingTheValueAndFeatures() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let repeated = try kbaFile(world, codes: ["K-1", "K-2", "K-1"], name: "repeated.gpkg")
        let error = await #expect(throws: KBAReadError.self) { try await run(world, kba: .init(path: repeated, idField: "site_code")) }
        #expect(error == .duplicateID(file: "repeated.gpkg", layer: "kba", field: "site_code", value: "K-1", featureIDs: [1, 3]))
        #expect(error?.facts == "KBA file repeated.gpkg, layer kba: id K-1 in field site_code is repeated (features 1 and 3); ids must be unique and not empty")
        let empty = try kbaFile(world, codes: ["K-1", " ", "K-3"], name: "empty.gpkg")
        let blank = await #expect(throws: KBAReadError.self) { try await run(world, kba: .init(path: empty, idField: "site_code")) }
        #expect(blank?.facts == "KBA file empty.gpkg, layer kba: feature 2 has no id in field site_code; ids must be unique and not empty")
    }
}
