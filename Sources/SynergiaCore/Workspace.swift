import Foundation

/// A country's private national workspace: one per country.
public struct Workspace: Codable, Sendable, Equatable {
    public var id: Int64
    /// ISO 3166-1 alpha-3 code; also the workspace's short name (`KEN`).
    public var country: String
    public var name: String
    /// Codes of the conventions the country is party to.
    public var conventions: [String]
    public var createdAt: Date
    public var version: Int

    public init(id: Int64, country: String, name: String, conventions: [String], createdAt: Date, version: Int) {
        self.id = id
        self.country = country
        self.name = name
        self.conventions = conventions
        self.createdAt = createdAt
        self.version = version
    }
}

/// What a member may do in a workspace. Ordered from least to most rights.
public enum WorkspaceRole: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer
    case contributor
    case reviewer
    case focalPoint = "focal_point"

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: WorkspaceRole, rhs: WorkspaceRole) -> Bool { lhs.rank < rhs.rank }

    public var canEditAnswers: Bool { self >= .contributor }
    public var canReview: Bool { self >= .reviewer }
    public var canManageMembers: Bool { self == .focalPoint }
}

public struct User: Codable, Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var displayName: String
    public var isSystemAdministrator: Bool
    /// Secretariat staff read the submitted reports of every workspace, and nothing else national.
    public var isSecretariat: Bool
    public var createdAt: Date

    public init(id: Int64, email: String, displayName: String, isSystemAdministrator: Bool, isSecretariat: Bool = false, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.isSystemAdministrator = isSystemAdministrator
        self.isSecretariat = isSecretariat
        self.createdAt = createdAt
    }
}

public struct Membership: Codable, Sendable, Equatable {
    public var workspaceID: Int64
    public var userID: Int64
    public var role: WorkspaceRole

    public init(workspaceID: Int64, userID: Int64, role: WorkspaceRole) {
        self.workspaceID = workspaceID
        self.userID = userID
        self.role = role
    }
}
