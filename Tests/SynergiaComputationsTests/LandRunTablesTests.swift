import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaDemoData
import SynergiaStore
import SynergiaTestSupport

/// A land run keeps its SO1 tables with it, and they hold the engine's own figures.
@Suite struct LandRunTablesTests {
    @Test(arguments: TestDatabase.kinds)
    func aLandRunKeepsItsSO1TablesWithTheEnginesFigures(kind: DatabaseKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-land-tables-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try LandDataGenerator(seed: 5, size: 48).write(to: folder.appendingPathComponent("in"))
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["UNCCD"])
            let outcome = try await LandPipeline().run(generated.inputs, aoi: generated.aoi, output: folder.appendingPathComponent("out"),
                                                       recordInto: RunRecording(store: store, workspace: kenya))
            let run = try #require(outcome.run)
            let stored = try await store.runTables(runID: run.id)
            #expect(stored == LandRunTables.tables(outcome.result))
            #expect(stored.map(\.name) == RunTableSource.known["land-degradation"])
            let tables = Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0) })
            let periods = outcome.result.periods
            #expect(periods.map(\.period.name) == ["baseline", "report_2019", "report_2023"])
            let (baseline, previous, latest) = (periods[0], periods[1], periods[2])

            let area = try #require(tables["land_cover_area"])
            for (index, id) in LandRunTables.landCoverClasses.enumerated() {
                let code = index + 1
                #expect(area.cells[id]?["initial"] == baseline.landCoverStartYearKm2?.first { $0.code == code }?.km2, "\(id)")
                #expect(area.cells[id]?["baseline"] == baseline.landCoverEndYearKm2?.first { $0.code == code }?.km2, "\(id)")
                #expect(area.cells[id]?["previous_reporting"] == previous.landCoverEndYearKm2?.first { $0.code == code }?.km2, "\(id)")
                #expect(area.cells[id]?["latest"] == latest.landCoverEndYearKm2?.first { $0.code == code }?.km2, "\(id)")
                // Each row of the change matrix is the class's area at the start, counted where both years have a class.
                let rowSum = try #require(tables["land_cover_change_baseline"]?.cells[id]).values.reduce(0, +)
                #expect(abs(rowSum - (baseline.landCoverInitialKm2.first { $0.code == code }?.km2 ?? 0)) < 1e-6, "\(id)")
            }
            let degraded = try #require(tables["degraded_by_period"])
            #expect(degraded.cells["baseline"] == ["degraded_area": baseline.degradedKm2, "area_change": 0, "degraded_percent": baseline.proportionDegradedPercent])
            #expect(degraded.cells["report_2023"]?["degraded_percent"] == latest.proportionDegradedPercent)
            #expect(abs((degraded.cells["report_2019"]?["area_change"] ?? .nan) - (previous.degradedKm2 - baseline.degradedKm2)) < 1e-6)
            let status = try #require(tables["status_latest"])
            let matrix = try #require(latest.change).indicatorKm2
            #expect(status.cells["baseline_degraded"]?["reporting_improved"] == matrix[0][2])
            #expect(status.cells["baseline_improved"]?["reporting_degraded"] == matrix[2][0])
            let lpd = try #require(tables["lpd_classes_latest"])
            #expect(lpd.cells["declining"] == ["area": latest.lpdClasses.km2(1), "share": latest.lpdClasses.rows.first { $0.code == 1 }!.percent])
        }
    }
}
