import Foundation
import SynergiaCore
import SynergiaReference

/// Turns one parsed template file into a `ReportTemplate`, collecting every
/// problem with its line: unknown types, missing fields, duplicate ids,
/// expressions that do not parse or name unknown questions, concepts and
/// choice lists that do not exist or do not match.
struct TemplateCompiler {
    typealias Path = [YAMLDocument.PathElement]

    let document: YAMLDocument
    let choiceLists: [String: [Choice]]
    let concepts: [String: Concept]
    let knownCodes: Set<String>
    let conventions: Set<String>
    var problems: [DataFileProblem] = []
    private var questionIDs: [String: Path] = [:]
    private var sectionIDs: Set<String> = []
    private var templateID = ""

    init(document: YAMLDocument, choiceLists: [String: [Choice]], concepts: [String: Concept], knownCodes: Set<String>, conventions: Set<String>) {
        self.document = document
        self.choiceLists = choiceLists
        self.concepts = concepts
        self.knownCodes = knownCodes
        self.conventions = conventions
    }

    mutating func compile(_ file: TemplateFile) -> ReportTemplate {
        let header = file.template
        templateID = header.id
        if !Self.isIdentifier(header.id, allowDash: true) {
            problem(["template", "id"], "template id '\(header.id)' must be lower case letters, digits and '-'")
        }
        if !conventions.contains(Code.canonical(header.convention)) {
            problem(["template", "convention"], "convention '\(header.convention)' is not in data/conventions.yaml")
        }
        if !header.languages.contains("en") { problem(["template", "languages"], "languages must include en") }
        if header.version < 1 { problem(["template", "version"], "version must be 1 or more") }
        for older in header.opens_versions ?? [] where !(1..<max(header.version, 1)).contains(older) {
            problem(["template", "opens_versions"], "opens_versions lists \(older); only earlier versions (1 to \(header.version - 1)) can be opened")
        }
        let sections = file.sections.enumerated().map { index, entry in section(entry, path: ["sections", .index(index)]) }
        var template = ReportTemplate(
            id: header.id, convention: Code.canonical(header.convention), cycle: header.cycle.text, version: header.version,
            previous: header.previous, languages: header.languages, title: header.title, source: header.source, sections: sections)
        template.opensVersions = Set(header.opens_versions ?? [])
        checkReferences(&template)
        return template
    }

    private mutating func section(_ entry: SectionEntry, path: Path) -> TemplateSection {
        if !sectionIDs.insert(entry.id).inserted { problem(path + ["id"], "section id '\(entry.id)' is used twice") }
        checkText(entry.title, path + ["title"])
        let questions = (entry.questions ?? []).enumerated().map { index, question in
            self.question(question, path: path + ["questions", .index(index)], parentRepeat: nil)
        }
        let sections = (entry.sections ?? []).enumerated().map { index, child in section(child, path: path + ["sections", .index(index)]) }
        return TemplateSection(id: entry.id, title: entry.title, help: entry.help, questions: questions, sections: sections, external: entry.external ?? [:])
    }

    private mutating func question(_ entry: QuestionEntry, path: Path, parentRepeat: RepeatSource?) -> Question {
        if !Self.isIdentifier(entry.id, allowDash: false) {
            problem(path + ["id"], "question id '\(entry.id)' must start with a lower-case letter and hold only a-z, 0-9 and _")
        }
        if let first = questionIDs[entry.id] {
            problem(path + ["id"], "question id '\(entry.id)' is already used at line \(document.line(at: first) ?? 0)")
        } else {
            questionIDs[entry.id] = path
        }
        checkText(entry.label, path + ["label"])
        guard let type = QuestionType(rawValue: entry.type) else {
            problem(path + ["type"], "type '\(entry.type)' is not one of \(QuestionType.allCases.map(\.rawValue).joined(separator: ", "))")
            return Question(id: entry.id, type: .text, label: entry.label)
        }
        var question = Question(id: entry.id, type: type, label: entry.label, help: entry.help, constraintMessage: entry.constraint_message,
                                concept: entry.concept, tags: (entry.tags ?? []).map(Code.canonical), unit: entry.unit,
                                allowsOther: entry.other ?? false, indicator: entry.indicator.map(Code.canonical), external: entry.external ?? [:])
        question.required = requiredExpression(entry.required, path: path + ["required"])
        question.relevant = entry.relevant.flatMap { expression($0, path: path + ["relevant"]) }
        question.constraint = entry.constraint.flatMap { expression($0, path: path + ["constraint"]) }
        for (index, tag) in question.tags.enumerated() where !knownCodes.contains(tag) {
            problem(path + ["tags", .index(index)], "tag '\(tag)' is no goal, target or indicator of any framework")
        }
        if let indicator = question.indicator, !knownCodes.contains(indicator) {
            problem(path + ["indicator"], "indicator '\(indicator)' is not in any framework")
        }
        question.choices = choices(entry.choices, list: entry.choice_list, path: path)
        if type.hasChoices, question.choices.isEmpty {
            problem(path, "a \(type.rawValue) question needs choices or a choice_list")
        }
        if type == .number, entry.unit == nil { problem(path, "a number question needs a unit") }
        switch type {
        case .date:
            question.minimumDate = entry.min?.text
            question.maximumDate = entry.max?.text
        default:
            question.minimum = number(entry.min, path: path + ["min"])
            question.maximum = number(entry.max, path: path + ["max"])
        }
        if let from = entry.from {
            if let field = TargetField(rawValue: from) {
                question.from = field
                if parentRepeat != .nationalTargets {
                    problem(path + ["from"], "'from: \(from)' works only inside a repeat over national_targets")
                }
            } else {
                problem(path + ["from"], "from '\(from)' is not one of \(TargetField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if type == .table { table(entry, into: &question, path: path) }
        if let fromRun = entry.from_run {
            let (source, problems) = fromRun.compile(for: question)
            question.fromRun = source
            for (field, message) in problems { problem(path + ["from_run"] + (field.map { [$0] } ?? []), message) }
        }
        if type == .repeatGroup { repeatGroup(entry, into: &question, path: path, parentRepeat: parentRepeat) }
        if let fromSeries = entry.from_series {
            let (source, problems) = fromSeries.compile(for: question, parentRepeat: parentRepeat, knownCodes: knownCodes)
            question.fromSeries = source
            for (field, message) in problems {
                problem(path + ["from_series"] + (field.map { [$0] } ?? []), "template \(templateID), question \(entry.id), from_series: \(message)")
            }
            if source != nil, question.from != nil || question.fromRun != nil {
                problem(path + ["from_series"], "template \(templateID), question \(entry.id): from_series and \(question.from != nil ? "from" : "from_run") both fill it; keep one")
            }
            if source != nil, let conceptID = entry.concept, concepts[conceptID]?.seriesIndicator != nil {
                problem(path + ["from_series"], "template \(templateID), question \(entry.id): concept \(conceptID) already names its series in data/concepts/; remove from_series")
            }
        }
        if let conceptID = entry.concept { checkConcept(conceptID, question: question, path: path) }
        if entry.concept != nil, case .entries? = parentRepeat {
            problem(path + ["concept"], "a question inside a repeat over entries cannot be bound to a concept: its entries (1, 2, …) are not shared between reports")
        }
        return question
    }

    private mutating func table(_ entry: QuestionEntry, into question: inout Question, path: Path) {
        let rows = entry.rows ?? []
        let columns = entry.columns ?? []
        if rows.isEmpty || columns.isEmpty { problem(path, "a table needs rows and columns") }
        question.rows = rows.map { TableRow(id: $0.id, label: $0.label) }
        question.columns = columns.enumerated().map { index, column in
            let columnPath = path + ["columns", .index(index)]
            let type = QuestionType(rawValue: column.type) ?? .text
            if ![.text, .number, .integer, .yesNo, .singleChoice].contains(type) || QuestionType(rawValue: column.type) == nil {
                problem(columnPath + ["type"], "column type '\(column.type)' is not one of text, number, integer, yes_no, single_choice")
            }
            let choices = self.choices(column.choices, list: column.choice_list, path: columnPath)
            if type == .singleChoice, choices.isEmpty { problem(columnPath, "a single_choice column needs choices or a choice_list") }
            return TableColumn(id: column.id, label: column.label, type: type, unit: column.unit, choices: choices)
        }
        for (kind, ids) in [("row", rows.map(\.id)), ("column", columns.map(\.id))] where Set(ids).count != ids.count {
            problem(path, "two \(kind)s share an id")
        }
    }

    private mutating func repeatGroup(_ entry: QuestionEntry, into question: inout Question, path: Path, parentRepeat: RepeatSource?) {
        guard let spec = entry.repeat else {
            problem(path, "a repeat question needs `repeat: {over: …}`")
            return
        }
        if parentRepeat != nil { problem(path, "a repeat group cannot sit inside another repeat group") }
        let frameworkCode = spec.framework.map(Code.canonical)
        switch spec.over {
        case "national_targets": question.repeatSource = .nationalTargets
        case "goals", "targets":
            guard let frameworkCode else {
                problem(path + ["repeat"], "`repeat: {over: \(spec.over)}` needs `framework:` (e.g. GBF)")
                return
            }
            question.repeatSource = spec.over == "goals" ? .goals(framework: frameworkCode) : .targets(framework: frameworkCode)
        case "entries": question.repeatSource = .entries(min: spec.min, max: spec.max)
        default:
            problem(path + ["repeat", "over"], "repeat over '\(spec.over)' is not one of national_targets, goals, targets, entries")
        }
        let children = entry.questions ?? []
        if children.isEmpty { problem(path, "a repeat group needs questions") }
        question.children = children.enumerated().map { index, child in
            self.question(child, path: path + ["questions", .index(index)], parentRepeat: question.repeatSource)
        }
    }

    private mutating func checkConcept(_ id: String, question: Question, path: Path) {
        guard let concept = concepts[id] else {
            problem(path + ["concept"], "concept '\(id)' is not in data/concepts/")
            return
        }
        if concept.type != question.type {
            problem(path + ["concept"], "question type \(question.type.rawValue) differs from concept \(id)'s type \(concept.type.rawValue)")
        }
        if concept.unit != question.unit {
            problem(path + ["concept"], "unit \(question.unit ?? "none") differs from concept \(id)'s unit \(concept.unit ?? "none")")
        }
        if let list = concept.choiceList, choiceLists[list].map({ $0.map(\.value) }) != question.choices.map(\.value) {
            problem(path + ["concept"], "choices differ from concept \(id)'s choice_list \(list)")
        }
    }

    /// Every `${id}` names a question a reader of this question can see: a
    /// top-level question, or a sibling inside the same repeat group.
    private mutating func checkReferences(_ template: inout ReportTemplate) {
        let topLevel = Set(template.questions.map(\.question.id))
        for (question, _) in template.questions {
            check(question, visible: topLevel)
            let siblings = topLevel.union(question.children.map(\.id))
            for child in question.children { check(child, visible: siblings) }
        }
    }

    private mutating func check(_ question: Question, visible: Set<String>) {
        guard let path = questionIDs[question.id] else { return }
        for (field, expression) in [("required", question.required), ("relevant", question.relevant), ("constraint", question.constraint)] {
            guard let expression else { continue }
            for name in expression.references.sorted() where !visible.contains(name) {
                problem(path + [.key(field)], "\(field) refers to ${\(name)}, which is no question this one can see")
            }
        }
    }

    // MARK: helpers

    private mutating func choices(_ inline: [Choice]?, list: String?, path: Path) -> [Choice] {
        if let list {
            guard let choices = choiceLists[list] else {
                problem(path + ["choice_list"], "choice_list '\(list)' is not in data/templates/choice-lists.yaml")
                return []
            }
            return choices
        }
        let choices = inline ?? []
        if Set(choices.map(\.value)).count != choices.count { problem(path + ["choices"], "two choices share a value") }
        return choices
    }

    private mutating func expression(_ source: String, path: Path) -> SynergiaCore.Expression? {
        do {
            return try ExpressionParser.parse(source)
        } catch {
            problem(path, "expression '\(source)' \(error.description)")
            return nil
        }
    }

    private mutating func requiredExpression(_ value: LooseScalar?, path: Path) -> SynergiaCore.Expression? {
        switch value {
        case nil, .bool(false): nil
        case .bool(true): try? ExpressionParser.parse("true")
        case .text(let source): expression(source, path: path)
        case .number: { problem(path, "required must be true, false or an expression"); return nil }()
        }
    }

    private mutating func number(_ value: LooseScalar?, path: Path) -> Double? {
        switch value {
        case nil: return nil
        case .number(let number): return number
        default:
            problem(path, "must be a number")
            return nil
        }
    }

    private mutating func checkText(_ text: LocalizedText, _ path: Path) {
        if (text.values["en"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { problem(path, "the English text is missing") }
        for language in text.values.keys where !LocalizedText.languages.contains(language) {
            problem(path, "language '\(language)' is not one of \(LocalizedText.languages.joined(separator: ", "))")
        }
    }

    private mutating func problem(_ path: Path, _ message: String) {
        problems.append(document.problem(at: path, message))
    }

    static func isIdentifier(_ text: String, allowDash: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || (allowDash && $0 == "-") }
    }
}

