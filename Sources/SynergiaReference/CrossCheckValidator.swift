import SynergiaCore
import Yams

/// Reads one entry of the checks file and checks it against the installed
/// templates and indicators; each problem names the check and the value.
struct CrossCheckValidator {
    static let keys: Set<String> = ["id", "severity", "for_each", "left", "right", "tolerance", "unit", "message", "basis"]
    /// The languages every check's message must be written in.
    static let messageLanguages = ["en", "fr", "es", "zh"]

    let document: YAMLDocument
    let templates: [String: ReportTemplate]
    let indicators: Set<String>
    var problems: [DataFileProblem] = []

    init(document: YAMLDocument, templates: [String: ReportTemplate], indicators: Set<String>) {
        self.document = document
        self.templates = templates
        self.indicators = indicators
    }

    mutating func check(at index: Int) -> CrossConventionCheck? {
        let path: [YAMLDocument.PathElement] = ["checks", .index(index)]
        guard let mapping = document.root.mapping?["checks"]?.sequence?[index].mapping else {
            problems.append(document.problem(at: path, "check \(index + 1) is not a mapping of id, severity, left, right, message and basis"))
            return nil
        }
        func scalar(_ key: String) -> String? { mapping[key]?.scalar?.string }
        guard let id = scalar("id"), !id.isEmpty else {
            problems.append(document.problem(at: path, "check \(index + 1) has no id"))
            return nil
        }
        let name = "check '\(id)'"
        let before = problems.count
        func problem(_ key: String, _ message: String) {
            problems.append(document.problem(at: path + [.key(key)], "\(name), \(key): \(message)"))
        }
        if !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) || !(id.first?.isLetter ?? false) {
            problem("id", "'\(id)' must start with a lower-case letter and use only a-z, 0-9 and -")
        }
        for case let key? in mapping.keys.map({ $0.string }) where !Self.keys.contains(key) {
            problem(key, "unknown key '\(key)'; a check has \(Self.keys.sorted().joined(separator: ", "))")
        }
        let severityText = scalar("severity") ?? ""
        let severity = CrossConventionCheck.Severity(rawValue: severityText)
        if severity == nil {
            problem("severity", "'\(severityText)' is not a severity; checks across conventions only warn: severity: warning")
        }
        let scopeText = scalar("for_each") ?? CrossConventionCheck.Scope.report.rawValue
        let scope = CrossConventionCheck.Scope(rawValue: scopeText)
        if scope == nil {
            problem("for_each", "'\(scopeText)' is not one of \(CrossConventionCheck.Scope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var tolerance: Double?
        if let node = mapping["tolerance"] {
            if let value = node.float, value.isFinite, value >= 0 { tolerance = value }
            else { problem("tolerance", "'\(node.string ?? "")' is not a number of 0 or more (the largest difference that still agrees, in the check's unit)") }
        }
        let message = localized("message", in: mapping, name: name, path: path, required: Self.messageLanguages)
        if let message {
            for language in Self.messageLanguages where !(message.values[language] ?? "").contains("{left}") || !(message.values[language] ?? "").contains("{right}") {
                problem("message", "the \(language) text must show both values: put {left} and {right} in it")
            }
        }
        let basis = localized("basis", in: mapping, name: name, path: path, required: ["en"])
        var sides: [(source: String, expression: Expression)] = []
        for key in ["left", "right"] {
            guard let source = scalar(key), !source.isEmpty else {
                problem(key, "missing: an expression such as answer('cbd-7nr', 'pa_coverage_land')")
                continue
            }
            do {
                let expression = try ExpressionParser.parse(source, vocabulary: .crossReport)
                for issue in issues(in: expression, scope: scope ?? .report, numeric: tolerance != nil) { problem(key, issue) }
                sides.append((source, expression))
            } catch {
                problem(key, "'\(source)' \(error.description)")
            }
        }
        if sides.count == 2, !(sides[0].expression.workspaceCalls + sides[1].expression.workspaceCalls).contains(where: { $0.function == .answer }) {
            problem("left", "neither side reads a report: one must call answer('template', 'question')")
        }
        guard problems.count == before, let severity, let scope, let message, let basis, sides.count == 2 else { return nil }
        return CrossConventionCheck(id: id, severity: severity, scope: scope, left: sides[0].expression, right: sides[1].expression,
                                    leftSource: sides[0].source, rightSource: sides[1].source, tolerance: tolerance,
                                    unit: scalar("unit"), message: message, basis: basis)
    }

    private mutating func localized(_ key: String, in mapping: Node.Mapping, name: String, path: [YAMLDocument.PathElement], required: [String]) -> LocalizedText? {
        var values: [String: String] = [:]
        for (language, text) in mapping[key]?.mapping ?? [:] {
            if let language = language.string, let text = text.string { values[language] = text }
        }
        let missing = required.filter { (values[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            problems.append(document.problem(at: path + [.key(key)], "\(name), \(key): missing the text in \(missing.joined(separator: ", ")) (write {\(required.map { "\($0): …" }.joined(separator: ", "))})"))
            return nil
        }
        return LocalizedText(values)
    }

    /// What in a side the installed forms or the check's scope cannot serve.
    private func issues(in expression: Expression, scope: CrossConventionCheck.Scope, numeric: Bool) -> [String] {
        var issues: [String] = []
        if expression.usesCurrentValue {
            issues.append("'.' has no meaning in a check; read a question with answer('template', 'question')")
        }
        for reference in expression.references.sorted() where !(reference == "target" && scope == .nationalTargets) {
            issues.append(scope == .nationalTargets || reference != "target"
                ? "${\(reference)} is not known in a check; only ${target} is, in a check with for_each: national_targets"
                : "${target} needs for_each: national_targets")
        }
        for (function, arguments) in expression.workspaceCalls {
            let literals = arguments.map { argument -> String? in
                if case .literal(.string(let text)) = argument { return text }
                return nil
            }
            switch function {
            case .answer:
                issues += answerIssues(literals, entry: arguments.count == 4 ? arguments[2] : nil, numeric: numeric)
            case .seriesLatest:
                guard let indicator = literals[0] else {
                    issues.append("series_latest needs the indicator code written out, as in series_latest('SDG-6.6.1')")
                    continue
                }
                if !indicators.contains(Code.canonical(indicator)) {
                    issues.append("indicator '\(indicator)' is not an indicator of data/frameworks/")
                }
                if arguments.count == 2 {
                    guard let disaggregation = literals[1] else {
                        issues.append("series_latest needs the disaggregation written out, as in 'realm=land'")
                        continue
                    }
                    let pairs = disaggregation.split(separator: ";", omittingEmptySubsequences: false)
                    if !disaggregation.isEmpty, pairs.contains(where: { $0.split(separator: "=", omittingEmptySubsequences: false).count != 2 || $0.hasPrefix("=") || $0.hasSuffix("=") }) {
                        issues.append("disaggregation '\(disaggregation)' must be key=value pairs joined by ';', as in 'ecosystem=wetlands;measure=extent_km2'")
                    }
                }
            case .targetLatest, .targetStatus:
                if literals[0] == nil, arguments[0] != .reference("target") {
                    issues.append("\(function.rawValue) takes a target code, as in \(function.rawValue)('KEN-T1') or \(function.rawValue)(${target})")
                }
            }
        }
        return issues
    }

    private func answerIssues(_ literals: [String?], entry: Expression?, numeric: Bool) -> [String] {
        guard let templateID = literals[0] else { return ["answer needs the template id written out, as in answer('cbd-7nr', 'pa_coverage_land')"] }
        guard let template = templates[templateID] else {
            return ["template '\(templateID)' is not installed; templates: \(templates.keys.sorted().joined(separator: ", "))"]
        }
        let question: Question
        if let entry {
            guard let groupID = literals[1], let questionID = literals[3] else {
                return ["answer needs the group and question ids written out, as in answer('cbd-7nr', 'target_progress', ${target}, 'target_indicator_data')"]
            }
            guard let group = template.question(groupID), group.type == .repeatGroup else {
                return ["'\(groupID)' is not a repeated group of \(templateID)"]
            }
            guard let child = group.children.first(where: { $0.id == questionID }) else {
                return ["question '\(questionID)' is not in the group '\(groupID)' of \(templateID); its questions: \(group.children.map(\.id).joined(separator: ", "))"]
            }
            if case .reference("target") = entry, group.repeatSource != .nationalTargets {
                return ["the group '\(groupID)' of \(templateID) does not repeat over national targets, so ${target} names none of its entries"]
            }
            question = child
        } else {
            guard let questionID = literals[1] else { return ["answer needs the question id written out, as in answer('cbd-7nr', 'pa_coverage_land')"] }
            guard let found = template.questions.first(where: { $0.question.id == questionID })?.question else {
                if let group = template.questions.first(where: { $0.question.children.contains { $0.id == questionID } })?.question {
                    return ["question '\(questionID)' of \(templateID) is inside the repeated group '\(group.id)': write answer('\(templateID)', '\(group.id)', entry, '\(questionID)')"]
                }
                return ["question '\(questionID)' is not in \(templateID)"]
            }
            if found.type == .repeatGroup {
                return ["'\(questionID)' of \(templateID) is a repeated group: name the entry and the question, as in answer('\(templateID)', '\(questionID)', ${target}, 'question')"]
            }
            question = found
        }
        if numeric, ![.number, .integer, .indicatorData].contains(question.type) {
            return ["question '\(question.id)' of \(templateID) is a \(question.type.rawValue) question; a tolerance compares numbers only"]
        }
        return []
    }
}
