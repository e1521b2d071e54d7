import SynergiaCore

/// A migration plan as the API, `synergia report migrate --json`, the command's text and the
/// web page all show it: the same groups, the same rows, values as compact JSON.
public struct MigrationPlanDocument: Encodable, Sendable, Equatable {
    public struct Row: Encodable, Sendable, Equatable {
        public var oldKey: String
        public var newKey: String
        public var oldValue: AnswerValue
        public var newValue: AnswerValue
    }

    public struct Dropped: Encodable, Sendable, Equatable {
        public var key: String
        public var value: AnswerValue
        public var removedBy: String
    }

    public struct NewQuestion: Encodable, Sendable, Equatable {
        public var id: String
        public var required: Bool
    }

    public var reportID: Int64
    public var from: String
    public var to: String
    public var steps: [String]
    public var carried: [Row]
    public var renamed: [Row]
    public var recoded: [Row]
    public var dropped: [Dropped]
    public var newQuestions: [NewQuestion]
    public var refusals: [String]
    public var applicable: Bool
    /// Every answer the migrated report receives (an answer both renamed and recoded is counted once).
    public var answerCount: Int

    public init(reportID: Int64, plan: MigrationPlan) {
        func row(_ answer: MigrationPlan.CarriedAnswer) -> Row {
            Row(oldKey: answer.oldKey.description, newKey: answer.newKey.description, oldValue: answer.oldValue, newValue: answer.newValue)
        }
        self.reportID = reportID
        from = plan.from.description
        to = plan.to.description
        steps = plan.steps
        carried = plan.carriedAsIs.map(row)
        renamed = plan.renamed.map(row)
        recoded = plan.recoded.map(row)
        dropped = plan.dropped.map { Dropped(key: $0.key.description, value: $0.value, removedBy: $0.removedBy) }
        newQuestions = plan.newQuestions.map { NewQuestion(id: $0.id, required: $0.isRequired) }
        refusals = plan.refusals
        applicable = plan.isApplicable
        answerCount = plan.answers.count
    }

    /// The plan as lines of text, one per answer, under a heading per group with its count.
    public var lines: [String] {
        var lines = ["Report \(reportID): \(from) → \(to)" + (steps.isEmpty ? " (answers kept by question id)" : " by \(steps.joined(separator: ", "))")]
        lines.append("Carried as is (\(carried.count)):")
        lines += carried.map { "  \($0.oldKey) = \($0.oldValue)" }
        lines.append("Renamed (\(renamed.count)):")
        lines += renamed.map { "  \($0.oldKey) → \($0.newKey) = \($0.newValue)" }
        lines.append("Recoded (\(recoded.count)):")
        lines += recoded.map { "  \($0.newKey): \($0.oldValue) → \($0.newValue)" }
        lines.append("Dropped (\(dropped.count)):")
        lines += dropped.map { "  \($0.key) = \($0.value) (removed by \($0.removedBy))" }
        lines.append("New questions to answer (\(newQuestions.count)):")
        lines += newQuestions.map { "  \($0.id)" + ($0.required ? " (required)" : "") }
        if !refusals.isEmpty {
            lines.append("Refused (\(refusals.count)):")
            lines += refusals.map { "  \($0)" }
        }
        return lines
    }
}
