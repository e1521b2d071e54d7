import SynergiaCore
import SynergiaStore

/// The person acting on a report, with their role in the report's workspace.
public struct ReportActor: Sendable, Equatable {
    public var userID: Int64?
    public var role: WorkspaceRole?
    public var channel: AnswerChannel

    public init(userID: Int64?, role: WorkspaceRole?, channel: AnswerChannel) {
        self.userID = userID
        self.role = role
        self.channel = channel
    }

    var context: ChangeContext { ChangeContext(userID: userID, channel: channel) }

    /// Resolves a user by e-mail to an actor in `workspaceID`.
    public static func resolve(email: String, workspaceID: Int64, channel: AnswerChannel, store: SQLStore) async throws -> ReportActor {
        guard let user = try await store.user(email: email) else {
            throw DomainError.notFound("no user with the e-mail \(email)")
        }
        return ReportActor(userID: user.id, role: try await store.role(userID: user.id, workspaceID: workspaceID), channel: channel)
    }
}
