import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct MigrationAndReferenceTests {
    @Test(arguments: TestDatabase.kinds)
    func migratingTwiceAppliesNothingTheSecondTime(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let again = try await Migrator.migrate(store.provider)
            #expect(again.applied == [])
            #expect(again.current == Migrator.all.count)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func seedingIsIdempotent(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let first = try await store.seedReference(Fixtures.reference)
            let second = try await store.seedReference(Fixtures.reference)
            #expect(first == second)
            #expect(first.targets == 3)
            #expect(try await store.countries().count == 2)
            #expect(try await store.crosswalkLinks().count == 1)
            #expect(try await store.conventions().map(\.code) == ["CARTAGENA", "CBD", "RAMSAR"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func frameworkContentRoundTrips(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(Fixtures.reference)
            let gbf = try #require(try await store.frameworkContent("gbf"))
            #expect(gbf == Fixtures.reference.frameworks[0])
            #expect(try await store.indicator("GBF-3.1")?.targets == ["GBF-3"])
            #expect(try await store.globalTarget("aichi-11")?.goal == "AICHI-C")
            #expect(try await store.frameworkContent("NOPE") == nil)
            #expect(try await store.country("ke")?.alpha3 == "KEN")
        }
    }
}
