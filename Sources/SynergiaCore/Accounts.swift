import Foundation

/// What the security log records. Raw values are stored.
public enum SecurityEventKind: String, Codable, Sendable, CaseIterable {
    case loginSucceeded = "login_succeeded"
    case loginFailed = "login_failed"
    case loginThrottled = "login_throttled"
    case logout
    case logoutEverywhere = "logout_everywhere"
    case passwordSet = "password_set"
    case passwordLinkCreated = "password_link_created"
    case userInvited = "user_invited"
    case roleChanged = "role_changed"
    case workspaceCreated = "workspace_created"
}

public struct SecurityEvent: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var kind: SecurityEventKind
    /// The account concerned (nil for a failed login with an unknown e-mail).
    public var userID: Int64?
    public var email: String?
    public var address: String?
    /// Who did it, when not the account itself (an administrator changing a role).
    public var actorID: Int64?
    public var workspaceID: Int64?
    public var detail: String

    public init(id: Int64, at: Date, kind: SecurityEventKind, userID: Int64?, email: String?, address: String?,
                actorID: Int64?, workspaceID: Int64?, detail: String) {
        self.id = id; self.at = at; self.kind = kind; self.userID = userID; self.email = email
        self.address = address; self.actorID = actorID; self.workspaceID = workspaceID; self.detail = detail
    }
}

public enum PasswordLinkPurpose: String, Codable, Sendable {
    /// First password of an invited account or of the first administrator.
    case invitation
    /// A new password for an existing account, issued by an administrator.
    case reset
}

/// A signed-in browser session as the server sees it.
public struct ActiveSession: Sendable, Equatable {
    public var user: User
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(user: User, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.user = user; self.csrfToken = csrfToken; self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// How many failed sign-ins are allowed within `window`, per account and per address.
public struct LoginLimits: Sendable, Equatable {
    public var perAccount: Int
    public var perAddress: Int
    public var window: TimeInterval

    public init(perAccount: Int, perAddress: Int, window: TimeInterval) {
        self.perAccount = perAccount; self.perAddress = perAddress; self.window = window
    }
}

/// The answer to a sign-in attempt before its password is checked.
public enum LoginAdmission: Sendable, Equatable {
    /// The attempt is recorded as failed until `loginSucceeded` marks it otherwise,
    /// so concurrent attempts count against the limit while their password is checked.
    case admitted(attemptID: Int64)
    /// Too many failures: the password is not checked at all.
    case throttled(LoginThrottle)
}

public enum LoginThrottle: String, Sendable, Equatable {
    case account, address
}


/// Who may give whom a role in a workspace. A system administrator may open
/// any workspace's members page but may not give itself a role there or
/// raise its own: a second person (another administrator, or a focal point
/// of the workspace) has to. Lowering or ending one's own role is allowed.
/// The machine's operator, through the command line, is not held by this
/// rule (it is the way back in when nobody else can); that change is logged.
public enum RoleGrant {
    /// nil when allowed, else why not.
    public static func refusal(actor: User, member: User, current: WorkspaceRole?, new: WorkspaceRole?) -> DomainError? {
        guard actor.isSystemAdministrator, actor.id == member.id, let new, current.map({ new > $0 }) ?? true else { return nil }
        return DomainError(.forbidden, "a system administrator cannot give itself a role in a workspace (\(new.rawValue) asked); "
            + "another administrator or a focal point of the workspace has to add you")
    }
}
