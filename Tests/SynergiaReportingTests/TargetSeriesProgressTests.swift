import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport

/// Progress read at the time of the request on the series each target is
/// measured by: the demo's KEN-T1 on GBF-3.1 land, a coverage run's new value
/// shown at once, and a series in another unit converted to the target's.
@Suite struct TargetSeriesProgressTests {
    static let units = ReportFixture.sharedCatalog.units

    @Test(arguments: TestDatabase.kinds)
    func theDemosFirstTargetIsMeasuredByLandCoverage(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let t1 = try #require(try await store.nationalTarget(workspaceID: f.workspace.id, code: "KEN-T1"))
            #expect(t1.measuredBy == SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
            let land = try #require(try await store.series(workspaceID: f.workspace.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(land.observations.map(\.value) == [12.0, 12.9, 13.5, 14.2, 15.0])
            let row = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: Self.units).first { $0.code == "KEN-T1" })
            #expect(row.series == SeriesBinding(indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(row.assessment.latest == YearValue(year: 2024, value: 15))
            #expect(row.assessment.status == .insufficientRate)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aCoverageRunsLandValueIsAssessedAtOnce(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            let before = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: Self.units).first { $0.code == "KEN-T1" })
            // The call the coverage pipeline records its run and series with (CoverageRunRecord).
            let run = try await store.recordRun(
                ComputationRun(workspaceID: f.workspace.id, engine: "coverage", inputs: [], options: ["year": "2025"], softwareVersion: "test",
                               startedAt: Date(), durationMilliseconds: 1, warnings: []),
                results: [ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: "realm=land",
                                           observation: Observation(year: 2025, value: 24.6, source: "Synergia coverage engine on wdpa.gpkg",
                                                                    provenance: .entered(userID: nil)))])
            let after = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: Self.units).first { $0.code == "KEN-T1" })
            #expect(before.assessment.latest == YearValue(year: 2024, value: 15))
            #expect(after.assessment.latest == YearValue(year: 2025, value: 24.6))
            // The trend through 2018–2025 (12.9, 13.5, 14.2, 15.0, 24.6) projects 26.35 % in 2030, short of 30 %.
            let projected = try #require(after.assessment.projected)
            #expect(projected.year == 2030 && abs(projected.value - 26.35) < 1e-9)
            #expect(after.assessment.status == .insufficientRate)
            #expect(abs(try #require(after.assessment.shareAchieved) - (24.6 - 12) / 18) < 1e-12)
            let stored = try #require(try await store.series(workspaceID: f.workspace.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(stored.observations.last?.provenance == .computed(runID: run.id))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aTargetInSquareKilometresIsAssessedOnASeriesInMillionHectares(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store)
            var t2 = try #require(try await store.nationalTarget(workspaceID: f.workspace.id, code: "KEN-T2"))
            let series = try #require(try await store.series(workspaceID: f.workspace.id, indicator: "GBF-2.1", disaggregation: ""))
            // Stated in km²: 0 → 51,000 km² (5.1 Mha) by 2030, whatever unit the series has.
            t2.unit = "km2"
            t2.target = YearValue(year: 2030, value: 51_000)
            _ = try await store.updateNationalTarget(t2, context: ChangeContext(userID: nil, channel: .cli))
            let row = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: Self.units).first { $0.code == "KEN-T2" })
            let latest = try #require(series.observations.max { $0.year < $1.year })
            #expect(row.seriesUnit == (series.unit == "km2" ? nil : series.unit))
            #expect(row.assessment.latest == YearValue(year: latest.year, value: try Self.units.convert(latest.value, from: series.unit, to: "km2")))
            if series.unit == "Mha" { #expect(row.assessment.latest == YearValue(year: 2024, value: 21_000)) }
            #expect(row.unitProblem == nil)
            #expect(row.assessment.status != .unknown)

            // A target stated as a share of land cannot be measured by an area: unknown, with the reason.
            t2 = try #require(try await store.nationalTarget(workspaceID: f.workspace.id, code: "KEN-T2"))
            t2.unit = "percent"
            t2.target = YearValue(year: 2030, value: 10)
            _ = try await store.updateNationalTarget(t2, context: ChangeContext(userID: nil, channel: .cli))
            let refused = try #require(try await WorkspaceProgress.assess(workspaceID: f.workspace.id, in: store, units: Self.units).first { $0.code == "KEN-T2" })
            #expect(refused.assessment == ProgressAssessment(status: .unknown, reason: .incompatibleUnits))
            #expect(refused.unitProblem == "unit \(series.unit) (area) cannot be converted to percent (share); a value must be stated in a unit of the same dimension")
        }
    }
}
