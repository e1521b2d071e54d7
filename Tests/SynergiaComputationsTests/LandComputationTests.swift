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

    /// The zone a run used and the warning that it was assumed are stored with the run; a zone given leaves no warning.
    @Test(arguments: TestDatabase.kinds)
    func theClimateZoneAndTheWarningsAreStoredWithTheRun(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-land-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try LandDataGenerator(seed: 3, size: 32).write(to: folder.appendingPathComponent("in"))
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["UNCCD"])
            let recording = RunRecording(store: store, workspace: kenya)
            let assumed = try await LandPipeline().run(generated.inputs, aoi: generated.aoi, output: folder.appendingPathComponent("a"), recordInto: recording)
            let warning = "no climate zone was given: the SOC land-use factor of Warm Temperate Moist (f = 0.69) was assumed for the whole area; give the country's climate zone or the IPCC climate-zone raster"
            #expect(assumed.warnings == [warning])
            let assumedRun = try #require(assumed.run)
            let stored = try #require(try await store.run(id: assumedRun.id))
            #expect(stored.warnings == [warning])
            #expect(stored.options["climate_zone"] == "warm_temperate_moist (assumed)" && stored.options["climate_factor"] == "0.69")
            #expect(stored.options["soc_rule"] == "national climate zone Warm Temperate Moist (warm_temperate_moist, f = 0.69), assumed")

            let options = try LandRunOptions(align: false, periods: ["baseline=2000:2015:2001-2015"], climateZone: "tropical_montane")
            let given = try await LandPipeline(options: options).run(generated.inputs, aoi: generated.aoi, output: folder.appendingPathComponent("b"), recordInto: recording)
            let givenRun = try #require(given.run)
            let run = try #require(try await store.run(id: givenRun.id))
            #expect(run.warnings.isEmpty && given.warnings.isEmpty)
            #expect(run.options["climate_zone"] == "tropical_montane" && run.options["climate_factor"] == "0.64")
            #expect(run.options["periods"] == "baseline:2000-2015")
            #expect(given.result.periods.map(\.period.name) == ["baseline"])
        }
    }
}
