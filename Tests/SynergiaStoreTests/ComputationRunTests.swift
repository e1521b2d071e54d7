import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct ComputationRunTests {
    func run(_ workspaceID: Int64) -> ComputationRun {
        ComputationRun(workspaceID: workspaceID, engine: "coverage",
                       inputs: [.init(role: "wdpa", fileName: "wdpa.gpkg", sha256: String(repeating: "a", count: 64), bytes: 1024)],
                       options: ["area": "mollweide"], softwareVersion: "test", startedAt: Date(timeIntervalSince1970: 1_800_000_000),
                       durationMilliseconds: 1234, warnings: ["3 sites without geometry skipped"])
    }

    @Test(arguments: TestDatabase.kinds)
    func resultsAreStoredAsComputedSeriesOfTheLatestRun(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let results = [Fixtures.observation(2020, 12.5), Fixtures.observation(2024, 14.25)]
            let first = try await store.recordRun(run(kenya.id), results: results)
            #expect(first.inputs.first?.fileName == "wdpa.gpkg")
            #expect(first.warnings == ["3 sites without geometry skipped"])
            #expect(first.startedAt == Date(timeIntervalSince1970: 1_800_000_000))
            var series = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: ""))
            #expect(series.observations.map(\.provenance) == [.computed(runID: first.id), .computed(runID: first.id)])

            // A second run with the same numbers: same values, provenance of the new run.
            let second = try await store.recordRun(run(kenya.id), results: results)
            series = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: ""))
            #expect(series.observations.map(\.value) == [12.5, 14.25])
            #expect(series.observations.map(\.provenance) == [.computed(runID: second.id), .computed(runID: second.id)])
            #expect(try await store.runs(workspaceID: kenya.id).map(\.id) == [first.id, second.id])

            // Results for an unknown indicator refuse the whole run.
            await #expect(throws: DomainError.self) {
                try await store.recordRun(run(kenya.id), results: [Fixtures.observation(2024, 1, indicator: "GBF-99.1")])
            }
            #expect(try await store.runs(workspaceID: kenya.id).count == 2)
        }
    }
}
