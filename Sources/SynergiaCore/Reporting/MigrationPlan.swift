/// What moving a report's answers to a newer form would do, answer by answer, before anything is
/// stored: carried as is, renamed, recoded, dropped (with the old values), the new questions to
/// answer, and the refusals that stop it (each naming the key, the value and the fix).
public struct MigrationPlan: Sendable, Equatable {
    public struct CarriedAnswer: Sendable, Equatable {
        public var oldKey: AnswerKey
        public var oldValue: AnswerValue
        public var newKey: AnswerKey
        public var newValue: AnswerValue
        /// A prefilled value still waiting for confirmation keeps waiting in the new report.
        public var toConfirm: Bool
        /// The concept of the question in the newer form (top-level questions only), stored with the answer.
        public var concept: String?

        public var isRenamed: Bool { oldKey != newKey }
        public var isRecoded: Bool { oldValue != newValue }
    }

    public struct DroppedAnswer: Sendable, Equatable {
        public var key: AnswerKey
        public var value: AnswerValue
        /// The migration file that removes the question.
        public var removedBy: String
    }

    public struct NewQuestion: Sendable, Equatable {
        public var id: String
        /// Required always or under a condition (`required:` in the template).
        public var isRequired: Bool
    }

    public var from: TemplateMigration.Form
    public var to: TemplateMigration.Form
    /// The migration files applied, in order (none when the newer version opens the older one as it is).
    public var steps: [String]
    /// Every answer that reaches the newer form, in the order of the older keys.
    public var answers: [CarriedAnswer]
    public var dropped: [DroppedAnswer]
    public var newQuestions: [NewQuestion]
    /// Sentences naming the key, the value and the fix; a plan with any stores nothing.
    public var refusals: [String]

    public var carriedAsIs: [CarriedAnswer] { answers.filter { !$0.isRenamed && !$0.isRecoded } }
    public var renamed: [CarriedAnswer] { answers.filter(\.isRenamed) }
    public var recoded: [CarriedAnswer] { answers.filter(\.isRecoded) }
    public var isApplicable: Bool { refusals.isEmpty }

    public init(from: TemplateMigration.Form, to: TemplateMigration.Form, steps: [String], answers: [CarriedAnswer],
                dropped: [DroppedAnswer], newQuestions: [NewQuestion], refusals: [String]) {
        self.from = from
        self.to = to
        self.steps = steps
        self.answers = answers
        self.dropped = dropped
        self.newQuestions = newQuestions
        self.refusals = refusals
    }
}
