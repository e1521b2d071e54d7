import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

@Suite struct WorkspaceRepositoryTests {
    @Test(arguments: TestDatabase.kinds)
    func workspacesAreOnePerCountry(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            #expect(kenya.country == "KEN")
            #expect(kenya.name == "Kenya")
            #expect(kenya.conventions == ["CBD"])
            await #expect(throws: DomainError.conflict("a workspace for Kenya (KEN) already exists; there is one workspace per country")) {
                try await store.createWorkspace(country: "ke", name: nil, conventions: [])
            }
            #expect(try await store.workspaces().count == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func unknownCountryOrConventionIsRefusedAndNothingIsStored(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(Fixtures.reference)
            let unknownCountry = await #expect(throws: DomainError.self) {
                try await store.createWorkspace(country: "XYZ", name: nil, conventions: [])
            }
            #expect(unknownCountry?.kind == .notFound)
            #expect(unknownCountry?.message.contains("XYZ") == true)
            await #expect(throws: DomainError.self) {
                try await store.createWorkspace(country: "FRA", name: nil, conventions: ["CBD", "NOPE"])
            }
            #expect(try await store.workspaces().isEmpty)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func conventionsChangeOnlyFromTheCurrentVersion(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let updated = try await store.setConventions(workspaceID: kenya.id, conventions: ["cbd", "ramsar"], expectedVersion: 1)
            #expect(updated.conventions == ["CBD", "RAMSAR"])
            #expect(updated.version == 2)
            let stale = await #expect(throws: DomainError.self) {
                try await store.setConventions(workspaceID: kenya.id, conventions: ["CBD"], expectedVersion: 1)
            }
            #expect(stale?.kind == .staleVersion)
            #expect(try await store.workspace(country: "KEN")?.conventions == ["CBD", "RAMSAR"])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func membersAndRoles(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            let user = try await store.createUser(email: " Focal@Example.org ", displayName: "Focal", isSystemAdministrator: false)
            #expect(user.email == "focal@example.org")
            try await store.setRole(workspaceID: kenya.id, userID: user.id, role: .focalPoint)
            #expect(try await store.role(userID: user.id, workspaceID: kenya.id) == .focalPoint)
            try await store.setRole(workspaceID: kenya.id, userID: user.id, role: .viewer)
            let members = try await store.members(workspaceID: kenya.id)
            #expect(members.count == 1)
            #expect(members.first?.role == .viewer)
            try await store.setRole(workspaceID: kenya.id, userID: user.id, role: nil)
            #expect(try await store.role(userID: user.id, workspaceID: kenya.id) == nil)
            await #expect(throws: DomainError.self) {
                try await store.createUser(email: "focal@example.org", displayName: "Again", isSystemAdministrator: false)
            }
            await #expect(throws: DomainError.self) {
                try await store.createUser(email: "not-an-address", displayName: "X", isSystemAdministrator: false)
            }
        }
    }
}
