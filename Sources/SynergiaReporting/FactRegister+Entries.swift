import Foundation
import SynergiaCore
import SynergiaStore

/// One fact as the facts page, `GET /api/workspaces/{country}/facts` and
/// `synergia facts list` show it: the register's value and every report that asks it.
public struct FactEntry: Codable, Sendable, Equatable {
    /// One report's answer to the fact.
    public struct Claim: Codable, Sendable, Equatable {
        public var reportID: Int64
        public var template: String
        public var state: ReportState
        public var key: String
        public var value: AnswerValue?
        public var version: Int
        /// `local`: kept for this report only; `changed`: the register changed since the report went to review.
        public var mark: FactMark?
        /// The report's value differs from the register's.
        public var differs: Bool
    }

    public var fact: FactKey
    public var concept: String
    public var entry: String
    public var label: String
    public var type: QuestionType
    public var unit: String?
    /// The register's value; nil while no report has answered it.
    public var value: AnswerValue?
    /// 0 while the fact is not in the register.
    public var version: Int
    public var provenance: AnswerProvenance?
    public var claims: [Claim]

    /// Some report that asks the fact gives another value than the register.
    public var differs: Bool { claims.contains(where: \.differs) }
}

extension FactRegister {
    /// Every fact of the workspace: each concept its templates ask (per entry for
    /// a concept inside a repeat group), with the register's value and each report's.
    public func entries(workspaceID: Int64) async throws -> [FactEntry] {
        try await seed(workspaceID: workspaceID)
        let facts = Dictionary(uniqueKeysWithValues: try await store.facts(workspaceID: workspaceID).map { ($0.key, $0) })
        var claims: [FactKey: [FactEntry.Claim]] = [:]
        var answersByReport: [Int64: [AnswerKey: Answer]] = [:]
        for (report, _, answer) in try await store.conceptAnswers(workspaceID: workspaceID) {
            answersByReport[report.id, default: [:]][answer.key] = answer
        }
        for report in try await store.reports(workspaceID: workspaceID) {
            guard let template = catalog.templates[report.templateID], template.version == report.templateVersion else { continue }
            let marks = try await store.factMarks(reportID: report.id)
            let entries = try await service.repeatEntries(template, workspaceID: workspaceID, answers: [])
            for concept in catalog.concepts.keys {
                for place in Self.places(of: concept, in: template) {
                    let keys: [(FactKey, AnswerKey)] = if let group = place.group {
                        (entries[group.id] ?? []).map { (FactKey(concept: concept, entry: $0), AnswerKey(question: place.question.id, group: group.id, entry: $0)) }
                    } else {
                        [(FactKey(concept: concept), AnswerKey(question: place.question.id))]
                    }
                    for (fact, key) in keys {
                        let answer = answersByReport[report.id]?[key]
                        let registered = facts[fact]?.value
                        let differs = (answer?.value.isAnswered ?? false) && registered != nil && answer?.value != registered
                        claims[fact, default: []].append(.init(reportID: report.id, template: report.templateID, state: report.state, key: key.description,
                                                               value: answer?.value, version: answer?.version ?? 0, mark: marks[key], differs: differs))
                    }
                }
            }
        }
        return claims.keys.sorted().compactMap { key in
            guard let concept = catalog.concepts[key.concept] else { return nil }
            let fact = facts[key]
            // A per-entry fact nobody has answered yet is left out: the page would list every target twice over.
            if !key.entry.isEmpty, fact == nil, !(claims[key] ?? []).contains(where: { $0.value?.isAnswered ?? false }) { return nil }
            return FactEntry(fact: key, concept: key.concept, entry: key.entry, label: concept.label.english, type: concept.type, unit: concept.unit,
                             value: fact?.value, version: fact?.version ?? 0, provenance: fact?.provenance,
                             claims: (claims[key] ?? []).sorted { $0.reportID < $1.reportID })
        }
    }

    /// The answers of a report that stand apart from the register, with the register's value:
    /// what the report page shows beside a concept question.
    public func notices(for view: ReportService.ReportView) async throws -> [AnswerKey: (mark: FactMark, fact: Fact?)] {
        var notices: [AnswerKey: (mark: FactMark, fact: Fact?)] = [:]
        let marks = try await store.factMarks(reportID: view.report.id)
        guard !marks.isEmpty else { return [:] }
        let facts = Dictionary(uniqueKeysWithValues: try await store.facts(workspaceID: view.report.workspaceID).map { ($0.key, $0) })
        for (key, mark) in marks {
            guard let concept = view.template.question(key.question)?.concept ?? Self.childConcept(key, in: view.template) else { continue }
            notices[key] = (mark, facts[FactKey(concept: concept, answerKey: key)])
        }
        return notices
    }

    static func childConcept(_ key: AnswerKey, in template: ReportTemplate) -> String? {
        guard let group = key.group else { return nil }
        return template.question(group)?.children.first { $0.id == key.question }?.concept
    }
}
