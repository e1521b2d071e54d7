import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting

extension ReportCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a report against the workspace's other reports, series and national targets (docs/checks.md).",
            discussion: "Lists every check across conventions that concerns the report: whether both sides agree, differ (a warning) or cannot be compared yet. Warnings never keep a report from moving.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Report id.") var report: Int64
        @Option(help: "Language of the messages: en, fr, es or zh.") var language = "en"
        @Flag(help: "Exit with status 3 when a check warns (for scripts).") var failOnWarning = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await userFacing {
                let outcomes = try await withReporting(store) { try await $0.crossConventionChecks(reportID: report, language: language) }
                if output.json {
                    try printJSON(outcomes)
                } else {
                    print(CrossCheckText.lines(outcomes, report: report).joined(separator: "\n"))
                }
                if failOnWarning, outcomes.contains(where: { $0.result == .differs }) { throw ExitCode(3) }
            }
        }
    }
}

/// How the terminal shows checks across conventions: one line per outcome,
/// then the two places a warning reads, so a person can open both.
enum CrossCheckText {
    static func lines(_ outcomes: [CrossCheckOutcome], report: Int64) -> [String] {
        guard !outcomes.isEmpty else { return ["No check across conventions concerns report \(report)."] }
        var lines: [String] = []
        for outcome in outcomes {
            let name = outcome.check + (outcome.target.map { " [\($0)]" } ?? "")
            switch outcome.result {
            case .differs:
                lines.append("warning  \(name): \(outcome.message ?? "")")
                lines.append("         \(place(outcome.left)) = \(outcome.left.text)")
                lines.append("         \(place(outcome.right)) = \(outcome.right.text)")
                lines.append("         why they must agree: \(outcome.basis)")
            case .agrees:
                lines.append("agrees   \(name): \(outcome.left.text) and \(outcome.right.text)\(tolerance(outcome))")
            case .incomplete:
                let missing = [outcome.left, outcome.right].filter { $0.value == .null }.map(place)
                lines.append("not yet  \(name): no value for \(missing.joined(separator: " nor "))")
            }
        }
        let warnings = outcomes.filter { $0.result == .differs }.count
        lines.append(warnings == 0 ? "No warnings." : "\(warnings) warning(s); they do not keep the report from moving.")
        return lines
    }

    /// Only the warnings, as shown after a move to review or to submission.
    static func warnings(_ outcomes: [CrossCheckOutcome]) -> [String] {
        outcomes.filter { $0.result == .differs }.flatMap { outcome in
            ["warning: \(outcome.message ?? outcome.check)",
             "  \(place(outcome.left)) = \(outcome.left.text); \(place(outcome.right)) = \(outcome.right.text)"]
        }
    }

    static func place(_ side: CrossCheckSide) -> String {
        guard let place = side.places.first else { return side.expression }
        switch place.kind {
        case .answer:
            guard let reportID = place.reportID else {
                return "\(place.key ?? "") (the workspace has no \(place.template ?? "") report)"
            }
            return "report \(reportID) (\(place.template ?? "")) \(place.key ?? "")"
        case .series:
            let disaggregation = place.disaggregation.map { $0.isEmpty ? "" : " [\($0)]" } ?? ""
            return "series \(place.indicator ?? "")\(disaggregation)"
        case .target:
            return "national target \(place.targetCode ?? "")"
        }
    }

    private static func tolerance(_ outcome: CrossCheckOutcome) -> String {
        guard let tolerance = outcome.tolerance else { return "" }
        return " (within \(AnswerShape.format(tolerance))\(outcome.unit.map { " \($0)" } ?? ""))"
    }
}
