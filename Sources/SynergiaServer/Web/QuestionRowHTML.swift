import Foundation
import SynergiaCore
import SynergiaReporting

/// The HTML of the report form's questions. A section page repeats this block
/// for every question and its choices; written out here rather than in the
/// mustache template because the template engine's per-tag lookups cost more
/// than the rest of the page together. Every value goes through `escaped`.
struct QuestionRowHTML {
    /// What the rows share with the page around them.
    struct Page {
        var csrf: String
        var reportID: Int64
        var sectionID: String
        var canRequestChange: Bool
        /// The page's texts (`web.` keys without their prefix).
        var texts: [String: String]
    }

    let page: Page
    private var html = ""

    init(page: Page) { self.page = page }

    /// The rows' HTML, to be placed unescaped in the page template.
    static func render(_ rows: [QuestionRow], page: Page) -> String {
        var writer = QuestionRowHTML(page: page)
        writer.html.reserveCapacity(rows.count * 2_500)
        for row in rows { writer.write(row) }
        return writer.html
    }

    private func t(_ key: String) -> String { page.texts[key] ?? "" }

    private mutating func raw(_ text: String) { html += text }
    private mutating func text(_ value: String) { html += HTML.escape(value) }

    private mutating func write(_ row: QuestionRow) {
        raw("<div class=\"question\" id=\""); text(row.anchor); raw("\">\n")
        if !row.newEntry.isEmpty { raw("  <h3 class=\"new-entry\">"); text(row.newEntry); raw("</h3>\n") }
        raw("  <p class=\"label\">"); text(row.label)
        if !row.unit.isEmpty { raw(" <span class=\"unit\">("); text(row.unit); raw(")</span>") }
        raw("</p>\n")
        if !row.help.isEmpty { raw("  <p class=\"hint\">"); text(row.help); raw("</p>\n") }
        if !row.provenance.isEmpty {
            raw("  <p><span class=\"badge\(row.toConfirm ? " confirm" : "")\">"); text(row.provenance)
            if row.toConfirm { raw(" — "); text(t("confirm")) }
            raw("</span></p>\n")
        }
        if !row.decisions.isEmpty {
            raw("  <p>"); text(t("decisions_addressed")); raw(": ")
            for decision in row.decisions {
                raw("<a href=\""); text(decision.href); raw("\">"); text(decision.text); raw("</a> <span class=\"badge\">"); text(decision.status); raw("</span> ")
            }
            raw("</p>\n")
        }
        if let fact = row.fact { raw(FactRowHTML.notice(fact, row: row, page: page)) }
        for issue in row.issues { raw("  <p class=\"issue\">"); text(issue); raw("</p>\n") }
        if !row.error.isEmpty { raw("  <p class=\"error\" role=\"alert\">"); text(row.error); raw("</p>\n") }
        if let stale = row.stale {
            raw("  <div class=\"stale\"><p>"); text(t("your_value")); raw(": <strong>"); text(stale.mine); raw("</strong></p><p>")
            text(t("current_value")); raw(": <strong>"); text(stale.current); raw("</strong></p></div>\n")
        }
        if row.editable {
            writeForm(row)
        } else {
            raw("  <p class=\"answer\">")
            if row.answered { text(row.text) } else { raw("<span class=\"empty\">"); text(t("not_answered")); raw("</span>") }
            raw("</p>\n")
        }
        if row.readOnlyHint { raw("  <p class=\"hint\">"); text(t("edit_in_workbook")); raw("</p>\n") }
        if !row.files.isEmpty || row.canAttach { writeFiles(row) }
        for comment in row.comments {
            raw("  <p class=\"comment\(comment.requestsChange ? " change" : "")\"><strong>"); text(comment.who); raw("</strong> · "); text(comment.at)
            if comment.requestsChange { raw(" · "); text(t("change_requested")) }
            raw("<br>"); text(comment.body); raw("</p>\n")
        }
        if row.canComment { writeCommentForm(row) }
        raw("</div>\n")
    }

    private mutating func hiddenFields(_ fields: [(String, String)]) {
        for (name, value) in fields { raw("<input type=\"hidden\" name=\"\(name)\" value=\""); text(value); raw("\">") }
    }

    private mutating func writeForm(_ row: QuestionRow) {
        raw("  <form method=\"post\" action=\"/reports/\(page.reportID)/answer\">\n    ")
        hiddenFields([("csrf", page.csrf), ("key", row.key), ("version", String(row.version)), ("section", page.sectionID)])
        raw("\n    <label class=\"visually-hidden\" for=\"v-"); text(row.anchor); raw("\">"); text(row.label); raw("</label>\n    ")
        let id = "v-" + row.anchor
        switch row.control {
        case .none: break
        case .text(let value):
            raw("<textarea id=\""); text(id); raw("\" name=\"value\" rows=\"3\">"); text(value); raw("</textarea>")
        case .number(let value):
            raw("<input id=\""); text(id); raw("\" name=\"value\" inputmode=\"decimal\" dir=\"ltr\" value=\""); text(value); raw("\">")
        case .date(let value):
            raw("<input id=\""); text(id); raw("\" name=\"value\" type=\"date\" value=\""); text(value); raw("\">")
        case .yesNo(let selected):
            yesNoSelect(id: id, name: "value", selected: selected)
        case .choice(let options):
            choiceSelect(id: id, name: "value", options: options)
        case .multiple(let options, let other):
            raw("<fieldset id=\""); text(id); raw("\">")
            for option in options {
                raw("<label class=\"check\"><input type=\"checkbox\" name=\"value\" value=\""); text(option.value); raw("\"")
                raw(option.selected ? " checked> " : "> "); text(option.label); raw("</label>")
            }
            if let other {
                raw("\n<label class=\"check\"><input type=\"checkbox\" name=\"value\" value=\"other\"\(other.selected ? " checked" : "")> ")
                text(t("other_choice")); raw("</label>\n<label for=\"o-"); text(row.anchor); raw("\">"); text(t("other_say"))
                raw("</label> <input id=\"o-"); text(row.anchor); raw("\" name=\"other\" value=\""); text(other.text); raw("\">")
            }
            raw("</fieldset>")
        case .table(let grid):
            writeTable(grid)
        case .series(let rows):
            writeSeries(rows)
        case .link(let url, let title):
            raw("<p><label for=\""); text(id); raw("-url\">"); text(t("link_url")); raw("</label><br><input id=\""); text(id)
            raw("-url\" name=\"url\" value=\""); text(url); raw("\" inputmode=\"url\" dir=\"ltr\"></p>\n    <p><label for=\""); text(id); raw("-title\">")
            text(t("link_title")); raw("</label><br><input id=\""); text(id); raw("-title\" name=\"title\" value=\""); text(title); raw("\"></p>")
        }
        if let fact = row.fact { raw(FactRowHTML.keepLocalBox(fact, row: row, page: page)) }
        raw("\n    <button type=\"submit\">"); text(t("save")); raw("</button>\n")
        if row.toConfirm { raw("    <button type=\"submit\" name=\"confirm\" value=\"1\">"); text(t("confirm")); raw("</button>\n") }
        raw("  </form>\n")
    }

    private mutating func yesNoSelect(id: String, name: String, selected: String?) {
        raw("<select id=\""); text(id); raw("\" name=\""); text(name); raw("\"><option value=\"\"></option>")
        raw("<option value=\"yes\"\(selected == "yes" ? " selected" : "")>"); text(t("yes")); raw("</option>")
        raw("<option value=\"no\"\(selected == "no" ? " selected" : "")>"); text(t("no")); raw("</option></select>")
    }

    private mutating func choiceSelect(id: String, name: String, options: [QuestionRow.Option]) {
        raw("<select id=\""); text(id); raw("\" name=\""); text(name); raw("\"><option value=\"\"></option>")
        for option in options {
            raw("<option value=\""); text(option.value); raw(option.selected ? "\" selected>" : "\">"); text(option.label); raw("</option>")
        }
        raw("</select>")
    }

    private mutating func input(_ cell: QuestionRow.Cell, extra: String) {
        raw("<input id=\""); text(cell.id); raw("\" name=\""); text(cell.name); raw("\" value=\""); text(cell.value); raw("\"\(extra)>")
    }

    private mutating func writeTable(_ grid: QuestionRow.TableGrid) {
        raw("<div class=\"table-scroll\"><table class=\"grid\"><thead><tr><th></th>")
        for column in grid.columns {
            raw("<th scope=\"col\">"); text(column.label)
            if !column.unit.isEmpty { raw(" ("); text(column.unit); raw(")") }
            raw("</th>")
        }
        raw("</tr></thead>\n    <tbody>")
        for row in grid.rows {
            raw("<tr><th scope=\"row\">"); text(row.label); raw("</th>")
            for cell in row.cells {
                raw("<td><label class=\"visually-hidden\" for=\""); text(cell.id); raw("\">"); text(cell.label); raw("</label>\n    ")
                switch cell.kind {
                case .number: input(cell, extra: " inputmode=\"decimal\" size=\"8\"")
                case .text, .hidden: input(cell, extra: "")
                case .yesNo: yesNoSelect(id: cell.id, name: cell.name, selected: cell.value)
                case .choice(let options): choiceSelect(id: cell.id, name: cell.name, options: options)
                }
                raw("\n    </td>")
            }
            raw("</tr>")
        }
        raw("</tbody></table></div>")
    }

    private mutating func writeSeries(_ rows: [[QuestionRow.Cell]]) {
        raw("<div class=\"table-scroll\"><table class=\"grid\"><thead><tr>")
        for key in ["year", "value", "unit", "disaggregation", "source"] { raw("<th scope=\"col\">"); text(t(key)); raw("</th>") }
        raw("</tr></thead>\n    <tbody>")
        for cells in rows {
            raw("<tr>")
            for cell in cells {
                if case .hidden = cell.kind {
                    raw("<input type=\"hidden\" name=\""); text(cell.name); raw("\" value=\""); text(cell.value); raw("\">")
                    continue
                }
                raw("<td><label class=\"visually-hidden\" for=\""); text(cell.id); raw("\">"); text(cell.label); raw("</label>")
                if case .number = cell.kind { input(cell, extra: " inputmode=\"decimal\" size=\"8\"") } else { input(cell, extra: "") }
                raw("</td>")
            }
            raw("</tr>")
        }
        raw("</tbody></table></div>")
    }

    /// The answer's files, each a download link (with a remove button for who may change it), and the upload form.
    private mutating func writeFiles(_ row: QuestionRow) {
        raw("  <div class=\"files\"><p>"); text(t("attachments")); raw("</p>\n")
        if !row.files.isEmpty { raw("  <ul>") }
        for file in row.files {
            raw("<li><a href=\"/reports/\(page.reportID)/attachments/\(file.id)\">"); text(file.name); raw("</a> <span class=\"hint\">"); text(file.detail); raw("</span>")
            if row.canAttach {
                raw(" <form class=\"inline\" method=\"post\" action=\"/reports/\(page.reportID)/attachments/\(file.id)/delete\">")
                hiddenFields([("csrf", page.csrf), ("section", page.sectionID)])
                raw("<button type=\"submit\">"); text(t("detach")); raw("</button></form>")
            }
            raw("</li>")
        }
        if !row.files.isEmpty { raw("</ul>\n") }
        if row.canAttach {
            raw("  <form method=\"post\" action=\"/reports/\(page.reportID)/attachments\" enctype=\"multipart/form-data\">\n    ")
            hiddenFields([("csrf", page.csrf), ("key", row.key), ("section", page.sectionID)])
            raw("\n    <label for=\"f-"); text(row.anchor); raw("\">"); text(t("attach_file")); raw("</label> <input id=\"f-"); text(row.anchor)
            raw("\" type=\"file\" name=\"file\" required accept=\""); text(AttachmentKind.allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ","))
            raw("\">\n    <span class=\"hint\">"); text(t("attach_hint")); raw("</span>\n    <button type=\"submit\">"); text(t("attach")); raw("</button>\n  </form>\n")
        }
        raw("  </div>\n")
    }

    private mutating func writeCommentForm(_ row: QuestionRow) {
        raw("  <details><summary>"); text(t("comment")); raw("</summary>\n  <form method=\"post\" action=\"/reports/\(page.reportID)/comment\">\n    ")
        hiddenFields([("csrf", page.csrf), ("key", row.key), ("section", page.sectionID)])
        raw("\n    <label for=\"c-"); text(row.anchor); raw("\">"); text(t("comment")); raw("</label><textarea id=\"c-"); text(row.anchor)
        raw("\" name=\"body\" rows=\"2\" required></textarea>\n")
        if page.canRequestChange {
            raw("    <label class=\"check\"><input type=\"checkbox\" name=\"change\" value=\"1\"> "); text(t("request_change")); raw("</label>\n")
        }
        raw("    <button type=\"submit\">"); text(t("add_comment")); raw("</button>\n  </form>\n  </details>\n")
    }
}
