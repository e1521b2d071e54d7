/// A questionnaire kept as data (docs/templates.md): sections of questions,
/// some bound to concepts shared across conventions.
public struct ReportTemplate: Sendable, Equatable {
    public var id: String
    public var convention: String
    public var cycle: String
    public var version: Int
    public var previous: String?
    /// Earlier versions of this template whose reports open with it: their answers are
    /// kept by question id, and answers to questions this version no longer asks stay stored.
    public var opensVersions: Set<Int> = []
    public var languages: [String]
    public var title: LocalizedText
    public var source: String
    public var sections: [TemplateSection] {
        didSet { index = QuestionIndex(sections) }
    }
    /// Pages and exports look questions up many times per request: the flat list is kept, not rebuilt.
    private var index: QuestionIndex

    public init(id: String, convention: String, cycle: String, version: Int, previous: String? = nil, languages: [String], title: LocalizedText, source: String, sections: [TemplateSection]) {
        self.id = id
        self.convention = convention
        self.cycle = cycle
        self.version = version
        self.previous = previous
        self.languages = languages
        self.title = title
        self.source = source
        self.sections = sections
        index = QuestionIndex(sections)
    }

    /// Every section, depth first, with its parents' ids.
    public var allSections: [(section: TemplateSection, path: [String])] { index.sections }

    /// Every top-level question (not repeat children) with the id of its section.
    public var questions: [(question: Question, section: String)] { index.questions }

    /// Any question, repeat children included, by id (the first one in template order).
    public func question(_ id: String) -> Question? { index.byID[id] }
}

/// The template's sections and questions flattened once, in template order.
private struct QuestionIndex: Sendable, Equatable {
    let sections: [(section: TemplateSection, path: [String])]
    let questions: [(question: Question, section: String)]
    let byID: [String: Question]

    init(_ roots: [TemplateSection]) {
        func walk(_ sections: [TemplateSection], _ path: [String]) -> [(TemplateSection, [String])] {
            sections.flatMap { [($0, path)] + walk($0.sections, path + [$0.id]) }
        }
        sections = walk(roots, [])
        questions = sections.flatMap { entry in entry.section.questions.map { ($0, entry.section.id) } }
        var byID: [String: Question] = [:]
        for (question, _) in questions {
            if byID[question.id] == nil { byID[question.id] = question }
            for child in question.children where byID[child.id] == nil { byID[child.id] = child }
        }
        self.byID = byID
    }

    /// Derived from the sections, which the template compares itself.
    static func == (lhs: QuestionIndex, rhs: QuestionIndex) -> Bool { true }
}

public struct TemplateSection: Sendable, Equatable {
    public var id: String
    public var title: LocalizedText
    public var help: LocalizedText?
    public var questions: [Question]
    public var sections: [TemplateSection]
    /// This section's key in another system's form, by system (`ort`: a binary-indicator group).
    public var external: [String: String]

    public init(id: String, title: LocalizedText, help: LocalizedText? = nil, questions: [Question] = [], sections: [TemplateSection] = [], external: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.help = help
        self.questions = questions
        self.sections = sections
        self.external = external
    }
}

public enum QuestionType: String, Sendable, Codable, CaseIterable {
    case text, number, integer, date
    case yesNo = "yes_no"
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case scale, table, repeatGroup = "repeat", link
    case indicatorData = "indicator_data"

    public var hasChoices: Bool { self == .singleChoice || self == .multipleChoice || self == .scale }
}

public struct Choice: Sendable, Equatable, Codable {
    public var value: String
    public var label: LocalizedText
    /// This option's code in another system's form, by system (`ort`), when it is not `value`.
    public var external: [String: String]?

    public init(value: String, label: LocalizedText, external: [String: String]? = nil) {
        self.value = value
        self.label = label
        self.external = external
    }

    /// The code another system gives this option: its own mapping, else `value`.
    public func code(in system: String) -> String { external?[system] ?? value }
}

public struct TableRow: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText

    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

public struct TableColumn: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
    /// One of text, number, integer, yes_no, single_choice.
    public var type: QuestionType
    public var unit: String?
    public var choices: [Choice]

    public init(id: String, label: LocalizedText, type: QuestionType, unit: String? = nil, choices: [Choice] = []) {
        self.id = id
        self.label = label
        self.type = type
        self.unit = unit
        self.choices = choices
    }
}

/// What a repeat group has one entry for.
public enum RepeatSource: Sendable, Equatable {
    case nationalTargets
    case goals(framework: String)
    case targets(framework: String)
    case entries(min: Int?, max: Int?)
}

/// Where a question inside a repeat over national targets takes its first value.
public enum TargetField: String, Sendable, Equatable, CaseIterable {
    case title = "target.title"
    case description = "target.description"
    case progress = "target.progress"
    case alignments = "target.alignments"
    case indicatorData = "target.indicator_data"
}

public struct Question: Sendable, Equatable {
    public var id: String
    public var type: QuestionType
    public var label: LocalizedText
    public var help: LocalizedText?
    /// `nil` when never required; otherwise an expression (`true` for always).
    public var required: Expression?
    public var relevant: Expression?
    public var constraint: Expression?
    public var constraintMessage: LocalizedText?
    public var concept: String?
    public var tags: [String]
    public var from: TargetField?
    public var unit: String?
    public var minimum: Double?
    public var maximum: Double?
    public var minimumDate: String?
    public var maximumDate: String?
    public var choices: [Choice]
    public var allowsOther: Bool
    public var rows: [TableRow]
    public var columns: [TableColumn]
    public var repeatSource: RepeatSource?
    public var children: [Question]
    public var indicator: String?
    /// A table question's first values from an engine run's table (`from_run:`).
    public var fromRun: RunTableSource? = nil
    /// First values from the workspace's indicator series (`from_series:`).
    public var fromSeries: SeriesSource? = nil
    /// This question's key in another system's form, by system (`ort`: the CBD Online Reporting Tool).
    public var external: [String: String]

    public init(id: String, type: QuestionType, label: LocalizedText, help: LocalizedText? = nil, required: Expression? = nil,
                relevant: Expression? = nil, constraint: Expression? = nil, constraintMessage: LocalizedText? = nil,
                concept: String? = nil, tags: [String] = [], from: TargetField? = nil, unit: String? = nil,
                minimum: Double? = nil, maximum: Double? = nil, minimumDate: String? = nil, maximumDate: String? = nil,
                choices: [Choice] = [], allowsOther: Bool = false, rows: [TableRow] = [], columns: [TableColumn] = [],
                repeatSource: RepeatSource? = nil, children: [Question] = [], indicator: String? = nil,
                external: [String: String] = [:]) {
        self.id = id
        self.type = type
        self.label = label
        self.help = help
        self.required = required
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.concept = concept
        self.tags = tags
        self.from = from
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.minimumDate = minimumDate
        self.maximumDate = maximumDate
        self.choices = choices
        self.allowsOther = allowsOther
        self.rows = rows
        self.columns = columns
        self.repeatSource = repeatSource
        self.children = children
        self.indicator = indicator
        self.external = external
    }
}

/// One national fact several conventions ask for (data/concepts/).
public struct Concept: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
    public var type: QuestionType
    public var unit: String?
    public var choiceList: String?
    /// The indicator series whose latest value prefills the concept.
    public var seriesIndicator: String?
    public var seriesDisaggregation: String

    public init(id: String, label: LocalizedText, type: QuestionType, unit: String? = nil, choiceList: String? = nil, seriesIndicator: String? = nil, seriesDisaggregation: String = "") {
        self.id = id
        self.label = label
        self.type = type
        self.unit = unit
        self.choiceList = choiceList
        self.seriesIndicator = seriesIndicator
        self.seriesDisaggregation = seriesDisaggregation
    }
}
