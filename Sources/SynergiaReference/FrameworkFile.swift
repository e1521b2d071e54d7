import Foundation
import SynergiaCore

/// The shape of `data/frameworks/*.yaml` (see docs/reference-data-format.md).
struct FrameworkFile: Decodable {
    struct Header: Decodable {
        var code: String
        var name: String
        var convention: String?
        var startYear: Int?
        var endYear: Int?
        var source: String

        enum CodingKeys: String, CodingKey {
            case code, name, convention, source
            case startYear = "start_year", endYear = "end_year"
        }
    }

    struct GoalEntry: Decodable {
        var code: String
        var title: TitleText
        var text: String?
        var source: String
    }

    struct TargetEntry: Decodable {
        var code: String
        var goal: String?
        var number: LooseString
        var title: TitleText
        var text: String?
        var source: String
    }

    struct IndicatorEntry: Decodable {
        var code: String
        var kind: String
        var title: TitleText
        var unit: String
        var targets: [String]
        var source: String
    }

    var framework: Header
    var goals: [GoalEntry]?
    var targets: [TargetEntry]
    var indicators: [IndicatorEntry]?
}

/// A scalar read as text whether YAML typed it as a number or a string (`3`, `14.a`).
struct LooseString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            value = String(int)
        } else {
            value = try container.decode(String.self)
        }
    }
}

extension FrameworkFile {
    /// Converts to domain values, reporting every problem local to this file.
    func content(in document: YAMLDocument, problems: inout [DataFileProblem]) -> FrameworkContent {
        let code = Code.canonical(framework.code)
        func check(_ raw: String, at path: [YAMLDocument.PathElement]) -> String {
            let item = Code.canonical(raw)
            if !item.hasPrefix(code + "-") || !Code.isWellFormed(item) {
                problems.append(document.problem(at: path, "code '\(raw)' must start with '\(code)-' and hold only letters, digits, '-', '.', '_'"))
            }
            return item
        }
        func nonEmpty(_ text: String, _ what: String, at path: [YAMLDocument.PathElement]) {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(document.problem(at: path, "\(what) is empty"))
            }
        }
        nonEmpty(framework.source, "the framework's source", at: ["framework", "source"])
        let goalCodes = Set((goals ?? []).map { Code.canonical($0.code) })
        let goals = (goals ?? []).enumerated().map { index, entry in
            nonEmpty(entry.source, "source", at: ["goals", .index(index), "source"])
            entry.title.check(at: ["goals", .index(index), "title"], in: document, problems: &problems)
            return Goal(code: check(entry.code, at: ["goals", .index(index), "code"]), framework: code,
                        title: entry.title.english, titles: entry.title.text, text: entry.text, source: entry.source)
        }
        let targets = targets.enumerated().map { index, entry in
            let goal = entry.goal.map(Code.canonical)
            if let goal, !goalCodes.contains(goal) {
                problems.append(document.problem(at: ["targets", .index(index), "goal"], "goal '\(goal)' is not a goal of \(code)"))
            }
            nonEmpty(entry.source, "source", at: ["targets", .index(index), "source"])
            entry.title.check(at: ["targets", .index(index), "title"], in: document, problems: &problems)
            return GlobalTarget(code: check(entry.code, at: ["targets", .index(index), "code"]), framework: code, goal: goal,
                                number: entry.number.value, title: entry.title.english, titles: entry.title.text, text: entry.text, source: entry.source)
        }
        // Entries stay in place even when invalid, so later checks can name their lines;
        // any problem fails the whole load anyway.
        let indicators = (indicators ?? []).enumerated().map { index, entry -> Indicator in
            let kind = Indicator.Kind(rawValue: entry.kind) ?? .complementary
            if Indicator.Kind(rawValue: entry.kind) == nil {
                problems.append(document.problem(at: ["indicators", .index(index), "kind"], "kind '\(entry.kind)' is not one of \(Indicator.Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            nonEmpty(entry.source, "source", at: ["indicators", .index(index), "source"])
            entry.title.check(at: ["indicators", .index(index), "title"], in: document, problems: &problems)
            return Indicator(code: check(entry.code, at: ["indicators", .index(index), "code"]), framework: code, kind: kind,
                             title: entry.title.english, titles: entry.title.text, unit: entry.unit, targets: entry.targets.map(Code.canonical), source: entry.source)
        }
        return FrameworkContent(
            framework: Framework(code: code, name: framework.name, convention: framework.convention.map(Code.canonical),
                                 startYear: framework.startYear, endYear: framework.endYear, source: framework.source),
            goals: goals, targets: targets, indicators: indicators)
    }
}
