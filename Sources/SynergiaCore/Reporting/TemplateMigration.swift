/// How the answers of one template version become answers of another: the next version of the
/// same template, or the next cycle's form (another template id). Declared in
/// `data/templates/migrations/` (docs/templates.md, "Moving a report to a newer version").
public struct TemplateMigration: Sendable, Equatable {
    /// A template at one version.
    public struct Form: Sendable, Hashable, CustomStringConvertible {
        public var templateID: String
        public var version: Int

        public init(templateID: String, version: Int) {
            self.templateID = templateID
            self.version = version
        }

        public var description: String { "\(templateID) version \(version)" }
    }

    /// Choice codes renamed in one question (or one single-choice column of a table).
    public struct ChoiceRecoding: Sendable, Equatable {
        /// The question's id in the newer form.
        public var question: String
        /// A table's column, when the codes are those of a single-choice column.
        public var column: String?
        /// Old code → new code.
        public var codes: [String: String]

        public init(question: String, column: String? = nil, codes: [String: String]) {
            self.question = question
            self.column = column
            self.codes = codes
        }
    }

    /// Rows and columns of a table question renamed.
    public struct TableRenaming: Sendable, Equatable {
        /// The question's id in the newer form.
        public var question: String
        public var rows: [String: String]
        public var columns: [String: String]

        public init(question: String, rows: [String: String] = [:], columns: [String: String] = [:]) {
            self.question = question
            self.rows = rows
            self.columns = columns
        }
    }

    public var from: Form
    public var to: Form
    /// Old question id → new question id; it applies to top-level questions, repeat groups and their children alike.
    public var renamedQuestions: [String: String]
    /// Question ids of the older form whose answers are not carried (listed in the plan with their values).
    public var removedQuestions: Set<String>
    /// Question ids of the newer form that the older one did not ask.
    public var addedQuestions: [String]
    public var recodings: [ChoiceRecoding]
    public var tables: [TableRenaming]
    /// The file that declares it, as named in messages (`templates/migrations/cbd-7nr-v2.yaml`).
    public var file: String

    public init(from: Form, to: Form, renamedQuestions: [String: String] = [:], removedQuestions: Set<String> = [],
                addedQuestions: [String] = [], recodings: [ChoiceRecoding] = [], tables: [TableRenaming] = [], file: String) {
        self.from = from
        self.to = to
        self.renamedQuestions = renamedQuestions
        self.removedQuestions = removedQuestions
        self.addedQuestions = addedQuestions
        self.recodings = recodings
        self.tables = tables
        self.file = file
    }

    /// The fewest declared steps that lead from `start` to `goal`, in order; nil when none does.
    public static func path(from start: Form, to goal: Form, among migrations: [TemplateMigration]) -> [TemplateMigration]? {
        var reached: [Form: [TemplateMigration]] = [start: []]
        var frontier = [start]
        while !frontier.isEmpty {
            if let steps = reached[goal] { return steps }
            var next: [Form] = []
            for form in frontier {
                for step in migrations where step.from == form && reached[step.to] == nil {
                    reached[step.to] = reached[form]! + [step]
                    next.append(step.to)
                }
            }
            frontier = next
        }
        return reached[goal]
    }
}
