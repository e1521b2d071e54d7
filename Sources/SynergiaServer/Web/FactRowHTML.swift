import SynergiaCore
import SynergiaReporting

extension QuestionRow {
    /// How an answer to a concept question stands with the register of facts.
    struct FactState {
        /// The report keeps its own value.
        var local: Bool
        /// The register changed since the report went to review: accept or keep.
        var changed: Bool
        /// The register's value in words, and its version (what accepting takes).
        var registerText: String
        var registerVersion: Int
        /// Whether the person may decide, and whether accepting is possible (the report allows edits).
        var canDecide: Bool
        var canAccept: Bool
    }
}

/// The register's parts of a question row: the notice "changed since you
/// reviewed" with accept and keep, the mark of a value kept for the report,
/// and the checkbox "keep for this report only" in the answer form.
enum FactRowHTML {
    static func notice(_ fact: QuestionRow.FactState, row: QuestionRow, page: QuestionRowHTML.Page) -> String {
        func t(_ key: String) -> String { HTML.escape(page.texts[key] ?? "") }
        if fact.local {
            return "  <p class=\"fact-local\"><span class=\"badge\">\(t("fact_local"))</span> \(t("fact_local_register")) <strong>\(HTML.escape(fact.registerText))</strong></p>\n"
        }
        guard fact.changed else { return "" }
        var html = "  <div class=\"fact-notice\" role=\"status\"><p>\(t("fact_changed_notice")) <strong>\(HTML.escape(fact.registerText))</strong>"
        html += " <span class=\"badge\">\(t("fact_version")) \(fact.registerVersion)</span></p>\n"
        if fact.canDecide {
            html += "  <form method=\"post\" action=\"/reports/\(page.reportID)/fact-notice\">"
            for (name, value) in [("csrf", page.csrf), ("key", row.key), ("version", String(fact.registerVersion)), ("section", page.sectionID)] {
                html += "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTML.escape(value))\">"
            }
            if fact.canAccept {
                html += "<button type=\"submit\" name=\"decision\" value=\"accept\">\(t("fact_accept"))</button> "
            }
            html += "<button type=\"submit\" name=\"decision\" value=\"keep\">\(t("fact_keep"))</button></form>\n"
            if !fact.canAccept { html += "  <p class=\"hint\">\(t("fact_reopen_to_accept"))</p>\n" }
        }
        return html + "  </div>\n"
    }

    static func keepLocalBox(_ fact: QuestionRow.FactState, row: QuestionRow, page: QuestionRowHTML.Page) -> String {
        "\n    <label class=\"check\"><input type=\"checkbox\" name=\"keep_local\" value=\"1\"\(fact.local ? " checked" : "")> \(HTML.escape(page.texts["fact_keep_local"] ?? ""))</label>"
    }
}
