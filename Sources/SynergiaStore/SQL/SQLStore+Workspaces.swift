import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    public func createWorkspace(country code: String, name: String?, conventions: [String]) async throws -> Workspace {
        guard let country = try await country(code) else {
            throw DomainError.notFound("unknown country code '\(code)'; use an ISO 3166-1 code such as KEN or KE", remedy: .chooseCountry)
        }
        let conventionCodes = try await checkedConventions(conventions)
        let id: Int64 = try await write { db in
            if try await db.select().column("id").from("workspaces").where("country_code", .equal, country.alpha3).first() != nil {
                throw DomainError.conflict("a workspace for \(country.name) (\(country.alpha3)) already exists; there is one workspace per country")
            }
            let id = try await db.insertReturningID(db.insert(into: "workspaces")
                .columns("country_code", "name", "created_at", "version")
                .values(SQLBind(country.alpha3), SQLBind(name ?? country.name), SQLBind(Timestamp.now()), SQLBind(1)))
            try await Self.writeConventions(db, workspaceID: id, codes: conventionCodes)
            return id
        }
        return try await workspace(id: id)!
    }

    public func workspaces() async throws -> [Workspace] {
        try await read { db in
            let rows = try await db.select().column("*").from("workspaces").orderBy("country_code").all()
            var result: [Workspace] = []
            for row in rows { result.append(try await Self.workspace(db, row)) }
            return result
        }
    }

    /// By country code (alpha-3 or alpha-2, any case).
    public func workspace(country code: String) async throws -> Workspace? {
        guard let country = try await country(code) else { return nil }
        return try await read { db in
            guard let row = try await db.select().column("*").from("workspaces").where("country_code", .equal, country.alpha3).first() else { return nil }
            return try await Self.workspace(db, row)
        }
    }

    public func workspace(id: Int64) async throws -> Workspace? {
        try await read { db in
            guard let row = try await db.select().column("*").from("workspaces").where("id", .equal, id).first() else { return nil }
            return try await Self.workspace(db, row)
        }
    }

    public func setConventions(workspaceID: Int64, conventions: [String], expectedVersion: Int) async throws -> Workspace {
        let codes = try await checkedConventions(conventions)
        try await write { db in
            let updated = try await db.update("workspaces")
                .set("version", to: SQLBind(expectedVersion + 1))
                .where("id", .equal, workspaceID).where("version", .equal, expectedVersion)
                .returning("id").first()
            guard updated != nil else {
                let current = try await db.select().column("version").from("workspaces").where("id", .equal, workspaceID).first()
                guard let current else { throw DomainError.notFound("workspace \(workspaceID) does not exist") }
                throw DomainError.stale("the workspace was changed by someone else (now version \(try current.int("version")), your edit was based on version \(expectedVersion)); reload it and apply your change again")
            }
            try await db.delete(from: "workspace_conventions").where("workspace_id", .equal, workspaceID).run()
            try await Self.writeConventions(db, workspaceID: workspaceID, codes: codes)
        }
        return try await workspace(id: workspaceID)!
    }

    public func createUser(email: String, displayName: String, isSystemAdministrator: Bool, isSecretariat: Bool = false) async throws -> User {
        let email = try EmailAddress.validated(email)
        let now = Date()
        let id: Int64 = try await write { db in
            if try await db.select().column("id").from("users").where("email", .equal, email).first() != nil {
                throw DomainError.conflict("a user with the e-mail \(email) already exists")
            }
            return try await db.insertReturningID(db.insert(into: "users")
                .columns("email", "display_name", "is_system_admin", "is_secretariat", "created_at")
                .values(SQLBind(email), SQLBind(displayName), SQLBind(isSystemAdministrator ? 1 : 0), SQLBind(isSecretariat ? 1 : 0), SQLBind(Timestamp.string(now))))
        }
        return User(id: id, email: email, displayName: displayName, isSystemAdministrator: isSystemAdministrator, isSecretariat: isSecretariat, createdAt: Timestamp.date(Timestamp.string(now)))
    }

    public func user(email: String) async throws -> User? {
        let email = EmailAddress.canonical(email)
        return try await read { db in
            try await db.select().column("*").from("users").where("email", .equal, email).first().map(Self.user)
        }
    }

    public func setRole(workspaceID: Int64, userID: Int64, role: WorkspaceRole?) async throws {
        try await write { db in
            try await db.delete(from: "memberships").where("workspace_id", .equal, workspaceID).where("user_id", .equal, userID).run()
            if let role {
                try await db.insert(into: "memberships").columns("workspace_id", "user_id", "role")
                    .values(SQLBind(workspaceID), SQLBind(userID), SQLBind(role.rawValue)).run()
            }
        }
    }

    public func members(workspaceID: Int64) async throws -> [(user: User, role: WorkspaceRole)] {
        let rows = try await read { db in
            try await db.raw("""
                SELECT u.*, m.role AS member_role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = \(bind: workspaceID)
                """).all().map { (try Self.user($0), try $0.string("member_role")) }
        }
        return rows.sorted { $0.0.email < $1.0.email }.compactMap { user, role in WorkspaceRole(rawValue: role).map { (user, $0) } }
    }

    /// The workspaces a user may open, with their role in each: the ones they
    /// belong to, or every one for a system administrator (role nil where not a member).
    public func visibleWorkspaces(for user: User) async throws -> [(workspace: Workspace, role: WorkspaceRole?)] {
        let roles: [Int64: WorkspaceRole] = try await read { db in
            let rows = try await db.select().column("workspace_id").column("role").from("memberships").where("user_id", .equal, user.id).all()
            var result: [Int64: WorkspaceRole] = [:]
            for row in rows { result[try row.int64("workspace_id")] = WorkspaceRole(rawValue: try row.string("role")) }
            return result
        }
        return try await workspaces().compactMap { workspace in
            let role = roles[workspace.id]
            return role != nil || user.isSystemAdministrator ? (workspace, role) : nil
        }
    }

    public func role(userID: Int64, workspaceID: Int64) async throws -> WorkspaceRole? {
        try await read { db in
            try await db.select().column("role").from("memberships")
                .where("workspace_id", .equal, workspaceID).where("user_id", .equal, userID)
                .first().flatMap { WorkspaceRole(rawValue: try $0.string("role")) }
        }
    }

    // MARK: helpers

    private func checkedConventions(_ codes: [String]) async throws -> [String] {
        let known = Set(try await conventions().map(\.code))
        let canonical = codes.map(Code.canonical)
        if let unknown = canonical.first(where: { !known.contains($0) }) {
            throw DomainError.notFound("unknown convention code '\(unknown)'; known codes: \(known.sorted().joined(separator: ", "))")
        }
        return Array(Set(canonical)).sorted()
    }

    private static func writeConventions(_ db: any SQLDatabase, workspaceID: Int64, codes: [String]) async throws {
        for code in codes {
            try await db.insert(into: "workspace_conventions").columns("workspace_id", "convention_code")
                .values(SQLBind(workspaceID), SQLBind(code)).run()
        }
    }

    static func workspace(_ db: any SQLDatabase, _ row: any SQLRow) async throws -> Workspace {
        let id = try row.int64("id")
        let conventions = try await db.select().column("convention_code").from("workspace_conventions")
            .where("workspace_id", .equal, id).orderBy("convention_code").all().map { try $0.string("convention_code") }
        return Workspace(id: id, country: try row.string("country_code"), name: try row.string("name"),
                         conventions: conventions, createdAt: Timestamp.date(try row.string("created_at")),
                         version: try row.int("version"))
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(id: try row.int64("id"), email: try row.string("email"), displayName: try row.string("display_name"),
             isSystemAdministrator: try row.int("is_system_admin") != 0, isSecretariat: try row.int("is_secretariat") != 0, createdAt: Timestamp.date(try row.string("created_at")))
    }
}
