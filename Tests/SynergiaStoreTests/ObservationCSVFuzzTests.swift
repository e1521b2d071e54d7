import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// Damaged observation files: each is stored whole or refused with its lines named,
/// and a refusal stores nothing.
@Suite struct ObservationCSVFuzzTests {
    static let valid = Data(#"""
        indicator,year,value,unit,source,disaggregation
        GBF-3.1,2018,11.5,percent,"Survey, 2018",
        GBF-3.1,2019,12,percent,WDPA,realm=marine
        GBF-3.1,2020,-0.5,percent,"He said ""ok""",realm=land

        """#.utf8)

    @Test(arguments: TestDatabase.kinds)
    func mutatedFilesAreStoredWholeOrRefusedWithNothingStored(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var random = SeededRandom(seed: 0xC5F)
            var stored = 0, refused = 0
            func state() async throws -> [String] {
                try await store.series(workspaceID: kenya.id).flatMap { series in
                    series.observations.map { "\(series.indicator)|\(series.disaggregation)|\($0.year)|\($0.value)|\($0.source)" }
                }.sorted()
            }
            for round in 0..<120 {
                let data = FuzzMutation.allCases[round % FuzzMutation.allCases.count].apply(Self.valid, &random)
                let before = try await state()
                do {
                    let inputs = try ObservationCSV.parse(data, fileName: "series.csv")
                    _ = try await store.record(inputs, workspaceID: kenya.id, replace: true, context: ChangeContext(userID: nil, channel: .cli))
                    stored += 1
                } catch let problem as ObservationCSV.Problem {
                    refused += 1
                    #expect(problem.description.hasPrefix("series.csv: nothing was imported"))
                    #expect(!problem.lines.isEmpty)
                    #expect(try await state() == before)
                } catch let error as DomainError {
                    refused += 1
                    #expect(!error.message.isEmpty)
                    #expect(try await state() == before)
                }
            }
            #expect(stored > 0 && refused > 0)
        }
    }
}
