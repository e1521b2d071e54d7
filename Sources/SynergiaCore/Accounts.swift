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

/// Password rules shown to people choosing one.
public enum PasswordRules {
    public static let minimumLength = 12

    /// nil when acceptable, else the reason.
    public static func problem(_ password: String, email: String) -> String? {
        if password.count < minimumLength { return "at least \(minimumLength) characters" }
        if password.lowercased() == email.lowercased() { return "different from the e-mail address" }
        if Set(password).count < 5 { return "at least 5 different characters" }
        return nil
    }
}
