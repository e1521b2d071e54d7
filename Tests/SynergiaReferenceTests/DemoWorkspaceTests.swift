import Testing
import SynergiaCore
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

@Suite struct DemoWorkspaceTests {
    @Test(arguments: TestDatabase.kinds)
    func demoSeedsOnceAndShowsEveryProgressClass(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let seeded = try await store.seedReference(try TestDatabase.referenceSet())
            #expect(seeded.targets >= 23 + 20)
            #expect(try await store.seedReference(try TestDatabase.referenceSet()) == seeded)

            let demo = TestDatabase.dataDirectory.appendingPathComponent("demo/ken.yaml")
            let first = try await DemoWorkspace.load(demo, into: store)
            #expect(first.created)
            #expect(first.nationalTargetsAdded == 8)
            let second = try await DemoWorkspace.load(demo, into: store)
            #expect(!second.created)
            #expect(second.nationalTargetsAdded == 0)
            #expect(second.observations.added == 0)
            #expect(second.observations.unchanged == first.observations.added)

            let workspace = try #require(try await store.workspace(country: "KEN"))
            let statuses = ProgressRule().assess(try await store.nationalTargets(workspaceID: workspace.id), series: try await store.series(workspaceID: workspace.id))
                .map(\.assessment.status)
            #expect(Set(statuses) == Set(ProgressStatus.allCases))
            #expect(try await store.members(workspaceID: workspace.id).count == 3)
        }
    }
}
