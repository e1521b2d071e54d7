import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct NationalTargetRepositoryTests {
    @Test(arguments: TestDatabase.kinds)
    func addedTargetsRoundTrip(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = Fixtures.protectTarget()
            target.alignments.append(TargetAlignment(globalTarget: "AICHI-11", degree: .medium))
            let saved = try await store.addNationalTarget(target, workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))
            #expect(saved.version == 1)
            #expect(saved.workspaceID == kenya.id)
            #expect(saved.baseline == YearValue(year: 2015, value: 10))
            #expect(saved.alignments == [TargetAlignment(globalTarget: "AICHI-11", degree: .medium), TargetAlignment(globalTarget: "GBF-3", degree: .high)])
            #expect(saved.indicators == ["GBF-3.1"])
            #expect(try await store.nationalTargets(workspaceID: kenya.id).map(\.code) == ["KEN-T1"])
            #expect(try await store.nationalTarget(workspaceID: kenya.id, code: "ken-t1") == saved)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func duplicateCodeIsRefusedAndTheFirstTargetIsKept(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))
            var other = Fixtures.protectTarget()
            other.title = "Something else"
            let error = await #expect(throws: DomainError.self) { try await store.addNationalTarget(other, workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli)) }
            #expect(error?.kind == .conflict)
            #expect(try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1")?.title == "Protect 30 %")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func unknownGlobalTargetOrIndicatorIsRefused(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            var target = Fixtures.protectTarget()
            target.alignments = [TargetAlignment(globalTarget: "GBF-99", degree: .high)]
            let error = await #expect(throws: DomainError.self) { try await store.addNationalTarget(target, workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli)) }
            #expect(error?.message.contains("GBF-99") == true)
            target = Fixtures.protectTarget()
            target.indicators = ["GBF-42.1"]
            await #expect(throws: DomainError.self) { try await store.addNationalTarget(target, workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli)) }
            #expect(try await store.nationalTargets(workspaceID: kenya.id).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staleUpdateIsRefusedAndTheStoredTargetIsUnchanged(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let original = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))

            var first = original
            first.title = "Protect 30 % of land"
            first.alignments = [TargetAlignment(globalTarget: "GBF-2", degree: .low)]
            let saved = try await store.updateNationalTarget(first, context: ChangeContext(userID: nil, channel: .cli))
            #expect(saved.version == 2)
            #expect(saved.alignments == [TargetAlignment(globalTarget: "GBF-2", degree: .low)])

            var second = original
            second.title = "A concurrent edit"
            let error = await #expect(throws: DomainError.self) { try await store.updateNationalTarget(second, context: ChangeContext(userID: nil, channel: .cli)) }
            #expect(error?.kind == .staleVersion)
            #expect(error?.message.contains("version 2") == true)
            let stored = try await store.nationalTarget(workspaceID: kenya.id, code: "KEN-T1")
            #expect(stored?.title == "Protect 30 % of land")
            #expect(stored?.version == 2)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func targetsOfOneWorkspaceAreNotSeenFromAnother(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let france = try await store.createWorkspace(country: "FRA", name: nil, conventions: [])
            _ = try await store.addNationalTarget(Fixtures.protectTarget(), workspaceID: kenya.id, context: ChangeContext(userID: nil, channel: .cli))
            #expect(try await store.nationalTargets(workspaceID: france.id).isEmpty)
            #expect(try await store.nationalTarget(workspaceID: france.id, code: "KEN-T1") == nil)
        }
    }
}
