import Foundation
import SynergiaCore
import SynergiaStore

/// The register of facts of a workspace: one current value per shared fact
/// (a concept, and the entry for a concept asked inside a repeat group), kept
/// with its provenance and history. Saving an answer to a concept question
/// changes it, and the other reports follow in the same transaction
/// (`FactFollowing`); the facts page, the API and the CLI read and set it here.
public struct FactRegister: Sendable {
    public let service: ReportService
    var store: SQLStore { service.store }
    var catalog: TemplateCatalog { service.catalog }

    public init(service: ReportService) {
        self.service = service
    }

    /// The register's part of a save: each concept answer changes the fact (and
    /// the reports that follow it) unless it is kept for this report only.
    func saving(_ edits: [AnswerEdit], changes: [AnswerChange], in view: ReportService.ReportView) async throws -> FactSaving {
        var saving = FactSaving()
        for (edit, change) in zip(edits, changes) where !edit.confirmOnly {
            guard let concept = change.concept else { continue }
            let key = FactKey(concept: concept, answerKey: edit.key)
            if edit.keepLocal {
                saving.keptLocal[edit.key] = key
                continue
            }
            // Clearing an answer empties this report's question only: the register is never emptied from a report.
            guard change.value.isAnswered else { continue }
            saving.writes.append(FactWrite(workspaceID: view.report.workspaceID, key: key, value: change.value, expectedVersion: nil,
                                           source: (view.report.id, view.report.templateID, edit.key),
                                           followers: try await followers(of: key, workspaceID: view.report.workspaceID)))
        }
        return saving
    }

    /// Every report of the workspace whose template asks the fact, with the answer that holds it.
    func followers(of key: FactKey, workspaceID: Int64) async throws -> [FactFollower] {
        var result: [FactFollower] = []
        for report in try await store.reports(workspaceID: workspaceID) {
            guard let template = catalog.templates[report.templateID], template.version == report.templateVersion else { continue }
            for place in Self.places(of: key.concept, in: template) {
                if let group = place.group {
                    guard !key.entry.isEmpty else { continue }
                    let entries = try await service.repeatEntries(template, workspaceID: workspaceID, answers: [])[group.id] ?? []
                    if entries.contains(key.entry) {
                        result.append(FactFollower(reportID: report.id, key: AnswerKey(question: place.question.id, group: group.id, entry: key.entry)))
                    }
                } else if key.entry.isEmpty {
                    result.append(FactFollower(reportID: report.id, key: AnswerKey(question: place.question.id)))
                }
            }
        }
        return result
    }

    /// Where a template asks a concept: top-level questions, and children of repeat groups (with their group).
    static func places(of concept: String, in template: ReportTemplate) -> [(question: Question, group: Question?)] {
        var places: [(question: Question, group: Question?)] = []
        for (question, _) in template.questions {
            if question.concept == concept, question.type != .repeatGroup { places.append((question, nil)) }
            if question.type == .repeatGroup {
                for child in question.children where child.concept == concept { places.append((child, question)) }
            }
        }
        return places
    }

    /// Fills the register from the reports' answers for every fact it does not
    /// hold yet: approved or submitted reports first, then the most recently
    /// updated (`FactSeeding`). Values kept for one report only are left out.
    public func seed(workspaceID: Int64) async throws {
        let held = Set(try await store.facts(workspaceID: workspaceID).map(\.key))
        var candidates: [FactKey: [(report: Report, answer: Answer)]] = [:]
        var marks: [Int64: [AnswerKey: FactMark]] = [:]
        for (report, concept, answer) in try await store.conceptAnswers(workspaceID: workspaceID) {
            let key = FactKey(concept: concept, answerKey: answer.key)
            guard !held.contains(key), catalog.concepts[concept] != nil else { continue }
            if marks[report.id] == nil { marks[report.id] = try await store.factMarks(reportID: report.id) }
            if marks[report.id]?[answer.key] == .local { continue }
            candidates[key, default: []].append((report, answer))
        }
        let seeds = candidates.sorted { $0.key < $1.key }.compactMap { key, answers -> (key: FactKey, value: AnswerValue, provenance: AnswerProvenance)? in
            guard let best = FactSeeding.preferred(answers) else { return nil }
            return (key, best.answer.value,
                    AnswerProvenance(kind: best.answer.provenance.kind, channel: best.answer.provenance.channel, userID: best.answer.provenance.userID,
                                     at: best.answer.provenance.at, origin: .report, sourceReportID: best.report.id, sourceTemplateID: best.report.templateID))
        }
        try await store.seedFacts(workspaceID: workspaceID, seeds)
    }
}

extension FactRegister {
    /// A question that asks the concept (any form; they share type, unit and choices), to read and show its values.
    public func question(for concept: String) -> Question? {
        catalog.templates.values.sorted { $0.id < $1.id }.lazy.compactMap { Self.places(of: concept, in: $0).first?.question }.first
    }
}
