import Foundation
import SynergiaCore

/// The two tables the CBD Online Reporting Tool downloads for seventh national reports
/// (its download schemas `nationalReport7-indicator-data` and
/// `nationalReport7-binary-indicator-data`), with the same columns in the same order,
/// headed by the tool's field names. Columns the report does not know are left empty
/// (docs/secretariat-exports.md lists them).
public enum ORTDownloadCSV {
    public static let indicatorDataColumns = [
        "publishedOn", "recordUrl", "uniqueId", "government", "cbdRegion", "targetType", "target", "indicator", "indicatorCode",
        "indicatorType", "globalGoals", "globalTargets", "degreeOfAlignment", "sourceOfData", "sourceOfDataInfo", "hasDisaggregation",
        "disaggregationType", "disaggregation", "comments", "year", "value", "unit", "footnote",
    ]
    public static let binaryIndicatorDataColumns = [
        "publishedOn", "recordUrl", "uniqueId", "government", "cbdRegion", "targetType", "target", "indicator", "indicatorCode",
        "indicatorType", "globalGoals", "globalTargets", "degreeOfAlignment", "questionNumber", "responseTitle", "comments",
    ]

    /// One row per indicator value in the report's indicator-data answers. `indicators`
    /// gives each indicator code's kind and title (from the frameworks and the workspace).
    static func indicatorRows(view: ReportService.ReportView, government: String, indicators: [String: Indicator]) -> [[String: String]] {
        var rows: [[String: String]] = []
        for (question, _) in view.template.questions {
            for (key, item) in ReportDocument.keys(question, entries: view.entries) where item.type == .indicatorData && !view.evaluation.hidden.contains(key) {
                let target = key.entry.map { entry in question.repeatSource.map { ortItem(entry, source: $0) } ?? entry } ?? ""
                for data in view.answers[key]?.value.listValue ?? [] {
                    let code = data["indicator"].stringValue ?? item.indicator ?? ""
                    let indicator = indicators[code]
                    var row = ["government": government, "target": target, "indicator": indicator?.title ?? "",
                               "indicatorCode": ortIndicatorCode(code), "indicatorType": indicator.map { indicatorType($0.kind) } ?? "",
                               "sourceOfData": data["source"].stringValue ?? "", "disaggregation": data["disaggregation"].stringValue ?? "",
                               "year": data["year"].numberValue.map(AnswerShape.format) ?? "", "value": data["value"].numberValue.map(AnswerShape.format) ?? "",
                               "unit": data["unit"].stringValue ?? ""]
                    if target.hasPrefix("GBF-GOAL-") { row["globalGoals"] = target }
                    if target.hasPrefix("GBF-TARGET-") { row["globalTargets"] = target }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// One row per answered binary question (and per "other" text), under each ORT group that
    /// receives it: a group copied to another (Goal C to Target 13) is written under both.
    static func binaryRows(view: ReportService.ReportView, government: String) throws(DomainError) -> [[String: String]] {
        let keys = try ExternalKeys(template: view.template, system: "ort")
        let containers = ORTDocument.containerKeys(view.template)
        var rows: [[String: String]] = []
        for (question, section) in view.template.questions {
            guard let container = containers[section], let indicator = container.indicator, let questionKey = question.external["ort"] else { continue }
            let key = AnswerKey(question: question.id)
            guard !view.evaluation.hidden.contains(key), let value = view.answers[key]?.value, value.isAnswered else { continue }
            let written = keys.written(value, for: question)
            let response = written.stringValue ?? (written.listValue ?? []).compactMap(\.stringValue).joined(separator: "; ")
            var answers = [(questionKey, response)]
            if let otherKey = question.external["ort_other_text"], let text = value["other"].stringValue, !text.isEmpty {
                answers.append((otherKey, text))
            }
            for group in [container.key] + (container.copiedTo.map { [$0] } ?? []) {
                let target = groupTarget(group)
                for (number, title) in answers {
                    var row = ["government": government, "target": target, "indicatorCode": indicator, "indicatorType": "binaryIndicators",
                               "questionNumber": number, "responseTitle": title]
                    if target.hasPrefix("GBF-GOAL-") { row["globalGoals"] = target } else if !target.isEmpty { row["globalTargets"] = target }
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// The tool's identifier of a framework goal or target an entry stands for: GBF-A → GBF-GOAL-A, GBF-11 → GBF-TARGET-11.
    static func ortItem(_ entry: String, source: RepeatSource) -> String {
        guard entry.hasPrefix("GBF-") else { return entry }
        switch source {
        case .goals: return "GBF-GOAL-" + entry.dropFirst(4)
        case .targets: return "GBF-TARGET-" + entry.dropFirst(4)
        default: return entry
        }
    }

    /// Synergia's code of a goal or target the tool names: GBF-GOAL-A → GBF-A, GBF-TARGET-11 → GBF-11; others as they are.
    static func synergiaItem(_ identifier: String) -> String {
        for prefix in ["GBF-GOAL-", "GBF-TARGET-"] where identifier.hasPrefix(prefix) { return "GBF-" + identifier.dropFirst(prefix.count) }
        return identifier
    }

    /// The goal or target a binary group reports on: binaryResponseGoalB → GBF-GOAL-B, binaryResponseTarget6 → GBF-TARGET-6.
    static func groupTarget(_ group: String) -> String {
        if group.hasPrefix("binaryResponseGoal") { return "GBF-GOAL-" + group.dropFirst("binaryResponseGoal".count) }
        if group.hasPrefix("binaryResponseTarget") { return "GBF-TARGET-" + group.dropFirst("binaryResponseTarget".count) }
        return ""
    }

    /// The tool's code of a framework indicator (GBF-A.1 → A.1, GBF-3.1 → 3.1); a national indicator keeps its own.
    static func ortIndicatorCode(_ code: String) -> String {
        code.hasPrefix("GBF-") ? String(code.dropFirst(4)) : code
    }

    /// The tool's name of an indicator's kind, as its national targets list them.
    static func indicatorType(_ kind: Indicator.Kind) -> String {
        switch kind {
        case .headline: "headlineIndicators"
        case .binary: "binaryIndicators"
        case .component: "componentIndicators"
        case .complementary: "complementaryIndicators"
        case .national: "otherNationalIndicators"
        }
    }
}
