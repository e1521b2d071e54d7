import Foundation
import SynergiaCore
import SynergiaStore

/// Finds the first value of each question of a new report, in the order the
/// product promises: the same concept in another report of the workspace
/// (approved or submitted before drafts, most recent first), the concept's
/// indicator series or the national target, then the previous cycle's report.
struct Prefill {
    let store: SQLStore
    let catalog: TemplateCatalog
    let workspaceID: Int64

    func answers(for template: ReportTemplate, entries: [String: [String]], at now: Date) async throws -> [(change: AnswerChange, provenance: AnswerProvenance)] {
        var result: [(AnswerChange, AnswerProvenance)] = []
        let reports = try await store.reports(workspaceID: workspaceID)
        let previousAnswers = try await previousCycleAnswers(template, reports: reports)
        let series = try await store.series(workspaceID: workspaceID)
        let targetList = try await store.nationalTargets(workspaceID: workspaceID)
        let targets = Dictionary(uniqueKeysWithValues: targetList.map { ($0.code, $0) })
        let progress = Dictionary(uniqueKeysWithValues: ProgressRule().assess(targetList, series: series, units: catalog.units).map { ($0.code, $0) })
        let fromRuns = Dictionary(try await runTableAnswers(for: template, at: now).map { ($0.change.key.question, $0) }, uniquingKeysWith: { first, _ in first })

        func fromPrevious(_ key: AnswerKey, concept: String?) -> (AnswerChange, AnswerProvenance)? {
            guard let (report, answer) = previousAnswers[key], answer.value.isAnswered else { return nil }
            return (AnswerChange(key: key, concept: concept, value: answer.value, expectedVersion: nil),
                    AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .previousCycle,
                                     sourceReportID: report.id, sourceTemplateID: report.templateID))
        }

        for (question, _) in template.questions {
            if question.type == .repeatGroup {
                for entry in entries[question.id] ?? [] {
                    for child in question.children {
                        let key = AnswerKey(question: child.id, group: question.id, entry: entry)
                        if let field = child.from, let target = targets[entry],
                           let value = Self.value(of: field, target: target, progress: progress[entry], series: series, question: child) {
                            result.append((AnswerChange(key: key, concept: nil, value: value, expectedVersion: nil),
                                           AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .nationalTarget, sourceTarget: target.code)))
                        } else if let fact = try await registerFact(child.concept, entry: entry) {
                            result.append((AnswerChange(key: key, concept: child.concept, value: fact.value, expectedVersion: nil), Self.provenance(of: fact, at: now)))
                        } else if let previous = fromPrevious(key, concept: nil) {
                            result.append(previous)
                        }
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
                if let fact = try await registerFact(conceptID, entry: "") {
                    result.append((AnswerChange(key: key, concept: conceptID, value: fact.value, expectedVersion: nil), Self.provenance(of: fact, at: now)))
                    continue
                }
                if let shared = try await conceptAnswer(conceptID, reports: reports) {
                    result.append((AnswerChange(key: key, concept: conceptID, value: shared.answer.value, expectedVersion: nil),
                                   AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .report,
                                                    sourceReportID: shared.report.id, sourceTemplateID: shared.report.templateID)))
                    continue
                }
                if let concept = catalog.concepts[conceptID], let indicator = concept.seriesIndicator,
                   let match = series.first(where: { $0.indicator == indicator && $0.disaggregation == concept.seriesDisaggregation }),
                   question.type == .indicatorData || match.unit == concept.unit,
                   let latest = match.observations.max(by: { $0.year < $1.year }) {
                    var provenance = AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .series, sourceIndicator: indicator)
                    if case .computed(let runID) = latest.provenance { provenance.sourceRunID = runID }
                    let value: AnswerValue = question.type == .indicatorData ? Self.rows(match) : .number(latest.value)
                    result.append((AnswerChange(key: key, concept: conceptID, value: value, expectedVersion: nil), provenance))
                    continue
                }
            }
            if question.type == .indicatorData, let indicator = question.indicator,
               let match = series.first(where: { $0.indicator == indicator && $0.disaggregation.isEmpty }), !match.observations.isEmpty {
                result.append((AnswerChange(key: key, concept: question.concept, value: Self.rows(match), expectedVersion: nil),
                               AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .series, sourceIndicator: indicator)))
                continue
            }
            if let previous = fromPrevious(key, concept: question.concept) { result.append(previous) }
        }
        return result
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

    static func value(of field: TargetField, target: NationalTarget, progress: NationalTargetProgress?, series: [IndicatorSeries], question: Question) -> AnswerValue? {
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
            guard let indicator = target.indicators.first,
                  let match = series.first(where: { $0.indicator == indicator && $0.disaggregation.isEmpty }), !match.observations.isEmpty else { return nil }
            return rows(match)
        }
    }

    static func rows(_ series: IndicatorSeries) -> AnswerValue {
        .list(series.observations.sorted { $0.year < $1.year }.map { observation in
            .object(["year": .number(Double(observation.year)), "value": .number(observation.value), "unit": .string(series.unit),
                     "disaggregation": .string(series.disaggregation), "source": .string(observation.source),
                     "indicator": .string(series.indicator)])
        })
    }
}

extension ReportService {
    /// Prefills the questions of an existing report that have no answer yet
    /// (a new national target, a series computed since); answers already given
    /// are never touched. Returns how many answers were added.
    public func prefillMissing(reportID: Int64, actor: ReportActor) async throws -> Int {
        let view = try await view(reportID: reportID)
        try view.report.state.checkAllowsEditing()
        guard let role = actor.role, role >= .contributor else {
            throw DomainError(.forbidden, "prefilling needs the role contributor or higher")
        }
        let candidates = try await Prefill(store: store, catalog: catalog, workspaceID: view.report.workspaceID)
            .answers(for: view.template, entries: view.entries, at: Date())
            .filter { view.answers[$0.change.key] == nil }
        guard !candidates.isEmpty else { return 0 }
        try await store.addPrefilledAnswers(reportID: reportID, candidates, context: ChangeContext(userID: actor.userID, channel: .prefill))
        return candidates.count
    }
}
