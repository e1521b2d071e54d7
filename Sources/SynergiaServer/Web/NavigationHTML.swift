import SynergiaReporting

/// The two lists every report page repeats, written out in Swift for the same
/// reason as `QuestionRowHTML`: the template engine's per-tag lookups cost more
/// than the lists' content. Every value goes through `HTML.escape` (SynergiaReporting).
enum NavigationHTML {
    struct Language { var code: String; var name: String; var href: String; var current: Bool }
    struct Section { var id: String; var title: String; var answered: Int; var expected: Int; var current: Bool }

    /// The language switcher of the layout: the current language in bold, the others as links.
    /// Each name carries its own direction, so العربية reads right to left on an English page and
    /// English left to right on an Arabic one.
    static func languages(_ languages: [Language]) -> String {
        var html = ""
        for language in languages {
            let code = HTML.escape(language.code), name = HTML.escape(language.name)
            let direction = Localizer.rightToLeft.contains(language.code) ? "rtl" : "ltr"
            html += language.current ? "<strong lang=\"\(code)\" dir=\"\(direction)\">\(name)</strong> "
                                     : "<a lang=\"\(code)\" dir=\"\(direction)\" href=\"\(HTML.escape(language.href))\">\(name)</a> "
        }
        return html
    }

    /// The report's sections with how many of their questions are answered.
    static func sections(_ sections: [Section], reportID: Int64) -> String {
        var html = ""
        for section in sections {
            let complete = section.expected > 0 && section.answered >= section.expected
            html += "<li\(section.current ? " class=\"current\"" : "")><a href=\"/reports/\(reportID)?section=\(HTML.escape(section.id))\""
            html += "\(section.current ? " aria-current=\"page\"" : "")>\(HTML.escape(section.title))</a> "
            html += "<span class=\"completeness\(complete ? " complete" : "")\" dir=\"ltr\">\(section.answered)/\(section.expected)</span></li>"
        }
        return html
    }
}
