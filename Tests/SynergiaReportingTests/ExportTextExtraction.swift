import Foundation
import SynergiaCore
import SynergiaXLSX

/// The text a reader sees in each kind of export, for the language tests.
enum ExportTextExtraction {
    static func html(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The words of a report CSV: its header and the label, answer, to-confirm and provenance
    /// columns (the others hold codes, numbers and JSON).
    static func csvWording(_ csv: String) -> String {
        let rows = parseCSV(csv)
        return ([rows.first ?? []] + rows.dropFirst().map { row in [4, 5, 8, 9].compactMap { $0 < row.count ? row[$0] : nil } })
            .map { $0.joined(separator: "\n") }.joined(separator: "\n")
    }

    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Sheet names, string cells, and drop-down and message texts of the visible sheets.
    static func workbook(_ data: Data) throws -> String {
        var parts: [String] = []
        for sheet in try XLSXReader.read(data).sheets where sheet.visibility == .visible {
            parts.append(sheet.name)
            parts += sheet.nonEmptyCells.compactMap(\.value.stringValue)
            for validation in sheet.validations {
                parts += [validation.prompt, validation.error, validation.promptTitle, validation.errorTitle].compactMap { $0 }
                if case .list(let items) = validation.kind { parts += items }
            }
        }
        return parts.joined(separator: "\n")
    }

    static func pdfText(_ pdf: Data) throws -> String { try run("pdftotext", pdf, output: "-") }

    /// Runs a poppler tool on the PDF and returns what it prints.
    static func run(_ tool: String, _ pdf: Data, output: String? = nil) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-export-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = [file.path] + (output.map { [$0] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The words left once the marked texts ⟦…⟧ and the data are taken out.
    static func unmarkedWords(_ text: String, data: [String]) -> [String] {
        var outside = ""
        var depth = 0
        for character in text {
            if character == "⟦" { depth += 1; outside.append(" ") }
            else if character == "⟧" { depth = max(0, depth - 1); outside.append(" ") }
            else if depth == 0 { outside.append(character) }
        }
        for value in data.sorted(by: { $0.count > $1.count }) { outside = outside.replacingOccurrences(of: value, with: " ") }
        return outside.split { !$0.isLetter }.map(String.init)
    }

    /// The pieces of a catalogue or template text between its `{…}` parts and `|`
    /// separators, of four letters or more: long enough to belong to one language.
    static func segments(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\\{[^}]*\\}", with: "|", options: .regularExpression)
            .split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
            .filter { $0.filter(\.isLetter).count >= 4 }
    }

    /// Every label of a template: title, sections, questions, choices, rows and columns.
    static func texts(of template: ReportTemplate) -> [LocalizedText] {
        func question(_ q: Question) -> [LocalizedText] {
            [q.label] + q.choices.map(\.label) + q.rows.map(\.label) + q.columns.map(\.label) + q.children.flatMap(question)
        }
        func section(_ s: TemplateSection) -> [LocalizedText] { [s.title] + s.questions.flatMap(question) + s.sections.flatMap(section) }
        return [template.title] + template.sections.flatMap(section)
    }
}
