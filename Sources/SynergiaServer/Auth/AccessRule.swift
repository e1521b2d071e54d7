import Foundation
import SynergiaCore

/// Who may call a route. Every route is registered with one (`SecuredRoutes`);
/// a test sends every route × role × own/other workspace and compares the
/// status with `AccessRule.allows`.
public enum AccessRule: Sendable, Hashable, CustomStringConvertible {
    /// No sign-in: the login pages, assets, health.
    case anyone
    /// Any signed-in user: global reference data (frameworks, targets, crosswalks, templates).
    case signedIn
    /// System administrators: workspaces and accounts.
    case systemAdministrator
    /// Secretariat staff: figures across the submitted reports of all workspaces.
    case secretariat
    /// System administrators and secretariat staff: the tags of the shared knowledge base.
    case knowledgeCurator
    /// A member of the workspace named by `{country}` with at least this role.
    case workspace(WorkspaceRole)
    /// Members: a focal point of `{country}`, or a system administrator.
    case workspaceManager
    /// A member of the workspace of report `{id}` with at least this role;
    /// with `secretariatReads`, secretariat staff too once it is submitted.
    case report(WorkspaceRole, secretariatReads: Bool)

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case .systemAdministrator: "system administrator"
        case .secretariat: "secretariat"
        case .knowledgeCurator: "knowledge curator"
        case .workspace(let role): "workspace \(role.rawValue)"
        case .workspaceManager: "workspace manager"
        case .report(let role, let s): "report \(role.rawValue)\(s ? " or secretariat once submitted" : "")"
        }
    }

    /// The decision for a user (nil: anonymous) whose role in the workspace
    /// concerned is `role`; `reportSubmitted` for report rules.
    public func allows(_ user: User?, role: WorkspaceRole?, reportSubmitted: Bool = false) -> Bool {
        guard let user else { return self == .anyone }
        switch self {
        case .anyone, .signedIn: return true
        case .systemAdministrator: return user.isSystemAdministrator
        case .secretariat: return user.isSecretariat
        case .knowledgeCurator: return user.isSystemAdministrator || user.isSecretariat
        case .workspace(let minimum): return role.map { $0 >= minimum } ?? false
        case .workspaceManager: return user.isSystemAdministrator || role == .focalPoint
        case .report(let minimum, let secretariatReads):
            if let role, role >= minimum { return true }
            return secretariatReads && reportSubmitted && user.isSecretariat
        }
    }
}

/// What a route handler learns from the access check.
public struct Access: Sendable {
    public var user: User?
    public var workspace: Workspace?
    public var role: WorkspaceRole?
    public var report: Report?

    /// The signed-in user (routes other than `.anyone` always have one).
    public var signedIn: User { user! }
}
