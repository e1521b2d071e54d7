/// What a change of the register does to another report that asks the fact.
/// The one statement of the rule: the store applies it in the change's transaction.
public enum FactFollowing: Sendable, Equatable {
    /// A draft takes the register's value (audited, naming the source).
    case takesValue
    /// A report in review or approved keeps its value and shows the notice
    /// "changed since you reviewed" (accept or keep).
    case notice
    /// A submitted report and its snapshots never change; a value kept for
    /// the report only is passed by.
    case unchanged

    public init(state: ReportState, mark: FactMark?) {
        if mark == .local {
            self = .unchanged
            return
        }
        switch state {
        case .draft: self = .takesValue
        case .inReview, .approved: self = .notice
        case .submitted: self = .unchanged
        }
    }
}

/// Which existing answer fills the register when a fact is first needed: the
/// order the prefill promises, approved or submitted reports first, then the
/// most recently updated report.
public enum FactSeeding {
    public static func preferred(_ candidates: [(report: Report, answer: Answer)]) -> (report: Report, answer: Answer)? {
        candidates.filter { $0.answer.value.isAnswered }.sorted { lhs, rhs in
            let lhsFinal = lhs.report.state == .approved || lhs.report.state == .submitted
            let rhsFinal = rhs.report.state == .approved || rhs.report.state == .submitted
            if lhsFinal != rhsFinal { return lhsFinal }
            if lhs.report.updatedAt != rhs.report.updatedAt { return lhs.report.updatedAt > rhs.report.updatedAt }
            return lhs.report.id > rhs.report.id
        }.first
    }
}
