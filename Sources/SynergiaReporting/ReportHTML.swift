import Foundation
import SynergiaCore

/// A print-ready HTML page of a report: every relevant answer under its
/// section, provenance marks, and indicator data drawn as SVG charts. Self-contained
/// (inline CSS, no script, no external resource) so it prints and archives as is.
enum ReportHTML {
    static func render(_ view: ReportService.ReportView, language: String, targets: [String: NationalTarget]) -> String {
        let document = ReportDocument(view: view, exportedAt: Date(), language: language)
        let dir = language == "ar" ? "rtl" : "ltr"
        var html = """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language))" dir="\(dir)"><head><meta charset="utf-8">
        <title>\(HTML.escape(document.report.title)) — \(HTML.escape(document.report.workspace))</title>
        <style>
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #111; line-height: 1.4; }
        h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 18pt; page-break-after: avoid; }
        .meta { color: #444; margin-bottom: 12pt; } .item { margin: 6pt 0 10pt; page-break-inside: avoid; }
        .label { font-weight: bold; } .answer { margin-left: 12pt; white-space: pre-wrap; } .empty { color: #888; font-style: italic; }
        .badge { font-size: 8pt; border: 1px solid #b80; color: #850; border-radius: 3pt; padding: 0 3pt; margin-left: 4pt; }
        .prov { font-size: 8pt; color: #666; margin-left: 12pt; } table { border-collapse: collapse; margin-left: 12pt; }
        td, th { border: 1px solid #bbb; padding: 2pt 5pt; font-size: 9pt; text-align: left; } .completeness { font-size: 9pt; color: #555; }
        </style></head><body>
        <h1>\(HTML.escape(document.report.title))</h1>
        <div class="meta">\(HTML.escape(document.report.workspace)) (\(HTML.escape(document.report.country))) · \(HTML.escape(view.template.convention)) · \(HTML.escape(document.report.cycle)) · \(HTML.escape(document.report.state))\(document.report.snapshot.map { " · version \($0)" } ?? "")</div>

        """
        for section in document.sections {
            html += "<h2>\(HTML.escape(section.title))</h2>\n"
            html += "<div class=\"completeness\">\(section.answered) / \(section.expected)</div>\n"
            for item in section.items {
                guard let key = AnswerKey(item.key), let question = view.template.question(item.question) else { continue }
                html += "<div class=\"item\"><div class=\"label\">"
                if let entry = key.entry { html += "[\(HTML.escape(entry))] " }
                html += HTML.escape(item.label)
                if item.toConfirm { html += "<span class=\"badge\">to confirm</span>" }
                html += "</div>"
                html += answerHTML(item.value, question: question, language: language, target: key.entry.flatMap { targets[$0] })
                if let provenance = item.provenance { html += "<div class=\"prov\">\(HTML.escape(describe(provenance)))</div>" }
                if let decisions = item.decisions {
                    html += "<div class=\"prov\">Addresses \(HTML.escape(decisions.map(\.text).joined(separator: "; ")))</div>"
                }
                if let files = item.attachments {
                    html += "<ul class=\"files\">" + files.map { "<li>\(HTML.escape($0.summary))</li>" }.joined() + "</ul>"
                }
                html += "</div>\n"
            }
        }
        return html + "</body></html>\n"
    }

    static func answerHTML(_ value: AnswerValue, question: Question, language: String, target: NationalTarget?) -> String {
        guard value.isAnswered else { return "<div class=\"answer empty\">—</div>" }
        switch (question.type, value) {
        case (.indicatorData, .list(let rows)):
            var html = "<table><tr><th>year</th><th>value</th><th>unit</th><th>source</th></tr>"
            var points: [SVGChart.Point] = []
            for row in rows {
                if let year = row["year"].numberValue, let number = row["value"].numberValue { points.append(.init(year: Int(year), value: number)) }
                html += "<tr><td>\(HTML.escape(AnswerText.scalar(row["year"])))</td><td>\(HTML.escape(AnswerText.scalar(row["value"])))</td><td>\(HTML.escape(row["unit"].stringValue ?? ""))</td><td>\(HTML.escape(row["source"].stringValue ?? ""))</td></tr>"
            }
            html += "</table>"
            if points.count >= 2 {
                let chart = SVGChart.line(points, baseline: target?.baseline.map { .init(year: $0.year, value: $0.value) },
                                          target: target?.target.map { .init(year: $0.year, value: $0.value) },
                                          unit: rows.first?["unit"].stringValue ?? "", title: question.label.text(language))
                html += "<div class=\"answer\">\(chart)</div>"
            }
            return html
        case (.table, .object(let rows)):
            var html = "<table><tr><th></th>" + question.columns.map { "<th>\(HTML.escape($0.label.text(language)))</th>" }.joined() + "</tr>"
            for row in question.rows {
                html += "<tr><th>\(HTML.escape(row.label.text(language)))</th>"
                for column in question.columns {
                    html += "<td>\(HTML.escape(AnswerText.scalar(rows[row.id]?[column.id] ?? .null)))</td>"
                }
                html += "</tr>"
            }
            return html + "</table>"
        default:
            return "<div class=\"answer\">\(HTML.escape(AnswerText.plain(value, question: question, language: language)))</div>"
        }
    }

    static func describe(_ provenance: AnswerProvenance) -> String {
        let date = ISO8601DateFormatter().string(from: provenance.at).prefix(10)
        switch provenance.kind {
        case .prefilled:
            switch provenance.origin {
            case .report?: return "prefilled from the \(provenance.sourceTemplateID ?? "other") report, \(date)"
            case .series?: return "prefilled from indicator series \(provenance.sourceIndicator ?? "")\(provenance.sourceRunID.map { " (computation run \($0))" } ?? ""), \(date)"
            case .nationalTarget?: return "prefilled from national target \(provenance.sourceTarget ?? ""), \(date)"
            case .previousCycle?: return "prefilled from the previous cycle's report, \(date)"
            case .run?: return "prefilled from \(provenance.sourceEngine ?? "engine") run #\(provenance.sourceRunID.map(String.init) ?? ""), \(date)"
            case .register?: return "prefilled from the fact register\(provenance.sourceReportID.map { " (report \($0))" } ?? ""), \(date)"
            case nil: return "prefilled, \(date)"
            }
        case .imported: return "imported from a workbook via \(provenance.channel.rawValue), \(date)"
        case .confirmed: return "confirmed, \(date)"
        case .migrated: return "migrated from report \(provenance.sourceReportID.map(String.init) ?? "") (\(provenance.sourceTemplateID ?? "") version \(provenance.sourceTemplateVersion.map(String.init) ?? "")), \(date)"
        case .entered where provenance.origin == .register:
            return "taken from the fact register\(provenance.sourceReportID.map { " (saved in report \($0))" } ?? "") via \(provenance.channel.rawValue), \(date)"
        case .entered: return "entered via \(provenance.channel.rawValue), \(date)"
        }
    }
}
