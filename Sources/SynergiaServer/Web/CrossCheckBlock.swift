import SynergiaCore
import SynergiaReporting

/// The block "Checks across conventions" of a report page in review, approved
/// or submitted: each check that concerns the report, its outcome and links to
/// both places it reads. Warnings only; nothing here blocks a move.
enum CrossCheckBlock {
    static let shownStates: Set<ReportState> = [.inReview, .approved, .submitted]

    static func html(_ outcomes: [CrossCheckOutcome], country: String, catalog: TemplateCatalog, texts: [String: String]) -> String {
        func t(_ key: String) -> String { HTML.escape(texts[key] ?? key) }
        var html = "<section class=\"cross-checks\" id=\"cross-checks\" aria-labelledby=\"cross-checks-title\">\n"
        html += "<h2 id=\"cross-checks-title\">\(t("cross_checks"))</h2>\n"
        guard !outcomes.isEmpty else { return html + "<p class=\"hint\">\(t("cross_checks_none"))</p>\n</section>\n" }
        let warnings = outcomes.filter { $0.result == .differs }.count
        html += "<p class=\"hint\">" + (texts["cross_checks_summary"].map { HTML.escape($0.replacingOccurrences(of: "{warnings}", with: String(warnings)).replacingOccurrences(of: "{checks}", with: String(outcomes.count))) } ?? "") + "</p>\n<ul>\n"
        for outcome in outcomes {
            let status = switch outcome.result {
            case .differs: "warning"
            case .agrees: "agrees"
            case .incomplete: "incomplete"
            }
            html += "<li class=\"cross-check \(status)\"><strong>\(t("cross_check_" + status))</strong> "
            if let message = outcome.message {
                html += HTML.escape(message)
            } else {
                html += "<code>\(HTML.escape(outcome.check))</code>" + (outcome.target.map { " (\(HTML.escape($0)))" } ?? "")
            }
            html += "<br>"
            html += [outcome.left, outcome.right].map { side in
                link(side, country: country, catalog: catalog, texts: texts) + " = " + (side.text.isEmpty ? t("cross_check_no_value") : HTML.escape(side.text))
            }.joined(separator: " · ")
            if outcome.result == .differs { html += "<br><span class=\"hint\">\(t("cross_check_basis")): \(HTML.escape(outcome.basis))</span>" }
            html += "</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// A link to where a side's value lives: the question in its report (its
    /// section and anchor), the national target's page, or the workspace's series.
    static func link(_ side: CrossCheckSide, country: String, catalog: TemplateCatalog, texts: [String: String]) -> String {
        guard let place = side.places.first else { return "<code>\(HTML.escape(side.expression))</code>" }
        let label: String
        let href: String?
        switch place.kind {
        case .answer:
            let key = place.key.flatMap(AnswerKey.init) ?? AnswerKey(question: place.key ?? "")
            let template = place.template.flatMap { catalog.templates[$0] }
            let name = template?.title.english ?? place.template ?? ""
            label = "\(name): \(place.key ?? "")"
            let section = template?.questions.first { $0.question.id == (key.group ?? key.question) }?.section
            href = place.reportID.map { "/reports/\($0)" + (section.map { "?section=\($0)" } ?? "") + "#" + ReportPages.anchorID(key.description) }
            if href == nil {
                return HTML.escape(label) + " (" + HTML.escape((texts["cross_check_no_report"] ?? "").replacingOccurrences(of: "{template}", with: place.template ?? "")) + ")"
            }
        case .series:
            label = (texts["cross_check_series"] ?? "") + " " + (place.indicator ?? "") + ((place.disaggregation ?? "").isEmpty ? "" : " [\(place.disaggregation!)]")
            href = "/w/\(country)"
        case .target:
            label = (texts["cross_check_target"] ?? "") + " " + (place.targetCode ?? "")
            href = "/w/\(country)/targets/\(place.targetCode ?? "")"
        }
        return "<a href=\"\(HTML.escape(href!))\">\(HTML.escape(label))</a>"
    }
}
