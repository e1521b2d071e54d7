import Foundation
import SynergiaCore
import SynergiaStore

extension FactRegister {
    /// Sets a fact in the register (the facts page, `PUT /api/workspaces/{country}/facts/{fact}`,
    /// `synergia facts set`): the value is read and checked as an answer to the
    /// concept's questions, the version seen must be current, and every report
    /// that asks the fact follows in the same transaction.
    public func set(workspace: Workspace, fact key: FactKey, input: AnswerInput, language: String, expectedVersion: Int, actor: ReportActor) async throws -> Fact {
        guard let role = actor.role, role >= .contributor else {
            throw DomainError(.forbidden, "changing a fact needs the role contributor or higher in \(workspace.country); you are \(actor.role?.rawValue ?? "not a member")")
        }
        let question = try await checkPlace(key, workspaceID: workspace.id)
        try await seed(workspaceID: workspace.id)
        let current = try await store.fact(workspaceID: workspace.id, key: key)
        let value = try AnswerReader(question: question, key: AnswerKey(question: key.concept), language: language, messages: service.messages)
            .read(input, current: current?.value ?? .null)
        guard value.isAnswered else {
            throw DomainError.invalid("fact \(key): give a value; a fact of the register is not emptied (clear the answer in a report instead)")
        }
        let problems = AnswerShape.problems(value, for: question) + AnswerTextRules.problems(value, for: question)
        guard problems.isEmpty else { throw DomainError.invalid("fact \(key): \(problems.joined(separator: "; "))") }
        let write = FactWrite(workspaceID: workspace.id, key: key, value: value, expectedVersion: expectedVersion,
                              followers: try await followers(of: key, workspaceID: workspace.id))
        return try await store.setFact(write, context: actor.context)
    }

    /// Takes the register's value into an answer that shows "changed since you
    /// reviewed" (the register must still be at `factVersion`, the version shown).
    public func accept(reportID: Int64, key: AnswerKey, factVersion: Int, actor: ReportActor) async throws -> Answer {
        let (view, fact) = try await noticed(reportID: reportID, key: key, actor: actor)
        return try await store.acceptFact(reportID: reportID, key: key, fact: fact, workspaceID: view.report.workspaceID,
                                          factVersion: factVersion, context: actor.context)
    }

    /// Keeps the report's own value of a fact; the register no longer changes it.
    public func keep(reportID: Int64, key: AnswerKey, actor: ReportActor) async throws {
        let (_, fact) = try await noticed(reportID: reportID, key: key, actor: actor)
        try await store.keepFactLocal(reportID: reportID, key: key, fact: fact, context: actor.context)
    }

    private func noticed(reportID: Int64, key: AnswerKey, actor: ReportActor) async throws -> (ReportService.ReportView, FactKey) {
        let view = try await service.view(reportID: reportID)
        let (question, _) = try service.locate(key, in: view)
        guard let concept = question.concept else {
            throw DomainError.invalid("\(key) is not bound to a concept of the fact register; only shared facts can be accepted or kept")
        }
        guard let role = actor.role, role >= .contributor else {
            throw DomainError(.forbidden, "accepting or keeping a fact needs the role contributor or higher; you are \(actor.role?.rawValue ?? "not a member")")
        }
        return (view, FactKey(concept: concept, answerKey: key))
    }

    /// The question a fact is read and checked as; refuses an unknown concept or an entry where none is asked (or the reverse).
    func checkPlace(_ key: FactKey, workspaceID: Int64) async throws -> Question {
        guard catalog.concepts[key.concept] != nil else {
            throw DomainError.notFound("concept '\(key.concept)' is not a concept of this installation; the facts list shows the concepts and their entries")
        }
        var topLevel: Question?
        var groups: [(template: ReportTemplate, group: Question, child: Question)] = []
        for template in catalog.templates.values.sorted(by: { $0.id < $1.id }) {
            for place in Self.places(of: key.concept, in: template) {
                if let group = place.group { groups.append((template, group, place.question)) } else if topLevel == nil { topLevel = place.question }
            }
        }
        if key.entry.isEmpty {
            if let topLevel { return topLevel }
            let where_ = groups.map { "\($0.group.id) (\($0.template.id))" }.joined(separator: ", ")
            throw DomainError.invalid("concept '\(key.concept)' is asked once per entry of \(where_); name the entry")
        }
        guard !groups.isEmpty else {
            throw DomainError.invalid("concept '\(key.concept)' is asked once per report, not per entry; give no entry (not '\(key.entry)')")
        }
        var known: [String] = []
        for (template, group, child) in groups {
            let entries = try await service.repeatEntries(template, workspaceID: workspaceID, answers: [])[group.id] ?? []
            if entries.contains(key.entry) { return child }
            known += entries
        }
        throw DomainError.notFound("'\(key.entry)' is not an entry of \(groups[0].group.id) for concept '\(key.concept)'; entries: \(Array(Set(known)).sorted().joined(separator: ", "))")
    }
}
