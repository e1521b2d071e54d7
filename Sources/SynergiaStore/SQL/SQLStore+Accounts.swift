import Crypto
import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// The e-mail address of each account named in the rows' `user_id`, read at once:
    /// who made each change of a history.
    static func emailsOfAuthors(_ db: any SQLDatabase, of rows: [any SQLRow]) async throws -> [Int64: String] {
        let userIDs = Set(try rows.compactMap { try $0.decode(column: "user_id", as: Int64?.self) })
        guard !userIDs.isEmpty else { return [:] }
        var emails: [Int64: String] = [:]
        for row in try await db.select().columns("id", "email").from("users").where("id", .in, SQLBind.group(Array(userIDs))).all() {
            emails[try row.int64("id")] = try row.string("email")
        }
        return emails
    }

    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public func user(id: Int64) async throws -> User? {
        try await read { db in try await db.select().column("*").from("users").where("id", .equal, id).first().map(Self.user) }
    }

    public func users() async throws -> [User] {
        try await read { db in try await db.select().column("*").from("users").orderBy("email").all().map(Self.user) }
    }

    /// Users by id, for naming the people in a list without reading every account.
    public func users(ids: Set<Int64>) async throws -> [Int64: User] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            let rows = try await db.select().column("*").from("users").where("id", .in, Array(ids)).all()
            var result: [Int64: User] = [:]
            for row in rows { let user = try Self.user(row); result[user.id] = user }
            return result
        }
    }

    /// The account and its stored password hash (nil when no password was set yet).
    public func credentials(email: String) async throws -> (user: User, passwordHash: String?)? {
        let email = EmailAddress.canonical(email)
        return try await read { db in
            guard let row = try await db.select().column("*").from("users").where("email", .equal, email).first() else { return nil }
            return (try Self.user(row), try row.optionalString("password_hash"))
        }
    }

    public func setSystemFlags(userID: Int64, administrator: Bool, secretariat: Bool) async throws {
        try await write { db in
            try await db.update("users").set("is_system_admin", to: SQLBind(administrator ? 1 : 0))
                .set("is_secretariat", to: SQLBind(secretariat ? 1 : 0)).where("id", .equal, userID).run()
        }
    }

    // MARK: one-time password links

    /// A link token valid once for `lifetime`; only its SHA-256 is stored.
    public func createPasswordLink(userID: Int64, purpose: PasswordLinkPurpose, createdBy: Int64?, lifetime: TimeInterval) async throws -> String {
        let token = Self.randomToken(), now = Date()
        try await write { db in
            try await db.insert(into: "password_links")
                .columns("token_sha256", "user_id", "purpose", "created_by", "created_at", "expires_at")
                .values(SQLBind(Self.digest(token)), SQLBind(userID), SQLBind(purpose.rawValue), SQLBind(createdBy),
                        SQLBind(Timestamp.string(now)), SQLBind(Timestamp.string(now.addingTimeInterval(lifetime)))).run()
        }
        return token
    }

    /// The account a still-valid link belongs to, without using it up.
    public func passwordLinkUser(token: String, now: Date = Date()) async throws -> User? {
        try await read { db in
            guard let row = try await db.select().column("user_id").from("password_links")
                .where("token_sha256", .equal, Self.digest(token)).where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.string(now)).first() else { return nil }
            return try await db.select().column("*").from("users").where("id", .equal, try row.int64("user_id")).first().map(Self.user)
        }
    }

    /// Uses the link up and sets the password in one transaction; every
    /// session of the account ends (a new password logs out everywhere).
    public func usePasswordLink(token: String, passwordHash: String, now: Date = Date()) async throws -> User {
        let userID: Int64 = try await write { db in
            let used = try await db.update("password_links").set("used_at", to: SQLBind(Timestamp.string(now)))
                .where("token_sha256", .equal, Self.digest(token)).where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.string(now)).returning("user_id").first()
            guard let used else {
                throw DomainError.invalid("this password link is unknown, expired or already used; ask your focal point or administrator for a new one")
            }
            let id = try used.int64("user_id")
            try await db.update("users").set("password_hash", to: SQLBind(passwordHash)).where("id", .equal, id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            return id
        }
        return try await user(id: userID)!
    }

    // MARK: sessions

    /// Starts a session; returns the cookie token (only its SHA-256 is stored).
    public func createSession(userID: Int64, address: String?, lifetime: TimeInterval, now: Date = Date()) async throws -> String {
        let token = Self.randomToken()
        try await write { db in
            try await db.insert(into: "sessions")
                .columns("token_sha256", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "address")
                .values(SQLBind(Self.digest(token)), SQLBind(userID), SQLBind(Self.randomToken()), SQLBind(Timestamp.string(now)),
                        SQLBind(Timestamp.string(now)), SQLBind(Timestamp.string(now.addingTimeInterval(lifetime))), SQLBind(address)).run()
        }
        return token
    }

    /// The live session of a cookie token. A session idle for longer than
    /// `idleTimeout` or past its absolute expiry is deleted and nil returned.
    /// Activity is written at most once a minute.
    public func session(token: String, idleTimeout: TimeInterval, now: Date = Date()) async throws -> ActiveSession? {
        let digest = Self.digest(token)
        let row = try await read { db in
            try await db.select().column("*").from("sessions").where("token_sha256", .equal, digest).first()
        }
        guard let row else { return nil }
        let lastSeen = Timestamp.date(try row.string("last_seen_at")), expires = Timestamp.date(try row.string("expires_at"))
        if now >= expires || now.timeIntervalSince(lastSeen) > idleTimeout {
            try await write { db in try await db.delete(from: "sessions").where("token_sha256", .equal, digest).run() }
            return nil
        }
        guard let user = try await user(id: try row.int64("user_id")) else { return nil }
        if now.timeIntervalSince(lastSeen) > 60 {
            try await write { db in
                try await db.update("sessions").set("last_seen_at", to: SQLBind(Timestamp.string(now))).where("token_sha256", .equal, digest).run()
            }
        }
        return ActiveSession(user: user, csrfToken: try row.string("csrf_token"),
                             createdAt: Timestamp.date(try row.string("created_at")), expiresAt: expires)
    }

    public func deleteSession(token: String) async throws {
        try await write { db in try await db.delete(from: "sessions").where("token_sha256", .equal, Self.digest(token)).run() }
    }

    /// Ends every session of the account; returns how many there were.
    @discardableResult
    public func deleteSessions(userID: Int64) async throws -> Int {
        try await write { db in
            let n = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
                .where("user_id", .equal, userID).first()?.int("n") ?? 0
            try await db.delete(from: "sessions").where("user_id", .equal, userID).run()
            return n
        }
    }

    // MARK: security log

    public func recordSecurityEvent(_ kind: SecurityEventKind, userID: Int64? = nil, email: String? = nil, address: String? = nil,
                                    actorID: Int64? = nil, workspaceID: Int64? = nil, detail: String = "", at: Date = Date()) async throws {
        try await write { db in
            try await db.insert(into: "security_events")
                .columns("at", "event", "user_id", "email", "address", "actor_id", "workspace_id", "detail")
                .values(SQLBind(Timestamp.string(at)), SQLBind(kind.rawValue), SQLBind(userID), SQLBind(email?.lowercased()), SQLBind(address),
                        SQLBind(actorID), SQLBind(workspaceID), SQLBind(detail)).run()
        }
    }

    /// Counts the failures of the e-mail and of the address within the window
    /// and, below both limits, records this attempt as failed (to be marked
    /// by `loginSucceeded`) in the same transaction: N concurrent attempts on
    /// one account never check more than `limits.perAccount` passwords. Above
    /// a limit the attempt is recorded as throttled.
    public func admitLoginAttempt(email: String, userID: Int64?, address: String?, limits: LoginLimits, now: Date = Date()) async throws -> LoginAdmission {
        let email = email.lowercased(), since = Timestamp.string(now.addingTimeInterval(-limits.window))
        let isPostgres = provider.kind == .postgres
        return try await write { db in
            if isPostgres {
                // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL
                // serialises the attempts on one e-mail (and one address) here.
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "login e-mail " + email)))").run()
                if let address { try await db.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "login address " + address)))").run() }
            }
            func failures(_ column: String, _ value: String) async throws -> Int {
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("security_events")
                    .where("event", .equal, SecurityEventKind.loginFailed.rawValue).where("at", .greaterThan, since)
                    .where(SQLIdentifier(column), .equal, SQLBind(value)).first()?.int("n") ?? 0
            }
            var throttle: LoginThrottle?
            if try await failures("email", email) >= limits.perAccount {
                throttle = .account
            } else if let address, try await failures("address", address) >= limits.perAddress {
                throttle = .address
            }
            let id = try await db.insertReturningID(db.insert(into: "security_events")
                .columns("at", "event", "user_id", "email", "address", "actor_id", "workspace_id", "detail")
                .values(SQLBind(Timestamp.string(now)), SQLBind((throttle == nil ? SecurityEventKind.loginFailed : .loginThrottled).rawValue),
                        SQLBind(userID), SQLBind(email), SQLBind(address), SQLBind(Int64?.none), SQLBind(Int64?.none),
                        SQLBind(throttle?.rawValue ?? "")))
            return throttle.map(LoginAdmission.throttled) ?? .admitted(attemptID: id)
        }
    }

    /// The attempt admitted by `admitLoginAttempt` proved its password.
    public func loginSucceeded(attemptID: Int64, detail: String = "") async throws {
        try await write { db in
            try await db.update("security_events").set("event", to: SQLBind(SecurityEventKind.loginSucceeded.rawValue))
                .set("detail", to: SQLBind(detail)).where("id", .equal, attemptID).run()
        }
    }

    /// Failed logins since `since` for an e-mail or from an address (rate limiting).
    public func failedLogins(email: String? = nil, address: String? = nil, since: Date) async throws -> Int {
        try await read { db in
            var q = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("security_events")
                .where("event", .equal, SecurityEventKind.loginFailed.rawValue).where("at", .greaterThan, Timestamp.string(since))
            if let email { q = q.where("email", .equal, email.lowercased()) }
            if let address { q = q.where("address", .equal, address) }
            return try await q.first()?.int("n") ?? 0
        }
    }

    /// Newest first. Filters are optional; `workspaceID` also keeps events of the workspace's members.
    public func securityEvents(workspaceID: Int64? = nil, userID: Int64? = nil, kind: SecurityEventKind? = nil, limit: Int = 200) async throws -> [SecurityEvent] {
        try await read { db in
            var q = db.select().column("*").from("security_events")
            if let workspaceID { q = q.where("workspace_id", .equal, workspaceID) }
            if let userID { q = q.where("user_id", .equal, userID) }
            if let kind { q = q.where("event", .equal, kind.rawValue) }
            return try await q.orderBy("id", .descending).limit(limit).all().map { row in
                SecurityEvent(id: try row.int64("id"), at: Timestamp.date(try row.string("at")),
                              kind: SecurityEventKind(rawValue: try row.string("event")) ?? .loginFailed,
                              userID: try row.decode(column: "user_id", as: Int64?.self), email: try row.optionalString("email"),
                              address: try row.optionalString("address"), actorID: try row.decode(column: "actor_id", as: Int64?.self),
                              workspaceID: try row.decode(column: "workspace_id", as: Int64?.self), detail: try row.string("detail"))
            }
        }
    }
}
