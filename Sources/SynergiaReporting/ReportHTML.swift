import Foundation
import SynergiaCore

/// A print-ready HTML page of a report: every relevant answer under its
/// section, provenance marks, and indicator data drawn as SVG charts. Self-contained
/// (inline CSS, no script, no external resource) so it prints and archives as is.
/// Every word comes from the catalogue in the report's language (`ExportWording`);
/// Arabic pages run right to left, with codes and numbers isolated in `<bdi>`.
enum ReportHTML {
    static func render(_ view: ReportService.ReportView, wording: ExportWording, targets: [String: NationalTarget], exportedAt: Date = Date()) -> String {
        let language = wording.language
        let document = ReportDocument(view: view, exportedAt: exportedAt, language: language)
        let report = document.report
        var meta = "<bdi>\(HTML.escape(report.workspace))</bdi> (<bdi>\(HTML.escape(report.country))</bdi>) · <bdi>\(HTML.escape(view.template.convention))</bdi>"
        meta += " · <bdi>\(HTML.escape(report.cycle))</bdi> · \(HTML.escape(wording.state(view.report.state)))"
        if let snapshot = report.snapshot { meta += " · " + wording.html("export.snapshot", ["version": String(snapshot)]) }
        var html = """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language))" dir="\(wording.isRightToLeft ? "rtl" : "ltr")"><head><meta charset="utf-8">
        <title>\(HTML.escape(report.title)) — \(HTML.escape(report.workspace))</title>
        <style>\(style)</style></head><body>
        <h1>\(HTML.escape(report.title))</h1>
        <div class="meta">\(meta)</div>

        """
        for section in document.sections {
            html += "<h2>\(HTML.escape(section.title))</h2>\n"
            html += "<div class=\"completeness\">\(wording.html("export.completeness", ["answered": wording.format.integer(section.answered), "expected": wording.format.integer(section.expected)]))</div>\n"
            for item in section.items {
                guard let key = AnswerKey(item.key), let question = view.template.question(item.question) else { continue }
                html += "<div class=\"item\"><div class=\"label\">"
                if let entry = key.entry { html += entryHTML(entry, group: key.group.flatMap { view.template.question($0) }, wording: wording) + " " }
                html += HTML.escape(item.label)
                if item.toConfirm { html += "<span class=\"badge\">\(HTML.escape(wording.text("export.to_confirm")))</span>" }
                html += "</div>"
                html += answerHTML(item.value, question: question, wording: wording, target: key.entry.flatMap { targets[$0] })
                if let provenance = item.provenance { html += "<div class=\"prov\">\(wording.provenance(provenance, html: true))</div>" }
                if let decisions = item.decisions {
                    html += "<div class=\"prov\">\(wording.html("export.addresses", ["decisions": decisions.map(wording.decision).joined(separator: "; ")]))</div>"
                }
                if let files = item.attachments {
                    html += "<ul class=\"files\">" + files.map { "<li>\(HTML.escape(wording.attachment($0)))</li>" }.joined() + "</ul>"
                }
                html += "</div>\n"
            }
        }
        html += "<p class=\"footer\">\(wording.html("export.footer", ["date": wording.format.dateTime(exportedAt)]))</p>\n"
        return html + "</body></html>\n"
    }


    /// Fonts that hold every script of the six languages (Debian's fonts-noto-core,
    /// fonts-wqy-zenhei and fonts-dejavu-core); Arabic and Chinese pages put their own first.
    /// Margins and alignment are logical, so a right-to-left page mirrors them.
    static let style = """

    @page { size: A4; margin: 18mm 16mm; }
    body { font-family: "Noto Sans", "DejaVu Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #111; line-height: 1.4; }
    html:lang(ar) body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 11.5pt; }
    html:lang(zh) body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans", "DejaVu Sans", sans-serif; }
    h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 18pt; page-break-after: avoid; }
    .meta { color: #444; margin-bottom: 12pt; } .item { margin: 6pt 0 10pt; page-break-inside: avoid; }
    .label { font-weight: bold; } .answer { margin-inline-start: 12pt; white-space: pre-wrap; } .empty { color: #888; font-style: italic; }
    .badge { font-size: 8pt; border: 1px solid #b80; color: #850; border-radius: 3pt; padding: 0 3pt; margin-inline-start: 4pt; }
    .prov { font-size: 8pt; color: #666; margin-inline-start: 12pt; } table { border-collapse: collapse; margin-inline-start: 12pt; }
    td, th { border: 1px solid #bbb; padding: 2pt 5pt; font-size: 9pt; text-align: start; } td.number { text-align: end; }
    .completeness { font-size: 9pt; color: #555; } .footer { font-size: 8pt; color: #666; margin-top: 18pt; border-top: 1px solid #ccc; }

    """

    /// A repeat entry: numbered entries read "Entry 2", others show their code (`[KEN-T1]`).
    static func entryHTML(_ entry: String, group: Question?, wording: ExportWording) -> String {
        if case .entries? = group?.repeatSource { return wording.html("export.entry", ["entry": entry]) }
        return "[<bdi>\(HTML.escape(entry))</bdi>]"
    }

    static func answerHTML(_ value: AnswerValue, question: Question, wording: ExportWording, target: NationalTarget?) -> String {
        let language = wording.language
        guard value.isAnswered else { return "<div class=\"answer empty\">\(HTML.escape(wording.text("export.not_answered")))</div>" }
        func cell(_ text: String, number: Bool = false) -> String { "<td\(number ? " class=\"number\"" : "")><bdi>\(HTML.escape(text))</bdi></td>" }
        switch (question.type, value) {
        case (.indicatorData, .list(let rows)):
            var html = "<table><tr>" + wording.dataColumns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"
            var points: [SVGChart.Point] = []
            for row in rows {
                if let year = row["year"].numberValue, let number = row["value"].numberValue { points.append(.init(year: Int(year), value: number)) }
                html += "<tr>" + cell(AnswerText.year(row["year"], wording: wording)) + cell(AnswerText.scalar(row["value"], wording: wording), number: true)
                    + cell(row["unit"].stringValue ?? "") + cell(row["disaggregation"].stringValue ?? "") + cell(row["source"].stringValue ?? "") + "</tr>"
            }
            html += "</table>"
            if points.count >= 2 {
                let chart = SVGChart.line(points, baseline: target?.baseline.map { .init(year: $0.year, value: $0.value) },
                                          target: target?.target.map { .init(year: $0.year, value: $0.value) },
                                          unit: rows.first?["unit"].stringValue ?? "", title: question.label.text(language), wording: wording)
                // Years run left to right in every language, as in the secretariats' own charts.
                html += "<div class=\"answer\" dir=\"ltr\">\(chart)</div>"
            }
            return html
        case (.table, .object(let rows)):
            var html = "<table><tr><th></th>" + question.columns.map { "<th>\(HTML.escape($0.label.text(language)))</th>" }.joined() + "</tr>"
            for row in question.rows {
                html += "<tr><th>\(HTML.escape(row.label.text(language)))</th>"
                for column in question.columns {
                    let value = rows[row.id]?[column.id] ?? .null
                    let text: String = switch (column.type, value) {
                    case (.singleChoice, .string(let choice)), (.scale, .string(let choice)):
                        column.choices.first { $0.value == choice }?.label.text(language) ?? choice
                    default: AnswerText.scalar(value, wording: wording)
                    }
                    html += cell(text, number: value.numberValue != nil)
                }
                html += "</tr>"
            }
            return html + "</table>"
        default:
            return "<div class=\"answer\">\(HTML.escape(AnswerText.plain(value, question: question, wording: wording)))</div>"
        }
    }
}
