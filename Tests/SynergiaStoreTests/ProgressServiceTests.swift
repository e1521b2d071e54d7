import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct ProgressServiceTests {
    @Test(arguments: TestDatabase.kinds)
    func progressIsAssessedOnTheFirstIndicatorsSeries(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))
            var other = Fixtures.protectTarget("KEN-T2")
            other.indicators = []
            _ = try await store.addNationalTarget(other, workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))
            // (2015,10) (2018,13) (2021,16): exactly on track (see ProgressRuleTests).
            _ = try await store.record([Fixtures.observation(2018, 13), Fixtures.observation(2021, 16)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            let progress = ProgressRule().assess(try await store.nationalTargets(workspaceID: kenya.id), series: try await store.series(workspaceID: kenya.id))
            #expect(progress.map(\.code) == ["KEN-T1", "KEN-T2"])
            #expect(progress[0].assessment.status == .onTrack)
            #expect(progress[0].indicator == "GBF-3.1")
            #expect(progress[1].assessment.status == .unknown)
            #expect(progress[1].assessment.reason == .noObservations)
        }
    }
}
