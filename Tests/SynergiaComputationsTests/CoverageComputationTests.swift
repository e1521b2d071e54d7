import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaGeo
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

@Suite struct CoverageComputationTests {
    @Test(arguments: TestDatabase.kinds)
    func aRunOnGeneratedDataIsStoredAsComputedSeriesAndRepeatsExactly(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 11).write(to: file, sites: 80, countries: ["KEN", "TZA"])
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
            let inputs = CoverageComputation.Inputs(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez", country: "KEN", year: 2025)
            let first = try await CoverageComputation().run(inputs, workspace: kenya, store: store)
            let run = try #require(first.run)
            #expect(run.engine == "coverage")
            #expect(run.inputs.map(\.role) == ["wdpa", "land", "eez"])
            #expect(run.inputs.allSatisfy { $0.sha256.count == 64 && $0.bytes > 0 })
            #expect(run.options["area_method"] == "equalArea")

            let land = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
            let stored = try #require(land.observations.first)
            #expect(stored.year == 2025)
            #expect(stored.provenance == .computed(runID: run.id))
            #expect(abs(stored.value - first.result.coverage.landPercent!) < 1e-4)
            let marine = try #require(try await store.series(workspaceID: kenya.id, indicator: "SDG-14.5.1", disaggregation: ""))
            #expect(abs(marine.observations[0].value - first.result.coverage.marinePercent!) < 1e-4)

            // Invariants: coverage within 0–100 %, land + marine = total.
            let c = first.result.coverage
            #expect((0...100).contains(c.landPercent!) && (0...100).contains(c.marinePercent!))
            #expect(abs(c.landKm2! + c.marineKm2! - c.totalKm2) < 1e-6 * max(1, c.totalKm2))

            let second = try await CoverageComputation().run(inputs, workspace: kenya, store: store)
            #expect(second.result.coverage == first.result.coverage)
            #expect(second.run?.inputs == run.inputs)
        }
    }

    @Test func aMissingCountryInTheLandLayerIsNamed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 3).write(to: file, sites: 10, countries: ["KEN"])
        let inputs = CoverageComputation.Inputs(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez", country: "FRA", year: 2025)
        let error = await #expect(throws: DomainError.self) { try await CoverageComputation().run(inputs, workspace: nil, store: nil) }
        #expect(error?.message.contains("has no feature for FRA") == true)
    }
}
