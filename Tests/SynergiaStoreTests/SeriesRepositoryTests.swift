import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct SeriesRepositoryTests {
    @Test(arguments: TestDatabase.kinds)
    func observationsAreStoredWithProvenanceAndReplacedOnlyWhenAsked(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let summary = try await store.record([Fixtures.observation(2020, 12.5), Fixtures.observation(2018, 11.25)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            #expect(summary == RecordSummary(added: 2))
            #expect(try await store.record([Fixtures.observation(2020, 12.5)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli)) == RecordSummary(unchanged: 1))

            let conflict = await #expect(throws: DomainError.self) {
                try await store.record([Fixtures.observation(2022, 14), Fixtures.observation(2020, 13)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            #expect(conflict?.kind == .conflict)
            // The whole batch was refused: 2022 was not stored either.
            var series = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: ""))
            #expect(series.observations.map(\.year) == [2018, 2020])

            #expect(try await store.record([Fixtures.observation(2020, 13)], workspaceID: kenya.id, replace: true, context: ChangeContext(userID: nil, channel: .cli)) == RecordSummary(replaced: 1))
            series = try #require(try await store.series(workspaceID: kenya.id, indicator: "gbf-3.1", disaggregation: ""))
            #expect(series.observations.map(\.value) == [11.25, 13])
            #expect(series.observations.first?.provenance == .entered(userID: nil))
            #expect(series.unit == "percent")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func wrongIndicatorUnitOrYearIsRefused(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.record([Fixtures.observation(2020, 12.5)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            let unit = await #expect(throws: DomainError.self) {
                try await store.record([Fixtures.observation(2021, 9000, unit: "km2")], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            #expect(unit?.message.contains("percent") == true)
            await #expect(throws: DomainError.self) {
                try await store.record([Fixtures.observation(2021, 1, indicator: "GBF-99.9")], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            await #expect(throws: DomainError.self) {
                try await store.record([Fixtures.observation(1850, 1)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            #expect(try await store.series(workspaceID: kenya.id).flatMap(\.observations).count == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func nationalIndicatorsCarrySeries(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            try await store.defineNationalIndicator(NationalIndicator(code: "KEN-I1", title: "New invasives", unit: "count"), workspaceID: kenya.id)
            await #expect(throws: DomainError.self) {
                try await store.defineNationalIndicator(NationalIndicator(code: "GBF-3.1", title: "x", unit: "count"), workspaceID: kenya.id)
            }
            #expect(try await store.record([Fixtures.observation(2020, 3, indicator: "KEN-I1", unit: "count")], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli)).added == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func csvImportStoresEveryRowWithItsLineOrNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let good = Data("indicator,year,value,unit,source\ngbf-3.1,2018,11.5,percent,WDPA 2018\nGBF-3.1,2020,\"12.75\",percent,\"WDPA, June 2020\"\n".utf8)
            let inputs = try ObservationCSV.parse(good, fileName: "coverage.csv")
            #expect(try await store.record(inputs, workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli)) == RecordSummary(added: 2))
            let series = try #require(try await store.series(workspaceID: kenya.id, indicator: "GBF-3.1", disaggregation: ""))
            #expect(series.observations.map(\.value) == [11.5, 12.75])
            #expect(series.observations.last?.source == "WDPA, June 2020")
            guard case .imported(let hash, let row) = series.observations.last?.provenance else {
                Issue.record("expected imported provenance")
                return
            }
            #expect(hash.count == 64)
            #expect(row == 3)
        }
    }
}
