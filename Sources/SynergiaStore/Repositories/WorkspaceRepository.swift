import SynergiaCore

/// National workspaces, users and who may do what in which workspace.
public protocol WorkspaceRepository: Sendable {
    func createWorkspace(country: String, name: String?, conventions: [String]) async throws -> Workspace
    func workspaces() async throws -> [Workspace]
    /// By country code (alpha-3 or alpha-2, any case).
    func workspace(country: String) async throws -> Workspace?
    func setConventions(workspaceID: Int64, conventions: [String], expectedVersion: Int) async throws -> Workspace

    func createUser(email: String, displayName: String, isSystemAdministrator: Bool, isSecretariat: Bool) async throws -> User
    func user(email: String) async throws -> User?
    func setRole(workspaceID: Int64, userID: Int64, role: WorkspaceRole?) async throws
    func members(workspaceID: Int64) async throws -> [(user: User, role: WorkspaceRole)]
    func role(userID: Int64, workspaceID: Int64) async throws -> WorkspaceRole?
}
