import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore

/// Everything a person does with a report: create it (prefilled), answer,
/// confirm, comment, assign sections, move it through review, and read it
/// back with its evaluation. Views and the CLI only call this.
public struct ReportService: Sendable {
    public let store: SQLStore
    public let catalog: TemplateCatalog
    public let messages: Messages
    /// Where the files answers carry are kept (`AttachmentFiles.beside` the database unless set).
    public var attachmentFiles: AttachmentFiles
    /// Largest file an answer takes: SYNERGIA_MAX_UPLOAD_MB, 20 MB when unset.
    public var maximumAttachmentBytes: Int

    public init(store: SQLStore, catalog: TemplateCatalog, messages: Messages) {
        self.store = store
        self.catalog = catalog
        self.messages = messages
        attachmentFiles = .beside(store)
        maximumAttachmentBytes = (ProcessInfo.processInfo.environment["SYNERGIA_MAX_UPLOAD_MB"].flatMap(Int.init) ?? 20) * 1_000_000
    }

    /// A report with what a page or an export needs about it.
    public struct ReportView: Sendable {
        public var report: Report
        public var template: ReportTemplate
        public var workspace: Workspace
        public var answers: [AnswerKey: Answer]
        public var entries: [String: [String]]
        public var evaluation: ReportEvaluation
        public var assignments: [String: Int64]
        /// Tracked decision paragraphs the workspace cites in answers of this report.
        public var citations: [AnswerKey: [DecisionCitation]] = [:]
        /// Files the answers carry, by answer key, in the order they were attached.
        public var attachments: [AnswerKey: [Attachment]] = [:]
        /// Set when the installed template does not open the report's version: it is shown read-only.
        public var versionNotice: VersionNotice?
    }

    public func create(workspace: Workspace, templateID: String, actor: ReportActor) async throws -> Report {
        let template = try catalog.template(templateID)
        guard let role = actor.role, role >= .contributor else {
            throw DomainError(.forbidden, "creating a report needs the role contributor or higher in \(workspace.country)")
        }
        let entries = try await repeatEntries(template, workspaceID: workspace.id, answers: [])
        let now = Date()
        let prefilled = try await Prefill(store: store, catalog: catalog, workspaceID: workspace.id)
            .answers(for: template, entries: entries, at: now)
        return try await store.createReport(workspaceID: workspace.id, templateID: template.id, templateVersion: template.version,
                                            prefilled: prefilled, context: ChangeContext(userID: actor.userID, channel: actor.channel, at: now))
    }

    public func view(reportID: Int64) async throws -> ReportView {
        guard let report = try await store.report(id: reportID) else {
            throw DomainError.notFound("report \(reportID) does not exist")
        }
        guard let workspace = try await store.workspace(id: report.workspaceID) else {
            throw DomainError.notFound("the workspace of report \(reportID) does not exist")
        }
        return try await view(of: report, in: workspace)
    }

    /// The view of a report already read (with its workspace), as a page that authorised the request has it.
    public func view(of report: Report, in workspace: Workspace) async throws -> ReportView {
        let template = try catalog.template(report.templateID)
        if let notice = VersionNotice(report: report, installed: template) { throw notice.refusal }
        return try await load(report, in: workspace, template: template)
    }

    func load(_ report: Report, in workspace: Workspace, template: ReportTemplate) async throws -> ReportView {
        let reportID = report.id
        let answers = try await store.answers(reportID: reportID)
        let entries = try await repeatEntries(template, workspaceID: report.workspaceID, answers: answers)
        let values = Dictionary(uniqueKeysWithValues: answers.map { ($0.key, $0.value) })
        let attachments = Dictionary(grouping: try await store.attachments(reportID: reportID)) { AnswerKey($0.key) ?? AnswerKey(question: $0.key) }
        return ReportView(report: report, template: template, workspace: workspace,
                          answers: Dictionary(uniqueKeysWithValues: answers.map { ($0.key, $0) }), entries: entries,
                          evaluation: ReportEvaluation(template: template, answers: values, entries: entries, attached: Set(attachments.keys)),
                          assignments: try await store.assignments(reportID: reportID),
                          citations: try await store.decisionCitations(reportID: reportID, workspaceID: report.workspaceID),
                          attachments: attachments)
    }

    /// Refuses a link to an answer its report's template does not ask, naming it.
    public func checkAnswerLinks(_ links: [ReportAnswerLink]) async throws {
        for link in links {
            guard let report = try await store.report(id: link.reportID) else { throw DomainError.notFound("report \(link.reportID) does not exist") }
            let template = try catalog.template(report.templateID)
            let asked: Bool
            if let group = link.key.group {
                asked = template.question(group).map { $0.type == .repeatGroup && $0.children.contains { $0.id == link.key.question } } ?? false
            } else {
                asked = template.questions.contains { $0.0.id == link.key.question }
            }
            guard asked else {
                throw DomainError.invalid("\(link) names no question of report \(link.reportID) (\(template.id)); use an answer key shown in the report's JSON export")
            }
        }
    }

    /// Saves answers all together or not at all. Each must name a question of
    /// the template, read (`AnswerReader`), have its type's shape and come from
    /// someone allowed to edit its section; a stale version refuses the batch
    /// (`StaleAnswer`), unreadable input with `AnswerReadError`.
    public func answer(reportID: Int64, _ edits: [AnswerEdit], actor: ReportActor, fileSHA256: String? = nil) async throws -> [Answer] {
        try await answer(in: try await view(reportID: reportID), edits, actor: actor, fileSHA256: fileSHA256)
    }

    /// `answer(reportID:)` on a report view the caller already holds, so that
    /// a save loads the report once.
    public func answer(in view: ReportView, _ edits: [AnswerEdit], actor: ReportActor, fileSHA256: String? = nil) async throws -> [Answer] {
        var changes: [AnswerChange] = []
        for edit in edits {
            let (question, section) = try locate(edit.key, in: view)
            try checkMayEdit(section: section, view: view, actor: actor)
            var value = AnswerValue.null
            if !edit.confirmOnly {
                value = try AnswerReader(question: question, key: edit.key, language: edit.language, messages: messages)
                    .read(edit.input, current: view.answers[edit.key]?.value ?? .null)
                let problems = AnswerShape.problems(value, for: question) + AnswerTextRules.problems(value, for: question)
                guard problems.isEmpty else {
                    throw DomainError.invalid("\(edit.key): \(problems.joined(separator: "; "))")
                }
            }
            changes.append(AnswerChange(key: edit.key, concept: question.concept, value: value,
                                        expectedVersion: edit.expectedVersion, confirmOnly: edit.confirmOnly))
        }
        var context = actor.context
        context.fileSHA256 = fileSHA256
        let facts = try await FactRegister(service: self).saving(edits, changes: changes, in: view)
        return try await store.saveAnswers(reportID: view.report.id, changes, facts: facts, context: context)
    }

    /// The question and section an answer key belongs to, or a message naming the key.
    func locate(_ key: AnswerKey, in view: ReportView) throws -> (Question, String) {
        if let group = key.group, let entry = key.entry {
            guard let (parent, section) = view.template.questions.first(where: { $0.question.id == group }),
                  let child = parent.children.first(where: { $0.id == key.question }) else {
                throw DomainError.notFound("\(key) is no question of \(view.template.id)")
            }
            if case .entries = parent.repeatSource {
                guard Int(entry).map({ $0 >= 1 }) == true else {
                    throw DomainError.invalid("\(key): entries of \(group) are numbered 1, 2, …")
                }
            } else if !(view.entries[group] ?? []).contains(entry) {
                throw DomainError.notFound("\(key): '\(entry)' is not an entry of \(group); entries: \((view.entries[group] ?? []).joined(separator: ", "))")
            }
            return (child, section)
        }
        guard let (question, section) = view.template.questions.first(where: { $0.question.id == key.question }) else {
            throw DomainError.notFound("\(key) is no question of \(view.template.id)")
        }
        return (question, section)
    }

    /// Focal points edit everything; contributors the sections assigned to them
    /// (or any unassigned section); reviewers and viewers nothing.
    func checkMayEdit(section: String, view: ReportView, actor: ReportActor) throws {
        try view.report.state.checkAllowsEditing()
        switch actor.role {
        case .focalPoint?:
            return
        case .contributor?:
            let owner = view.template.allSections.first { $0.section.id == section }.flatMap { entry in
                ([entry.section.id] + entry.path.reversed()).lazy.compactMap { view.assignments[$0] }.first
            }
            if let owner, owner != actor.userID {
                throw DomainError(.forbidden, "section \(section) is assigned to another contributor; ask the focal point to reassign it")
            }
        default:
            throw DomainError(.forbidden, "editing answers needs the role contributor or focal point; you are \(actor.role?.rawValue ?? "not a member")")
        }
    }

    func repeatEntries(_ template: ReportTemplate, workspaceID: Int64, answers: [Answer]) async throws -> [String: [String]] {
        var entries: [String: [String]] = [:]
        for (question, _) in template.questions where question.type == .repeatGroup {
            switch question.repeatSource {
            case .nationalTargets?:
                entries[question.id] = try await store.nationalTargetCodes(workspaceID: workspaceID)
            case .goals(let framework)?:
                entries[question.id] = try await store.itemCodes(framework: framework, .goals)
            case .targets(let framework)?:
                entries[question.id] = try await store.itemCodes(framework: framework, .targets)
            case .entries?, nil:
                let keys = Set(answers.filter { $0.key.group == question.id }.compactMap(\.key.entry))
                entries[question.id] = keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
            }
        }
        return entries
    }
}

/// One answer as a person gives it.
public struct AnswerEdit: Sendable, Equatable {
    public var key: AnswerKey
    public var input: AnswerInput
    /// The language the input is written in: its numbers' notation, the text it sets.
    public var language: String
    public var expectedVersion: Int?
    public var confirmOnly: Bool
    /// For a question bound to a concept: keep the value for this report only,
    /// leaving the register of facts and the other reports as they are.
    public var keepLocal: Bool

    public init(key: AnswerKey, input: AnswerInput, language: String, expectedVersion: Int?, confirmOnly: Bool = false, keepLocal: Bool = false) {
        self.key = key
        self.input = input
        self.language = language
        self.expectedVersion = expectedVersion
        self.confirmOnly = confirmOnly
        self.keepLocal = keepLocal
    }

    /// A value as JSON gives it, numbers in English notation.
    public init(key: AnswerKey, value: AnswerValue, expectedVersion: Int?, confirmOnly: Bool = false, keepLocal: Bool = false) {
        self.init(key: key, input: .value(value), language: "en", expectedVersion: expectedVersion, confirmOnly: confirmOnly, keepLocal: keepLocal)
    }
}
