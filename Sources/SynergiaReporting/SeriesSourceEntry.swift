import Foundation
import SynergiaCore
import SynergiaReference

/// `from_series:` in a template, one of three shapes:
/// `{indicator: GBF-3.1, disaggregation: "realm=land"}` on a number or indicator data question;
/// `{indicators: headline}` on indicator data inside a repeat over a framework's goals or targets;
/// `{records: headline, framework: GBF, indicator: …, source: …, data: …}` on a repeat over entries.
struct SeriesSourceEntry: Decodable {
    var indicator: String?
    var disaggregation: String?
    var indicators: String?
    var records: String?
    var framework: String?
    var source: String?
    var data: String?

    typealias Problem = (field: YAMLDocument.PathElement?, message: String)

    /// The declaration, and each problem with the field of `from_series` it is found at.
    /// `knownCodes` are the frameworks' goal, target and indicator codes.
    func compile(for question: Question, parentRepeat: RepeatSource?, knownCodes: Set<String>) -> (source: SeriesSource?, problems: [Problem]) {
        if records != nil && indicators != nil {
            return (nil, [(nil, "from_series takes indicator (one series), indicators: headline or records: headline, not two of them")])
        }
        if let records { return compileRecords(records, question: question) }
        if let indicators { return compileEntryHeadlines(indicators, question: question, parentRepeat: parentRepeat) }
        return compileSeries(question: question, knownCodes: knownCodes)
    }

    private func compileSeries(question: Question, knownCodes: Set<String>) -> (SeriesSource?, [Problem]) {
        var problems: [Problem] = []
        guard let indicator, !indicator.isEmpty else {
            return (nil, [(nil, "from_series needs indicator (e.g. {indicator: GBF-3.1, disaggregation: \"realm=land\"})")])
        }
        let code = Code.canonical(indicator)
        if !knownCodes.contains(code) {
            problems.append(("indicator", "indicator '\(indicator)' is in no framework of data/frameworks/; use a code such as GBF-3.1"))
        }
        if question.type != .number && question.type != .indicatorData {
            problems.append((nil, "from_series with one indicator fills a number or indicator_data question; \(question.id) is a \(question.type.rawValue)"))
        }
        if question.type == .number, question.unit == nil {
            problems.append((nil, "a number filled from a series needs the unit its value is converted to; give the question a unit"))
        }
        let disaggregation = disaggregation ?? ""
        if let bad = Self.malformedPair(disaggregation) {
            problems.append(("disaggregation", "disaggregation '\(disaggregation)': '\(bad)' is not key=value; write pairs like realm=land joined by ;"))
        }
        return (.series(SeriesBinding(indicator: code, disaggregation: disaggregation)), problems)
    }

    private func compileEntryHeadlines(_ value: String, question: Question, parentRepeat: RepeatSource?) -> (SeriesSource?, [Problem]) {
        var problems: [Problem] = []
        if value != "headline" { problems.append(("indicators", "indicators '\(value)' is not known; the one choice is headline")) }
        if question.type != .indicatorData {
            problems.append((nil, "from_series {indicators: headline} fills an indicator_data question; \(question.id) is a \(question.type.rawValue)"))
        }
        switch parentRepeat {
        case .goals?, .targets?: break
        default: problems.append((nil, "from_series {indicators: headline} works only inside a repeat over a framework's goals or targets"))
        }
        return (.entryHeadlines, problems)
    }

    private func compileRecords(_ value: String, question: Question) -> (SeriesSource?, [Problem]) {
        var problems: [Problem] = []
        if value != "headline" { problems.append(("records", "records '\(value)' is not known; the one choice is headline")) }
        guard case .entries? = question.repeatSource else {
            return (nil, problems + [(nil, "from_series {records: …} fills a repeat over entries; \(question.id) is not one")])
        }
        var fields: [String: String] = [:]
        for (name, child) in [("indicator", indicator), ("source", source), ("data", data)] {
            guard let child else {
                problems.append((nil, "from_series {records: headline} needs \(name): the id of the child question that takes the record's \(name)"))
                continue
            }
            fields[name] = child
        }
        let children = Dictionary(question.children.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let expected: [(String, QuestionType)] = [("indicator", .singleChoice), ("source", .singleChoice), ("data", .indicatorData)]
        for (name, type) in expected {
            guard let id = fields[name] else { continue }
            guard let child = children[id] else {
                problems.append((.key(name), "\(name) names '\(id)', which is no question of \(question.id)"))
                continue
            }
            if child.type != type { problems.append((.key(name), "\(name) names \(id), a \(child.type.rawValue); it must be a \(type.rawValue)")) }
            if name == "source", !child.choices.contains(where: { $0.value == "national" }) {
                problems.append((.key(name), "\(id) has no choice 'national' for data the workspace's series give"))
            }
        }
        guard problems.isEmpty, let indicatorField = fields["indicator"], let sourceField = fields["source"], let dataField = fields["data"] else {
            return (nil, problems)
        }
        return (.headlineRecords(HeadlineRecordFields(framework: Code.canonical(framework ?? "GBF"), indicator: indicatorField, source: sourceField, data: dataField)), [])
    }

    /// The first `;`-separated part that is not `key=value`, or nil.
    static func malformedPair(_ disaggregation: String) -> String? {
        guard !disaggregation.isEmpty else { return nil }
        return disaggregation.split(separator: ";", omittingEmptySubsequences: false).map(String.init).first { pair in
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            return parts.count != 2 || parts.contains { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }
}
