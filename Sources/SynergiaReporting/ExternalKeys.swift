import SynergiaCore

/// A template's questions as another system's form keys them (`external: {ort: …}`):
/// which system the template speaks, the question behind each key, and each answer
/// written with that system's codes and read back from them. Exports and imports
/// in a secretariat's shape go through this one mapping, so they grow as keys are
/// added to the template and never hold a list of questions of their own.
public struct ExternalKeys: Sendable {
    /// Where a keyed question is answered: top level, or as a child of a repeat group.
    public struct Place: Sendable {
        public var question: Question
        /// The repeat group holding the question, nil at top level.
        public var group: Question?
        /// The template section (innermost) the question is asked in.
        public var section: String
    }

    public let system: String
    public let template: ReportTemplate
    /// Top-level questions by their key in `system`.
    public let questions: [String: Place]
    /// Repeat groups by their key in `system` (the first, where several share it); their children are keyed inside the group.
    public let groups: [String: Question]
    /// Every repeat group of each key: several may share one (the ORT's section III holds national
    /// and global targets' rows alike), their entries then told apart by the entries themselves.
    public let groupsSharingKey: [String: [Question]]
    /// Keys that take the "other, specify" text of a multiple-choice question.
    public let otherTexts: [String: Question]

    /// The system each convention's secretariat reports in, when a template's questions carry no key yet.
    static let conventionSystems = ["CBD": "ort", "UNCCD": "prais", "RAMSAR": "ramsar", "CMS": "ors"]

    /// Keys of a system, not the key of a question: `ort_indicator`, `ort_other_text`, …
    static func isQualifier(_ name: String) -> Bool { name.contains("_") }

    /// The system most of the template's questions carry a key of, else its convention's.
    public static func system(of template: ReportTemplate) -> String {
        var counts: [String: Int] = [:]
        for (question, _) in template.questions {
            for name in (question.external.keys + question.children.flatMap(\.external.keys)) where !isQualifier(name) {
                counts[name, default: 0] += 1
            }
        }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { return best.key }
        return conventionSystems[template.convention.uppercased()] ?? template.convention.lowercased()
    }

    /// The template's keys in `system` (default: `system(of:)`). Two questions with one key
    /// refuse the template by name: a document keyed that way could not be read back.
    public init(template: ReportTemplate, system: String? = nil) throws(DomainError) {
        let system = system ?? Self.system(of: template)
        self.system = system
        self.template = template
        var questions: [String: Place] = [:]
        var groups: [String: [Question]] = [:]
        var otherTexts: [String: Question] = [:]
        var clashes: [String] = []
        func claim(_ key: String, _ id: String, _ taken: String?) {
            if let taken { clashes.append("'\(key)' is the \(system) key of both \(taken) and \(id)") }
        }
        for (question, section) in template.questions {
            if question.type == .repeatGroup {
                if let key = question.external[system] {
                    claim(key, question.id, questions[key]?.question.id)
                    groups[key, default: []].append(question)
                }
                var childKeys: [String: String] = [:]
                for child in question.children {
                    if let key = child.external[system] {
                        claim(key, "\(question.id).\(child.id)", childKeys[key])
                        childKeys[key] = "\(question.id).\(child.id)"
                    }
                }
                continue
            }
            if let key = question.external[system] {
                claim(key, question.id, questions[key]?.question.id ?? groups[key]?.first?.id)
                questions[key] = Place(question: question, group: nil, section: section)
            }
            if let key = question.external[system + "_other_text"] {
                claim(key, "\(question.id) (other text)", questions[key]?.question.id ?? otherTexts[key]?.id)
                otherTexts[key] = question
            }
        }
        guard clashes.isEmpty else {
            throw .invalid("template \(template.id) cannot be written with \(system) keys: \(clashes.joined(separator: "; ")); give each question its own key in data/templates")
        }
        self.questions = questions
        self.groups = groups.compactMapValues(\.first)
        groupsSharingKey = groups
        self.otherTexts = otherTexts
    }

    /// The group of `key` that has `entry` among its entries (`entries`: the report's), or the only group of the key.
    public func group(_ key: String, entry: String, entries: [String: [String]]) -> Question? {
        let candidates = groupsSharingKey[key] ?? []
        return candidates.first { (entries[$0.id] ?? []).contains(entry) } ?? (candidates.count == 1 ? candidates.first : nil)
    }

    /// A child of `group` by its key in the system.
    public func child(_ key: String, of group: Question) -> Question? {
        group.children.first { $0.external[system] == key }
    }

    // MARK: Values

    /// An answer as the system writes it: choices as the system's codes (a multiple choice
    /// as a list of codes, "other" as `other`), every other type as Synergia stores it.
    public func written(_ value: AnswerValue, for question: Question) -> AnswerValue {
        switch question.type {
        case .singleChoice, .scale:
            guard let selected = value.stringValue else { return value }
            return .string(question.choices.first { $0.value == selected }?.code(in: system) ?? selected)
        case .multipleChoice:
            let selected = (value["selected"].listValue ?? []).compactMap(\.stringValue)
            return .list(selected.map { item in .string(question.choices.first { $0.value == item }?.code(in: system) ?? item) })
        default:
            return value
        }
    }

    /// A value written with the system's codes, read back into Synergia's answer; `place`
    /// names where it was found. Refuses a code the question does not offer, listing those it does.
    public func read(_ written: AnswerValue, for question: Question, otherText: String?, place: String) throws(DomainError) -> AnswerValue {
        func choice(_ code: String) throws(DomainError) -> String {
            if let match = question.choices.first(where: { $0.code(in: system) == code }) { return match.value }
            if question.type == .multipleChoice, question.allowsOther, code == "other" { return "other" }
            let offered = question.choices.map { $0.code(in: system) } + (question.type == .multipleChoice && question.allowsOther ? ["other"] : [])
            throw .invalid("\(place): '\(code)' is not among the \(system) codes of question \(question.id); use one of \(offered.joined(separator: ", "))")
        }
        switch question.type {
        case .singleChoice, .scale:
            guard written != .null else { return .null }
            guard let code = written.stringValue else {
                throw .invalid("\(place): question \(question.id) takes one \(system) code as text, not \(written)")
            }
            return .string(try choice(code))
        case .multipleChoice:
            guard written != .null else { return .null }
            guard let items = written.listValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw .invalid("\(place): question \(question.id) takes a list of \(system) codes, such as [\"\(question.choices.first.map { $0.code(in: system) } ?? "code")\"], not \(written)")
            }
            var selected: [AnswerValue] = []
            for item in items { selected.append(.string(try choice(item.stringValue!))) }
            var members: [String: AnswerValue] = ["selected": .list(selected)]
            if let otherText, !otherText.isEmpty { members["other"] = .string(otherText) }
            return .object(members)
        default:
            return written
        }
    }
}
