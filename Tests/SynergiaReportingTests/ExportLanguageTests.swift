import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaStore
import SynergiaTestSupport
import SynergiaXLSX

/// Every export of a fully answered report, in each language: no word outside the
/// catalogue (checked with the pseudo-language), no word of another language, and
/// Arabic and Chinese printed with real fonts.
@Suite(.serialized) struct ExportLanguageTests {
    struct Exports {
        var html: String
        var csv: String
        var workbook: String
        var pdf: Data
    }

    static func exports(_ service: ReportService, reportID: Int64, language: String) async throws -> Exports {
        let html = try await service.exportHTML(reportID: reportID, language: language)
        return Exports(html: ExportTextExtraction.html(html),
                       csv: try await service.exportCSV(reportID: reportID, language: language),
                       workbook: try ExportTextExtraction.workbook(try await service.exportWorkbook(reportID: reportID, language: language)),
                       pdf: try PDFRenderer.render(html: html))
    }

    @Test(arguments: TestDatabase.kinds)
    func thePseudoLanguageShowsNoTextOutsideTheCatalogue(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ExportLanguageFixture.catalog)
            let report = try await ExportLanguageFixture.answeredReport(f)
            let service = ReportService(store: store, catalog: ExportLanguageFixture.catalog, messages: ExportLanguageFixture.pseudoMessages(f.service.messages))
            let language = ExportLanguageFixture.pseudo
            let data = ExportLanguageFixture.data(workspace: f.workspace)

            let html = try await service.exportHTML(reportID: report.id, language: language)
            #expect(ExportTextExtraction.unmarkedWords(ExportTextExtraction.html(html), data: data) == [])
            #expect(html.contains("⟦Entry 1⟧"))
            #expect(html.contains("⟦entered via ⟦the API⟧, 2"))

            let csv = try await service.exportCSV(reportID: report.id, language: language)
            #expect(ExportTextExtraction.unmarkedWords(ExportTextExtraction.csvWording(csv), data: data) == [])
            #expect(csv.hasPrefix("⟦section⟧,⟦key⟧,⟦question⟧,⟦type⟧,⟦label⟧,⟦answer⟧,⟦unit⟧,⟦concept⟧,⟦to_confirm⟧,⟦provenance⟧,⟦version⟧,⟦value_json⟧\n"))

            let pdfText = try ExportTextExtraction.pdfText(try await service.exportPDF(reportID: report.id, language: language))
            #expect(ExportTextExtraction.unmarkedWords(pdfText, data: data) == [])
            #expect(pdfText.contains("⟦National report⟧"))
        }
        // The workbook export takes the six languages only: it is checked below in each of them,
        // and here its words must all come from the catalogue keys it is given.
    }

    @Test(arguments: TestDatabase.kinds)
    func eachLanguageShowsNoTextOfAnother(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ExportLanguageFixture.catalog)
            let report = try await ExportLanguageFixture.answeredReport(f)
            let template = try ExportLanguageFixture.catalog.template("i18n")
            let data = ExportLanguageFixture.data(workspace: f.workspace)
            let keys = f.service.messages.keys.filter { $0.hasPrefix("export.") || $0.hasPrefix("workbook.") || $0.hasPrefix("web.state_") || $0 == "yes" || $0 == "no" }
            let texts = keys.compactMap { f.service.messages.localizedText($0) } + ExportTextExtraction.texts(of: template)
            for language in LocalizedText.languages {
                let exports = try await Self.exports(f.service, reportID: report.id, language: language)
                let own = texts.map { $0.text(language) }.joined(separator: "\n") + "\n" + data.joined(separator: "\n")
                let foreign = Set(LocalizedText.languages.filter { $0 != language }.flatMap { other in
                    texts.flatMap { ExportTextExtraction.segments($0.text(other)) }
                }).filter { !own.contains($0) }
                let pdfText = try ExportTextExtraction.pdfText(exports.pdf)
                for (name, text) in [("HTML", exports.html), ("CSV", ExportTextExtraction.csvWording(exports.csv)), ("XLSX", exports.workbook), ("PDF", pdfText)] {
                    let found = foreign.filter { text.contains($0) }.sorted()
                    #expect(found == [], "\(name) in \(language) holds text of another language: \(found)")
                }
                #expect(exports.html.contains(template.title.text(language)))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func numbersDatesAndWordsAreThoseOfTheLanguage(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ExportLanguageFixture.catalog)
            let report = try await ExportLanguageFixture.answeredReport(f)
            let french = try await f.service.exportHTML(reportID: report.id, language: "fr")
            #expect(french.contains("<td class=\"number\"><bdi>1\u{202F}234\u{202F}567,5</bdi></td>"))
            #expect(french.contains("<div class=\"answer\">37,5</div>"))
            #expect(french.contains("<div class=\"answer\">15 mars 2024</div>"))
            #expect(french.contains("<div class=\"answer\">Oui</div>"))
            #expect(french.contains("<div class=\"answer\">Agriculture; autre : Fisheries</div>"))
            #expect(french.contains("<tr><th>Année</th><th>Valeur</th><th>Unité</th><th>Ventilation</th><th>Source</th></tr>"))
            #expect(french.contains("<div class=\"completeness\">7 sur 7 avec réponse</div>"))
            #expect(french.contains(" · Projet</div>"))
            #expect(french.contains("Entrée 1 Mesure prise"))

            let russian = try await f.service.exportCSV(reportID: report.id, language: "ru")
            #expect(russian.hasPrefix("раздел,ключ,вопрос,тип,подпись,ответ,единица,понятие,требует_подтверждения,происхождение,версия,значение_json\n"))
            #expect(russian.contains(",\"Леса: Площадь: 1\u{00A0}234\u{00A0}567,5\","))
            #expect(russian.contains("\"2020: 16,5 percent; 2024: 17,25 percent\""))

            let arabic = try await f.service.exportHTML(reportID: report.id, language: "ar")
            #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.contains("<td class=\"number\"><bdi>1,234,567.5</bdi></td>"))
            #expect(arabic.contains("<div class=\"answer\">15 آذار/مارس 2024</div>"))
            #expect(arabic.contains("أُدخل عبر <bdi>واجهة البرمجة</bdi>، <bdi>"))
            #expect(!arabic.contains("margin-left") && arabic.contains("margin-inline-start"))

            let chinese = try await f.service.exportWorkbook(reportID: report.id, language: "zh")
            let sheets = try XLSXReader.read(chinese).sheets.filter { $0.visibility == .visible }
            #expect(sheets.map(\.name) == ["概况", "数据"])
            #expect(sheets[0]["B6"] == .string("是"))
            #expect(sheets[0]["C5"] == .string("percent [0–100]"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func arabicAndChinesePDFsEmbedFontsOfTheirScripts(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let f = try await ReportFixture.make(store, catalog: ExportLanguageFixture.catalog)
            let report = try await ExportLanguageFixture.answeredReport(f)
            for (language, fontName, word) in [("ar", "Arabic", "التقرير"), ("zh", "WenQuanYi", "国家报告")] {
                let pdf = try await f.service.exportPDF(reportID: report.id, language: language)
                let fonts = try ExportTextExtraction.run("pdffonts", pdf)
                let embedded = fonts.split(separator: "\n").filter { $0.contains(fontName) && $0.contains(" yes ") }
                #expect(!embedded.isEmpty, "no embedded \(fontName) font in the \(language) PDF:\n\(fonts)")
                let text = try ExportTextExtraction.pdfText(pdf).precomposedStringWithCompatibilityMapping
                #expect(text.contains(word), "the \(language) PDF does not give back \(word)")
            }
        }
    }
}
