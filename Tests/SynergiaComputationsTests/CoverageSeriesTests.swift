import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaCoverage
import SynergiaDemoData
import SynergiaStore
import SynergiaTestSupport

/// Every series a coverage run allows, stored with it: the cumulative GBF-3.1 series per
/// realm computed, PA and OECM apart, SDG 14.5.1 when the sea was measured; earlier years
/// never overwrite a value a person entered nor a run's own year.
@Suite struct CoverageSeriesTests {
    struct Point: Hashable, CustomStringConvertible {
        var indicator: String, disaggregation: String, year: Int, value: Double
        var description: String { "\(indicator) [\(disaggregation)] \(year) = \(value)" }
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// The observations a result must give, written out from the result's own figures.
    static func expected(_ result: CoverageResult, year: Int, marine: Bool) -> Set<Point> {
        var points: Set<Point> = []
        let realms: [(String, KeyPath<AreaSplit, Double?>)] = [("land", \.landPercent)] + (marine ? [("marine", \.marinePercent)] : [])
        for (realm, percent) in realms {
            let names = realm == "marine" ? [("GBF-3.1", "realm=marine"), ("SDG-14.5.1", "")] : [("GBF-3.1", "realm=land")]
            for (indicator, disaggregation) in names {
                for point in result.timeSeries where point.year < year && point.year >= 1900 {
                    points.insert(Point(indicator: indicator, disaggregation: disaggregation, year: point.year, value: rounded(point.covered[keyPath: percent]!)))
                }
                points.insert(Point(indicator: indicator, disaggregation: disaggregation, year: year, value: rounded(result.coverage[keyPath: percent]!)))
            }
            for group in result.bySiteType {
                points.insert(Point(indicator: "GBF-3.1", disaggregation: "realm=\(realm);site_type=\(group.key)", year: year,
                                    value: rounded(group.covered[keyPath: percent]!)))
            }
        }
        return points
    }

    static func stored(_ store: SQLStore, _ workspace: Workspace, run: Int64? = nil) async throws -> Set<Point> {
        var points: Set<Point> = []
        for series in try await store.series(workspaceID: workspace.id) {
            for o in series.observations where run == nil || o.provenance == .computed(runID: run!) {
                points.insert(Point(indicator: series.indicator, disaggregation: series.disaggregation, year: o.year, value: o.value))
            }
        }
        return points
    }

    func withGeneratedFile(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-coverage-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wdpa.gpkg").path
        _ = try ProtectedAreaGenerator(seed: 11).write(to: file, sites: 80, countries: ["KEN", "TZA"])
        try await body(file)
    }

    @Test(arguments: TestDatabase.kinds)
    func aRunStoresExactlyEverySeriesItAllows(kind: DatabaseKind) async throws {
        try await withGeneratedFile { file in
            try await TestDatabase.withStore(kind) { store in
                _ = try await store.seedReference(try TestDatabase.referenceSet())
                let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
                let files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez")
                let outcome = try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
                    .run(files, recordInto: RunRecording(store: store, workspace: kenya))
                let run = try #require(outcome.run)
                let expected = Self.expected(outcome.result, year: 2025, marine: true)
                #expect(outcome.result.timeSeries.count > 5 && Set(outcome.result.bySiteType.map(\.key)) == ["PA", "OECM"])
                #expect(try await Self.stored(store, kenya) == expected)
                #expect(try await Self.stored(store, kenya, run: run.id) == expected)
                // What the CLI and the web print: every series with its years.
                let years = outcome.result.timeSeries.map(\.year).filter { $0 < 2025 } + [2025]
                #expect(outcome.stored.map(\.description) == [
                    "GBF-3.1 realm=land: \(years[0])–2025 (\(years.count) years)",
                    "GBF-3.1 realm=land;site_type=PA: 2025", "GBF-3.1 realm=land;site_type=OECM: 2025",
                    "GBF-3.1 realm=marine: \(years[0])–2025 (\(years.count) years)",
                    "SDG-14.5.1: \(years[0])–2025 (\(years.count) years)",
                    "GBF-3.1 realm=marine;site_type=PA: 2025", "GBF-3.1 realm=marine;site_type=OECM: 2025",
                ])
                // The run's year is the total, which also counts the sites without STATUS_YR.
                let land = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
                #expect(land.observations.first { $0.year == 2025 }?.value == Self.rounded(outcome.result.coverage.landPercent!))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aLandOnlyRunStoresNoMarineValue(kind: DatabaseKind) async throws {
        try await withGeneratedFile { file in
            try await TestDatabase.withStore(kind) { store in
                _ = try await store.seedReference(try TestDatabase.referenceSet())
                let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
                let files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: nil)
                let outcome = try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
                    .run(files, recordInto: RunRecording(store: store, workspace: kenya))
                #expect(outcome.result.coverage.marinePercent == nil)
                let stored = try await Self.stored(store, kenya)
                #expect(stored == Self.expected(outcome.result, year: 2025, marine: false))
                #expect(!stored.contains { $0.indicator == "SDG-14.5.1" || $0.disaggregation.contains("marine") })
                #expect(outcome.stored.map(\.disaggregation) == ["realm=land", "realm=land;site_type=PA", "realm=land;site_type=OECM"])
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func earlierYearsNeverOverwriteAnEnteredValueNorARunsOwnYear(kind: DatabaseKind) async throws {
        try await withGeneratedFile { file in
            try await TestDatabase.withStore(kind) { store in
                _ = try await store.seedReference(try TestDatabase.referenceSet())
                let kenya = try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
                let files = CoverageFiles(wdpa: file, land: file, landLayer: "land", eez: file, eezLayer: "eez")
                let recording = RunRecording(store: store, workspace: kenya)
                let probe = try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025)).run(files)
                let years = probe.result.timeSeries.map(\.year).filter { $0 < 2025 }
                let (entered, ownYear, backCast) = (years[1], years[years.count / 2], years[years.count / 2 - 1])
                _ = try await store.record([ObservationInput(indicator: "GBF-3.1", unit: "percent", disaggregation: "realm=land",
                                                             observation: Observation(year: entered, value: 42, source: "national agency",
                                                                                      provenance: .entered(userID: nil)))],
                                           workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
                let olderOutcome = try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: ownYear))
                    .run(files, recordInto: recording)
                let older = try #require(olderOutcome.run)
                let newer = try #require(try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
                    .run(files, recordInto: recording).run)
                let land = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
                func provenance(_ year: Int) -> Provenance? { land.observations.first { $0.year == year }?.provenance }
                #expect(land.observations.first { $0.year == entered }?.value == 42)
                #expect(provenance(entered) == .entered(userID: nil))
                #expect(provenance(ownYear) == .computed(runID: older.id))
                // That run's total for its own year, not the later run's cumulative value for that year.
                #expect(land.observations.first { $0.year == ownYear }?.value == Self.rounded(olderOutcome.result.coverage.landPercent!))
                #expect(land.observations.first { $0.year == backCast }?.value
                        == Self.rounded(probe.result.timeSeries.first { $0.year == backCast }!.covered.landPercent!))
                #expect(provenance(backCast) == .computed(runID: newer.id))
                #expect(provenance(2025) == .computed(runID: newer.id))

                // Rerunning the same year replaces that year's value and the earlier years it wrote, as before.
                let again = try #require(try await CoveragePipeline(options: CoverageRunOptions(country: "KEN", year: 2025))
                    .run(files, recordInto: recording).run)
                let after = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
                #expect(after.observations.first { $0.year == 2025 }?.provenance == .computed(runID: again.id))
                #expect(after.observations.first { $0.year == backCast }?.provenance == .computed(runID: again.id))
                #expect(after.observations.first { $0.year == ownYear }?.provenance == .computed(runID: older.id))
                #expect(after.observations.first { $0.year == entered }?.value == 42)
                #expect(after.observations.count == land.observations.count)
            }
        }
    }
}
