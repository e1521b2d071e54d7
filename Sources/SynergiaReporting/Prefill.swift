import Foundation
import SynergiaCore
import SynergiaStore

/// Finds the first value of each question of a new report, in the order the
/// product promises: a table of the engine's latest run (`from_run`), the same
/// concept in another report of the workspace (approved or submitted before drafts,
/// most recent first), the concept's indicator series, the series the template names
/// (`from_series`) or the national target, then the previous cycle's report. Series
/// values are converted to the question's unit; one that does not convert is left
/// out and reported as a gap.
struct Prefill {
    let store: SQLStore
    let catalog: TemplateCatalog
    let workspaceID: Int64

    func answers(for template: ReportTemplate, entries: [String: [String]], at now: Date) async throws -> [(change: AnswerChange, provenance: AnswerProvenance)] {
        try await outcome(for: template, entries: entries, at: now).answers
    }

    /// The answers and the gaps; `existing` are the report's answers when it exists already
    /// (records of indicator data keep the entry an indicator already has). Without
    /// `sharedAnswers`, a concept's question is filled from its series even where another
    /// report answers the concept: what the series now say, for a refresh.
    func outcome(for template: ReportTemplate, entries: [String: [String]], existing: [Answer] = [], sharedAnswers: Bool = true, at now: Date) async throws -> PrefillOutcome {
        var result: [(AnswerChange, AnswerProvenance)] = []
        var gaps: [PrefillGap] = []
        let reports = try await store.reports(workspaceID: workspaceID)
        let previousAnswers = try await previousCycleAnswers(template, reports: reports)
        let series = try await store.series(workspaceID: workspaceID)
        let targetList = try await store.nationalTargets(workspaceID: workspaceID)
        let targets = Dictionary(uniqueKeysWithValues: targetList.map { ($0.code, $0) })
        let progress = Dictionary(uniqueKeysWithValues: ProgressRule().assess(targetList, series: series, units: catalog.units).map { ($0.code, $0) })
        let fromRuns = Dictionary(try await runTableAnswers(for: template, at: now).map { ($0.change.key.question, $0) }, uniquingKeysWith: { first, _ in first })
        let indicators = try await frameworkIndicators()
        let registered = sharedAnswers ? try await register() : [:]
        var values = SeriesValues(series: series, units: catalog.units,
                                  indicatorUnits: Dictionary(indicators.map { ($0.code, $0.unit) }, uniquingKeysWith: { first, _ in first }))
        values.runEngines = Dictionary(try await store.runs(workspaceID: workspaceID).map { ($0.id, $0.engine) }, uniquingKeysWith: { first, _ in first })

        func fromPrevious(_ key: AnswerKey, concept: String?) -> (AnswerChange, AnswerProvenance)? {
            guard let (report, answer) = previousAnswers[key], answer.value.isAnswered else { return nil }
            return (AnswerChange(key: key, concept: concept, value: answer.value, expectedVersion: nil),
                    AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .previousCycle,
                                     sourceReportID: report.id, sourceTemplateID: report.templateID))
        }
        /// The question's value from one series, or false when there is none to take.
        func fromSeries(_ binding: SeriesBinding, key: AnswerKey, question: Question, concept: String?) -> Bool {
            let found: SeriesValues.Found<AnswerValue>?
            if question.type == .indicatorData {
                found = values.matching(binding).flatMap { values.rows([$0], in: question.unit, at: now) }
            } else if let unit = question.unit {
                found = values.latest(binding, in: unit, at: now).map {
                    switch $0 {
                    case .value(let number, let provenance): .value(.number(number), provenance)
                    case .refused(let reason): .refused(reason)
                    }
                }
            } else {
                found = nil
            }
            switch found {
            case .value(let value, let provenance)?:
                result.append((AnswerChange(key: key, concept: concept, value: value, expectedVersion: nil), provenance))
            case .refused(let reason)?:
                gaps.append(PrefillGap(key: key, indicator: binding.indicator, disaggregation: binding.disaggregation, reason: reason))
            case nil:
                return false
            }
            return true
        }

        for (question, _) in template.questions {
            if question.type == .repeatGroup {
                if case .headlineRecords(let fields)? = question.fromSeries {
                    let records = headlineRecords(fields, group: question, indicators: indicators, values: values, existing: existing, at: now)
                    result += records.answers
                    gaps += records.gaps
                    continue
                }
                for entry in entries[question.id] ?? [] {
                    for child in question.children {
                        let key = AnswerKey(question: child.id, group: question.id, entry: entry)
                        if let field = child.from, let target = targets[entry] {
                            if field == .indicatorData {
                                switch Self.indicatorData(of: target, values: values, at: now) {
                                case .value(let value, var provenance)?:
                                    provenance.origin = .nationalTarget
                                    provenance.sourceTarget = target.code
                                    result.append((AnswerChange(key: key, concept: nil, value: value, expectedVersion: nil), provenance))
                                case .refused(let reason)?:
                                    let binding = target.assessedSeries
                                    gaps.append(PrefillGap(key: key, indicator: binding?.indicator ?? "", disaggregation: binding?.disaggregation ?? "", reason: reason))
                                case nil:
                                    if let previous = fromPrevious(key, concept: nil) { result.append(previous) }
                                }
                            } else if let value = Self.value(of: field, target: target, progress: progress[entry], question: child) {
                                result.append((AnswerChange(key: key, concept: nil, value: value, expectedVersion: nil),
                                               AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .nationalTarget, sourceTarget: target.code)))
                            } else if let previous = fromPrevious(key, concept: nil) {
                                result.append(previous)
                            }
                            continue
                        }
                        if child.fromSeries == .entryHeadlines {
                            let headline = indicators.filter { $0.kind == .headline && $0.targets.contains(entry) }.map(\.code)
                            switch values.rows(headline.flatMap(values.all(of:)), in: child.unit, at: now) {
                            case .value(let value, let provenance)?:
                                result.append((AnswerChange(key: key, concept: nil, value: value, expectedVersion: nil), provenance))
                                continue
                            case .refused(let reason)?:
                                gaps.append(PrefillGap(key: key, indicator: headline.joined(separator: ", "), disaggregation: "", reason: reason))
                                continue
                            case nil: break
                            }
                        } else if case .series(let binding)? = child.fromSeries, fromSeries(binding, key: key, question: child, concept: nil) {
                            continue
                        }
                        if let fact = Self.registerFact(child.concept, entry: entry, in: registered) {
                            result.append((AnswerChange(key: key, concept: child.concept, value: fact.value, expectedVersion: nil), Self.provenance(of: fact, at: now)))
                            continue
                        }
                        if let previous = fromPrevious(key, concept: nil) { result.append(previous) }
                    }
                }
                continue
            }
            let key = AnswerKey(question: question.id)
            if let filled = fromRuns[question.id] {
                result.append(filled)
                continue
            }
            if let conceptID = question.concept {
                if let fact = Self.registerFact(conceptID, entry: "", in: registered) {
                    result.append((AnswerChange(key: key, concept: conceptID, value: fact.value, expectedVersion: nil), Self.provenance(of: fact, at: now)))
                    continue
                }
                if sharedAnswers, let shared = try await conceptAnswer(conceptID, reports: reports) {
                    result.append((AnswerChange(key: key, concept: conceptID, value: shared.answer.value, expectedVersion: nil),
                                   AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .report,
                                                    sourceReportID: shared.report.id, sourceTemplateID: shared.report.templateID)))
                    continue
                }
                if let concept = catalog.concepts[conceptID], let indicator = concept.seriesIndicator,
                   fromSeries(SeriesBinding(indicator: indicator, disaggregation: concept.seriesDisaggregation), key: key, question: question, concept: conceptID) {
                    continue
                }
            }
            if case .series(let binding)? = question.fromSeries, fromSeries(binding, key: key, question: question, concept: question.concept) {
                continue
            }
            if question.type == .indicatorData, question.fromSeries == nil, let indicator = question.indicator,
               fromSeries(SeriesBinding(indicator: indicator), key: key, question: question, concept: question.concept) {
                continue
            }
            if let previous = fromPrevious(key, concept: question.concept) { result.append(previous) }
        }
        return PrefillOutcome(answers: result, gaps: gaps)
    }

    /// The concept's answer in another report: approved or submitted reports first, then the most recently updated.
    private func conceptAnswer(_ concept: String, reports: [Report]) async throws -> (report: Report, answer: Answer)? {
        let candidates = try await store.conceptAnswers(workspaceID: workspaceID, concept: concept).filter { $0.answer.value.isAnswered }
        return candidates.sorted { lhs, rhs in
            let lhsFinal = lhs.report.state == .approved || lhs.report.state == .submitted
            let rhsFinal = rhs.report.state == .approved || rhs.report.state == .submitted
            if lhsFinal != rhsFinal { return lhsFinal }
            return lhs.report.updatedAt > rhs.report.updatedAt
        }.first
    }

    private func previousCycleAnswers(_ template: ReportTemplate, reports: [Report]) async throws -> [AnswerKey: (Report, Answer)] {
        guard let previous = template.previous,
              let report = reports.filter({ $0.templateID == previous }).max(by: { $0.updatedAt < $1.updatedAt }) else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await store.answers(reportID: report.id).map { ($0.key, (report, $0)) })
    }

    static func value(of field: TargetField, target: NationalTarget, progress: NationalTargetProgress?, question: Question) -> AnswerValue? {
        switch field {
        case .title: return .object(["en": .string(target.title)])
        case .description: return target.description.isEmpty ? nil : .object(["en": .string(target.description)])
        case .alignments:
            guard !target.alignments.isEmpty else { return nil }
            let text = target.alignments.map { "\($0.globalTarget) (\($0.degree.rawValue))" }.joined(separator: ", ")
            return question.type == .text ? .object(["en": .string(text)]) : nil
        case .progress:
            guard let status = progress?.assessment.status, status != .unknown || question.choices.contains(where: { $0.value == "unknown" }),
                  question.choices.contains(where: { $0.value == status.rawValue }) else { return nil }
            return .string(status.rawValue)
        case .indicatorData:
            return nil
        }
    }

    /// A national target's indicator data: the rows of the series it is assessed on, in the indicator's unit.
    static func indicatorData(of target: NationalTarget, values: SeriesValues, at now: Date) -> SeriesValues.Found<AnswerValue>? {
        guard let binding = target.assessedSeries, let match = values.matching(binding) else { return nil }
        return values.rows([match], at: now)
    }
}

extension ReportService {
    /// Prefills the questions of an existing report that have no answer yet
    /// (a new national target, a series computed since); answers already given
    /// are never touched. Returns how many answers were added.
    public func prefillMissing(reportID: Int64, actor: ReportActor) async throws -> Int {
        try await prefill(reportID: reportID, actor: actor).answers.count
    }

    /// `prefillMissing` with what it added and the questions a series could not fill
    /// (its unit does not convert to the question's), for the page, the API and the CLI to show.
    public func prefill(reportID: Int64, actor: ReportActor) async throws -> PrefillOutcome {
        let view = try await view(reportID: reportID)
        try view.report.state.checkAllowsEditing()
        guard let role = actor.role, role >= .contributor else {
            throw DomainError(.forbidden, "prefilling needs the role contributor or higher")
        }
        var outcome = try await Prefill(store: store, catalog: catalog, workspaceID: view.report.workspaceID)
            .outcome(for: view.template, entries: view.entries, existing: Array(view.answers.values), at: Date())
        outcome.answers = outcome.answers.filter { view.answers[$0.change.key] == nil }
        outcome.gaps = outcome.gaps.filter { view.answers[$0.key] == nil }
        guard !outcome.answers.isEmpty else { return outcome }
        try await store.addPrefilledAnswers(reportID: reportID, outcome.answers, context: ChangeContext(userID: actor.userID, channel: .prefill))
        return outcome
    }
}
