import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// The one query that authorises a request on a report gives what the four separate reads give.
@Suite struct ReportAccessTests {
    @Test(arguments: TestDatabase.kinds)
    func aReportComesWithItsWorkspaceAndThePersonsRole(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.setConventions(workspaceID: kenya.id, conventions: ["RAMSAR", "CBD", "CARTAGENA"], expectedVersion: 1)
            let member = try await store.createUser(email: "m@example.org", displayName: "Member", isSystemAdministrator: false)
            let outsider = try await store.createUser(email: "o@example.org", displayName: "Outsider", isSystemAdministrator: false)
            try await store.setRole(workspaceID: kenya.id, userID: member.id, role: .reviewer)
            let report = try await store.createReport(workspaceID: kenya.id, templateID: "cbd-7nr", templateVersion: 1, prefilled: [],
                                                      context: ChangeContext(userID: member.id, channel: .web))

            let seen = try #require(try await store.reportAccess(reportID: report.id, userID: member.id))
            #expect(seen.report == report)
            #expect(seen.workspace == (try await store.workspace(id: kenya.id)))
            #expect(seen.workspace.conventions == ["CARTAGENA", "CBD", "RAMSAR"])
            #expect(seen.role == .reviewer)

            let outside = try #require(try await store.reportAccess(reportID: report.id, userID: outsider.id))
            #expect(outside.role == nil)
            #expect(outside.report == report)
            #expect(try await store.reportAccess(reportID: report.id + 1000, userID: member.id) == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aWorkspaceWithoutConventionsStillGivesItsReports(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(Fixtures.reference)
            let france = try await store.createWorkspace(country: "FRA", name: nil, conventions: [])
            let report = try await store.createReport(workspaceID: france.id, templateID: "t", templateVersion: 1, prefilled: [],
                                                      context: ChangeContext(userID: nil, channel: .cli))
            let seen = try #require(try await store.reportAccess(reportID: report.id, userID: 1))
            #expect(seen.workspace.conventions == [])
            #expect(seen.workspace.country == "FRA")
        }
    }
}
