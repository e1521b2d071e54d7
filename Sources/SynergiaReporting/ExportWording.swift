import Foundation
import SynergiaCore
import SynergiaReference

/// Every word an export prints beside the answers, in one language: the
/// catalogue's texts (data/locales/messages.yaml) with their `{name}` parts
/// filled in, and the language's numbers and dates (`LocaleFormat`).
/// The HTML, PDF, CSV and workbook exports write no text of their own.
public struct ExportWording: Sendable {
    public let messages: Messages
    public let language: String
    public let format: LocaleFormat

    public init(messages: Messages, language: String) {
        self.messages = messages
        self.language = language
        format = LocaleFormat(language: language)
    }

    /// The catalogue text of `key` with each `{name}` replaced by `values[name]`.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        fill(key, values, literal: { $0 }, value: { $0 })
    }

    /// The same text for an HTML page, escaped; in a right-to-left language each
    /// filled-in value is isolated in `<bdi>`, so codes and numbers keep their own direction.
    public func html(_ key: String, _ values: [String: String] = [:]) -> String {
        guard isRightToLeft else { return HTML.escape(text(key, values)) }
        return fill(key, values, literal: HTML.escape, value: { "<bdi>" + HTML.escape($0) + "</bdi>" })
    }

    public var isRightToLeft: Bool { format.language == "ar" }

    /// Fills the parts in one pass, so a value that itself holds `{…}` stays as typed.
    private func fill(_ key: String, _ values: [String: String], literal: (String) -> String, value: (String) -> String) -> String {
        let template = messages.text(key, language)
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            out += literal(String(rest[..<open]))
            out += values[name].map(value) ?? literal("{" + name + "}")
            rest = rest[rest.index(after: close)...]
        }
        return out + literal(String(rest))
    }

    public func yesNo(_ flag: Bool) -> String { messages.text(flag ? "yes" : "no", language) }

    /// The name of a report state, as the pages write it.
    public func state(_ state: ReportState) -> String { messages.text("web.state_" + state.rawValue, language) }

    /// The column titles of indicator data: year, value, unit, disaggregation, source.
    public var dataColumns: [String] { messages.text("workbook.data_columns", language).split(separator: "|").map(String.init) }

    /// Where an answer came from, as one line.
    public func provenance(_ provenance: AnswerProvenance, html: Bool = false) -> String {
        let (key, values) = provenanceParts(provenance)
        return html ? self.html(key, values) : text(key, values)
    }

    func provenanceParts(_ provenance: AnswerProvenance) -> (String, [String: String]) {
        var values = ["date": format.date(provenance.at), "channel": text("export.channel." + provenance.channel.rawValue)]
        values["template"] = provenance.sourceTemplateID
        values["indicator"] = provenance.sourceIndicator
        values["target"] = provenance.sourceTarget
        values["engine"] = provenance.sourceEngine
        values["run"] = provenance.sourceRunID.map(String.init)
        values["report"] = provenance.sourceReportID.map(String.init)
        values["version"] = provenance.sourceTemplateVersion.map(String.init)
        switch provenance.kind {
        case .prefilled:
            switch provenance.origin {
            case .report?: return ("export.prov.report", values)
            case .series?: return (provenance.sourceRunID == nil ? "export.prov.series" : "export.prov.series_run", values)
            case .nationalTarget?: return ("export.prov.target", values)
            case .previousCycle?: return ("export.prov.previous_cycle", values)
            case .run?: return ("export.prov.run", values)
            case .register?: return (provenance.sourceReportID == nil ? "export.prov.register" : "export.prov.register_report", values)
            case nil: return ("export.prov.prefilled", values)
            }
        case .imported: return ("export.prov.imported", values)
        case .confirmed: return ("export.prov.confirmed", values)
        case .migrated: return ("export.prov.migrated", values)
        case .entered where provenance.origin == .register:
            return (provenance.sourceReportID == nil ? "export.prov.register_entered" : "export.prov.register_entered_report", values)
        case .entered: return ("export.prov.entered", values)
        }
    }

    /// A decision paragraph an answer addresses: `CBD/COP/DEC/15/4 para. 2 (in progress)`.
    public func decision(_ citation: DecisionCitation) -> String {
        let paragraph = citation.label.map { text("export.paragraph", ["label": $0.trimmingCharacters(in: CharacterSet(charactersIn: ". "))]) }
        return [citation.symbol, paragraph].compactMap { $0 }.joined(separator: " ")
            + " (" + text("export.decision_status." + citation.status.rawValue) + ")"
    }

    /// A file an answer carries: name, type, size and checksum.
    public func attachment(_ file: AttachedFile) -> String {
        text("export.attachment", ["name": file.name, "type": file.type, "size": format.integer(file.size), "sha256": file.sha256])
    }
}
