import Foundation
import SynergiaCore

/// The JSON export of a report (schema `synergia.report/1`, documented in
/// docs/report-json.md). Submitted snapshots are stored in this form.
/// Answers to questions that are not relevant are kept in the workspace but
/// left out here.
public struct ReportDocument: Codable, Sendable, Equatable {
    public struct Header: Codable, Sendable, Equatable {
        public var id: Int64
        public var country: String
        public var workspace: String
        public var template: String
        public var templateVersion: Int
        public var convention: String
        public var cycle: String
        public var title: String
        public var state: String
        /// Version n of the submitted snapshot; nil for a live export.
        public var snapshot: Int?
    }

    public struct Item: Codable, Sendable, Equatable {
        public var key: String
        public var question: String
        public var type: String
        public var label: String
        public var unit: String?
        public var concept: String?
        public var tags: [String]
        public var value: AnswerValue
        public var toConfirm: Bool
        public var version: Int
        public var provenance: AnswerProvenance?
        /// The decision paragraphs this answer addresses (absent when none).
        public var decisions: [DecisionCitation]?
        /// The files the answer carries (absent when none).
        public var attachments: [AttachedFile]?

        public init(key: String, question: String, type: String, label: String, unit: String? = nil, concept: String? = nil,
                    tags: [String] = [], value: AnswerValue = .null, toConfirm: Bool = false, version: Int = 0, provenance: AnswerProvenance? = nil,
                    decisions: [DecisionCitation]? = nil) {
            self.key = key; self.question = question; self.type = type; self.label = label; self.unit = unit; self.concept = concept
            self.tags = tags; self.value = value; self.toConfirm = toConfirm; self.version = version; self.provenance = provenance
            self.decisions = decisions
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var answered: Int
        public var expected: Int
        public var items: [Item]
    }

    public var schema = "synergia.report/1"
    public var exportedAt: Date
    public var language: String
    public var report: Header
    public var sections: [Section]
    public var issues: [ValidationIssue]

    public init(view: ReportService.ReportView, exportedAt: Date, language: String = "en") {
        self.exportedAt = exportedAt
        self.language = language
        let template = view.template
        report = Header(id: view.report.id, country: view.workspace.country, workspace: view.workspace.name, template: template.id,
                        templateVersion: template.version, convention: template.convention, cycle: template.cycle,
                        title: template.title.text(language), state: view.report.state.rawValue,
                        snapshot: view.report.state == .submitted && view.report.snapshots > 0 ? view.report.snapshots : nil)
        sections = template.allSections.map { section, _ in Self.section(section, view: view, language: language) }
        issues = view.evaluation.issues
    }

    /// One section of the report with its items, for a page that shows one section only.
    public static func section(_ id: String, view: ReportService.ReportView, language: String) -> Section? {
        view.template.allSections.first { $0.0.id == id }.map { section($0.0, view: view, language: language) }
    }

    static func section(_ section: TemplateSection, view: ReportService.ReportView, language: String) -> Section {
        var items: [Item] = []
        for question in section.questions {
            for (key, item) in keys(question, entries: view.entries) where !view.evaluation.hidden.contains(key) {
                let answer = view.answers[key]
                items.append(Item(key: key.description, question: item.id, type: item.type.rawValue, label: item.label.text(language),
                                  unit: item.unit, concept: key.group == nil ? item.concept : nil, tags: item.tags,
                                  value: answer?.value ?? .null, toConfirm: answer?.toConfirm ?? false,
                                  version: answer?.version ?? 0, provenance: answer?.provenance, decisions: view.citations[key]))
                items[items.count - 1].attachments = view.attachments[key].map { $0.map(AttachedFile.init) }
            }
        }
        let completeness = view.evaluation.completeness.first { $0.section == section.id }
        return Section(id: section.id, title: section.title.text(language), answered: completeness?.answered ?? 0,
                       expected: completeness?.expected ?? 0, items: items)
    }

    /// Every answer key of a question in document order: the question itself,
    /// or each child of each entry of a repeat group.
    static func keys(_ question: Question, entries: [String: [String]]) -> [(AnswerKey, Question)] {
        guard question.type == .repeatGroup else { return [(AnswerKey(question: question.id), question)] }
        return (entries[question.id] ?? []).flatMap { entry in
            question.children.map { (AnswerKey(question: $0.id, group: question.id, entry: entry), $0) }
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
