import CSV
import Foundation
import SynergiaCore
import SynergiaStore

/// CSV exports: all answers of one report, and one template across every
/// workspace's submitted reports for the secretariat.
extension ReportService {
    public func exportHTML(reportID: Int64, language: String = "en") async throws -> String {
        let view = try await view(reportID: reportID)
        let targets = Dictionary(uniqueKeysWithValues: try await store.nationalTargets(workspaceID: view.report.workspaceID).map { ($0.code, $0) })
        return ReportHTML.render(view, wording: ExportWording(messages: messages, language: language), targets: targets)
    }

    public func exportPDF(reportID: Int64, language: String = "en") async throws -> Data {
        try PDFRenderer.render(html: try await exportHTML(reportID: reportID, language: language))
    }

    /// Every answer of a report, one row each, headed and worded in `language`; the
    /// codes (section, key, question, type, unit, concept) and `value_json` stay as stored.
    public func exportCSV(reportID: Int64, language: String = "en") async throws -> String {
        let document = ReportDocument(view: try await view(reportID: reportID), exportedAt: Date(), language: language)
        let template = try catalog.template(document.report.template)
        let wording = ExportWording(messages: messages, language: language)
        return try Self.csv(wording.text("export.csv_columns").split(separator: "|").map(String.init)) { write in
            for section in document.sections {
                for item in section.items {
                    let question = template.question(item.question)
                    try write([section.id, item.key, item.question, item.type, item.label,
                               question.map { AnswerText.plain(item.value, question: $0, wording: wording) } ?? "",
                               item.unit ?? "", item.concept ?? "", wording.yesNo(item.toConfirm),
                               item.provenance.map { wording.provenance($0) } ?? "", String(item.version),
                               try JSONCoding.string(item.value)])
                    // A row per file keeps the columns of the answer rows unchanged.
                    for file in item.attachments ?? [] {
                        try write([section.id, item.key, item.question, "attachment", file.name, wording.attachment(file), "", "", "", "", "",
                                   try JSONCoding.string(file)])
                    }
                }
            }
        }
    }

    /// One template across all workspaces, from each report's latest submitted
    /// snapshot: `values` gives a row per country and answer, `counts` how many
    /// countries chose each choice.
    public func secretariatCSV(templateID: String, counts: Bool) async throws -> String {
        let template = try catalog.template(templateID)
        var documents: [ReportDocument] = []
        for report in try await store.reports(templateID: templateID) where report.snapshots > 0 {
            if let data = try await store.snapshot(reportID: report.id, number: report.snapshots) {
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                documents.append(try decoder.decode(ReportDocument.self, from: data))
            }
        }
        documents.sort { $0.report.country < $1.report.country }
        if counts {
            var tally: [String: [String: Set<String>]] = [:]
            for document in documents {
                for item in document.sections.flatMap(\.items) where item.value.isAnswered {
                    guard let question = template.question(item.question), question.type.hasChoices || question.type == .yesNo else { continue }
                    let chosen: [String] = switch item.value {
                    case .string(let value): [value]
                    case .bool(let flag): [flag ? "yes" : "no"]
                    default: (item.value["selected"].listValue ?? []).compactMap(\.stringValue)
                    }
                    for choice in chosen { tally[item.question, default: [:]][choice, default: []].insert(document.report.country) }
                }
            }
            return try Self.csv(["question", "choice", "label", "countries", "country_codes"]) { write in
                for (question, choices) in tally.sorted(by: { $0.key < $1.key }) {
                    let labels = template.question(question)?.choices ?? []
                    for (choice, countries) in choices.sorted(by: { $0.key < $1.key }) {
                        try write([question, choice, labels.first { $0.value == choice }?.label.english ?? choice, String(countries.count), countries.sorted().joined(separator: " ")])
                    }
                }
            }
        }
        return try Self.csv(["country", "report", "snapshot", "key", "question", "answer", "unit", "value_json"]) { write in
            for document in documents {
                for item in document.sections.flatMap(\.items) where item.value.isAnswered {
                    let question = template.question(item.question)
                    try write([document.report.country, String(document.report.id), String(document.report.snapshot ?? 0), item.key, item.question,
                               question.map { AnswerText.plain(item.value, question: $0, language: "en") } ?? "", item.unit ?? "",
                               try JSONCoding.string(item.value)])
                }
            }
        }
    }

    static func csv(_ header: [String], _ rows: ((([String]) throws -> Void) throws -> Void)) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        try rows { try writer.write(row: CSVFormulaGuard.row($0)) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
