import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

extension CLITests {
    @Test(arguments: TestDatabase.kinds)
    func theFirstAdministratorAndOneTimeLinks(kind: DatabaseKind) async throws {
        try await withSeededDatabase(kind) { db in
            let weak = try run(["user", "create-admin", "--email", "admin@ministry.example", "--password-stdin"], database: db, input: "short\n")
            #expect(weak.status != 0)
            #expect(weak.stderr.contains("at least 12 characters"))
            let admin = try run(["user", "create-admin", "--email", "admin@ministry.example", "--password-stdin"], database: db, input: "a-long-admin-password\n")
            #expect(admin.status == 0, "\(admin.stderr)")
            let again = try run(["user", "create-admin", "--email", "admin@ministry.example"], database: db)
            #expect(again.status != 0)
            #expect(again.stderr.contains("already exists"))
            let invited = try run(["user", "add", "--email", "new@ministry.example", "--name", "New Person"], database: db)
            #expect(invited.status == 0)
            let link = try #require(invited.stdout.split(separator: "\n").last)
            #expect(link.hasPrefix("http://127.0.0.1:8080/set-password?token="))
            #expect(link.count > 70)
            let unknown = try run(["user", "password-link", "--email", "nobody@ministry.example"], database: db)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("no user with the e-mail nobody@ministry.example"))
        }
    }
}
