import Foundation
import SynergiaCore
import SynergiaStore

extension ReportService {
    /// The checks across conventions that concern the report (`data/checks/`,
    /// docs/checks.md), each with its outcome, both values and the places they
    /// were read from. The same list for the report page, the API, the CLI and
    /// the moves to review and to submission; a check never refuses anything.
    public func crossConventionChecks(reportID: Int64, language: String = "en") async throws -> [CrossCheckOutcome] {
        guard let report = try await store.report(id: reportID) else {
            throw DomainError.notFound("report \(reportID) does not exist")
        }
        return try await crossConventionChecks(for: report, language: language)
    }

    public func crossConventionChecks(for report: Report, language: String = "en") async throws -> [CrossCheckOutcome] {
        let checks = catalog.crossConventionChecks.filter { $0.concerns(templateID: report.templateID) }
        guard !checks.isEmpty else { return [] }
        let workspace = try await CheckedWorkspace.read(for: report, checks: checks, store: store, units: catalog.units)
        var outcomes: [CrossCheckOutcome] = []
        for check in checks {
            let runs: [String?] = check.scope == .nationalTargets ? workspace.targets.map(\.code) : [nil]
            for target in runs {
                outcomes.append(workspace.run(check, target: target, language: language))
            }
        }
        return outcomes
    }
}

/// What the checks of one report read, loaded once: the report chosen for each
/// template the checks name, their answers, the workspace's series and the
/// assessed national targets. Evaluation then never touches the store.
struct CheckedWorkspace {
    /// The report read for each template: the checked report for its own
    /// template, else the workspace's most recently updated report of it.
    var reports: [String: Report]
    var answers: [Int64: [AnswerKey: AnswerValue]]
    var series: [IndicatorSeries]
    var targets: [NationalTarget]
    var progress: [String: NationalTargetProgress]
    var units: UnitTable

    static func read(for report: Report, checks: [CrossConventionCheck], store: SQLStore, units: UnitTable) async throws -> CheckedWorkspace {
        let templates = Set(checks.flatMap { $0.questions.map(\.template) })
        var reports: [String: Report] = [report.templateID: report]
        for other in try await store.reports(workspaceID: report.workspaceID) where templates.contains(other.templateID) && other.templateID != report.templateID {
            if let chosen = reports[other.templateID], (chosen.updatedAt, chosen.id) >= (other.updatedAt, other.id) { continue }
            reports[other.templateID] = other
        }
        var answers: [Int64: [AnswerKey: AnswerValue]] = [:]
        for chosen in reports.values {
            answers[chosen.id] = Dictionary(try await store.answers(reportID: chosen.id).map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let targets = try await store.nationalTargets(workspaceID: report.workspaceID)
        let series = try await store.series(workspaceID: report.workspaceID)
        let progress = ProgressRule().assess(targets, series: series, units: units)
        return CheckedWorkspace(reports: reports, answers: answers, series: series,
                                targets: targets, progress: Dictionary(progress.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }),
                                units: units)
    }

    func run(_ check: CrossConventionCheck, target: String?, language: String) -> CrossCheckOutcome {
        let lookup: (String) -> ExpressionValue = { id in id == "target" ? target.map(ExpressionValue.string) ?? .null : .null }
        func side(_ expression: SynergiaCore.Expression, source: String) -> CrossCheckSide {
            var places: [CrossCheckPlace] = []
            let value = expression.evaluate(current: .null, lookup: lookup) { call in
                let (value, place) = resolve(call)
                if let place, !places.contains(place) { places.append(place) }
                return value
            }
            return CrossCheckSide(expression: source, value: value.answerValue, places: places)
        }
        let left = side(check.left, source: check.leftSource)
        let right = side(check.right, source: check.rightSource)
        let result = check.compare(left.value.expressionValue, right.value.expressionValue)
        return CrossCheckOutcome(check: check.id, severity: check.severity, result: result, target: target, left: left, right: right,
                                 tolerance: check.tolerance, unit: check.unit,
                                 message: result == .differs ? check.message(language, left: left.text, right: right.text, target: target) : nil,
                                 basis: check.basis.text(language))
    }

    /// The value a workspace function gives, and where it was read.
    func resolve(_ call: WorkspaceCall) -> (ExpressionValue, CrossCheckPlace?) {
        let arguments = call.arguments
        switch call.function {
        case .answer:
            let templateID = arguments[0]
            let key = arguments.count == 4
                ? AnswerKey(question: arguments[3], group: arguments[1], entry: arguments[2])
                : AnswerKey(question: arguments[1])
            let report = reports[templateID]
            let place = CrossCheckPlace.answer(reportID: report?.id, template: templateID, key: key)
            guard let report, let value = answers[report.id]?[key] else { return (.null, place) }
            if case .list(let rows) = value, rows.contains(where: { $0["year"] != .null }) {
                // In a national target's entry: the row of the series the target is assessed on, in the target's unit.
                let measured = key.entry.flatMap { code in targets.first { $0.code == code } }
                guard let row = value.latestIndicatorRow(series: measured?.assessedSeries)
                else { return (.null, place) }
                guard let unit = measured?.unit, !unit.isEmpty, !row.unit.isEmpty, row.unit != unit else { return (.number(row.value), place) }
                guard let converted = try? units.convert(row.value, from: row.unit, to: unit) else { return (.null, place) }
                return (.number(converted), place)
            }
            return (value.expressionValue, place)
        case .seriesLatest:
            let indicator = Code.canonical(arguments[0])
            let disaggregation = arguments.count == 2 ? arguments[1] : ""
            let place = CrossCheckPlace.series(indicator: indicator, disaggregation: disaggregation)
            let found = series.first { $0.indicator == indicator && $0.disaggregation == disaggregation }
            guard let latest = found?.observations.max(by: { $0.year < $1.year }) else { return (.null, place) }
            return (.number(latest.value), place)
        case .targetLatest:
            let place = CrossCheckPlace.target(arguments[0])
            return (progress[arguments[0]]?.assessment.latest.map { .number($0.value) } ?? .null, place)
        case .targetStatus:
            let place = CrossCheckPlace.target(arguments[0])
            guard let status = progress[arguments[0]]?.assessment.status, status != .unknown else { return (.null, place) }
            return (.string(status.rawValue), place)
        }
    }
}
