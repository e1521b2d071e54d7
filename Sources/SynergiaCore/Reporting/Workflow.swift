/// Who may move a report from one state to another.
public enum ReportTransition: String, Sendable, Codable, CaseIterable {
    case submitForReview = "submit_for_review"
    case requestChanges = "request_changes"
    case approve
    case submit
    case reopen

    public var from: Set<ReportState> {
        switch self {
        case .submitForReview: [.draft]
        case .requestChanges: [.inReview]
        case .approve: [.inReview]
        case .submit: [.approved]
        case .reopen: [.approved, .submitted]
        }
    }

    public var to: ReportState {
        switch self {
        case .submitForReview: .inReview
        case .requestChanges, .reopen: .draft
        case .approve: .approved
        case .submit: .submitted
        }
    }

    /// The least role allowed to make the transition.
    public var minimumRole: WorkspaceRole {
        switch self {
        case .submitForReview: .contributor
        case .requestChanges: .reviewer
        case .approve, .submit, .reopen: .focalPoint
        }
    }
}

extension ReportTransition {
    /// Checks a transition; the message names the state, the role and what would be allowed.
    public func check(from state: ReportState, role: WorkspaceRole?, reason: String?) throws(DomainError) {
        guard from.contains(state) else {
            let allowed = ReportTransition.allCases.filter { $0.from.contains(state) }.map(\.rawValue).joined(separator: ", ")
            throw .conflict("a report in state '\(state.rawValue)' cannot take '\(rawValue)'; from '\(state.rawValue)' it can take: \(allowed)")
        }
        guard let role, role >= minimumRole else {
            throw .init(.forbidden, "'\(rawValue)' needs the role \(minimumRole.rawValue) or higher in this workspace; you are \(role?.rawValue ?? "not a member")")
        }
        if self == .reopen, (reason ?? "").trimmingWhitespace.isEmpty {
            throw .invalid("reopening a report needs a reason; give one with the request")
        }
    }
}
