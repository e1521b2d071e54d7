import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaDemoData
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

@Suite struct LandComputationTests {
    @Test(arguments: TestDatabase.kinds)
    func aRunStoresSDG1531PerPeriodAsComputedSeries(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-land-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try LandDataGenerator(seed: 3, size: 64).write(to: folder.appendingPathComponent("in"))
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["UNCCD"])
            let outcome = try await LandPipeline().run(generated.inputs, aoi: generated.aoi, output: folder.appendingPathComponent("out"),
                                                       recordInto: RunRecording(store: store, workspace: kenya))
            let (result, run) = (outcome.result, outcome.run)
            let stored = try #require(run)
            #expect(stored.engine == "land-degradation")
            #expect(stored.inputs.contains { $0.role == "soc" && $0.sha256.count == 64 })
            let series = try #require(try await store.series(workspaceID: kenya.id, indicator: "SDG-15.3.1", disaggregation: ""))
            #expect(series.observations.map(\.year) == result.periods.map(\.period.landCoverEnd).sorted())
            for (observation, period) in zip(series.observations, result.periods.sorted { $0.period.landCoverEnd < $1.period.landCoverEnd }) {
                #expect(abs(observation.value - period.proportionDegradedPercent) < 1e-4)
                #expect(observation.provenance == .computed(runID: stored.id))
            }
            // The tables workbook has one sheet per period and reads back.
            let workbook = try XLSXReader.read(try LandWorkbook.data(result))
            #expect(workbook.sheetNames == result.periods.map(\.period.name))
            // Each class share of each component is stored as the engine's table gives it.
            let baseline = try #require(result.periods.min { $0.period.landCoverEnd < $1.period.landCoverEnd })
            for row in baseline.indicator.rows where row.code != nil {
                let key = "component=indicator;class=\(row.label.lowercased().replacingOccurrences(of: " ", with: "_"))"
                let part = try #require(try await store.series(workspaceID: kenya.id, indicator: "SDG-15.3.1", disaggregation: key))
                #expect(abs(part.observations[0].value - row.percent) < 1e-4)
            }
        }
    }
}
