import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
@testable import SynergiaKnowledge

@Suite struct KnowledgeImportTests {
    func write(_ data: Data, _ name: String) throws -> URL {
        let url = try TestFiles.folder().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func read(_ data: Data, _ name: String, _ options: KnowledgeImportOptions = .init()) throws -> NewKnowledgeDocument {
        try KnowledgeImporter.read(try write(data, name), options: options)
    }

    func refusal(_ data: Data, _ name: String, _ options: KnowledgeImportOptions = .init()) -> String? {
        do {
            _ = try read(data, name, options)
            return nil
        } catch {
            return (error as? DomainError)?.message ?? (error as? KnowledgeImportError)?.description ?? "not a refusal: \(error)"
        }
    }

    static let gb18030: [UInt8] = [ // 第 X/2 号决定第 5 段：请缔约方防止土地退化。
        181, 218, 32, 88, 47, 50, 32, 186, 197, 190, 246, 182, 168, 181, 218, 32, 53, 32, 182, 206, 163, 186, 199, 235, 181,
        222, 212, 188, 183, 189, 183, 192, 214, 185, 205, 193, 181, 216, 205, 203, 187, 175, 161, 163,
    ]

    @Test func plainTextInUTF8WithBOMAndUTF16() throws {
        let text = "Decision XI/16\n\n1. Welcomes the report;\n\n(a) Restore land;\n"
        let withBOM = try read(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), "decision.txt", .init(metadata: .init(symbol: "decision xi/16")))
        #expect(withBOM.paragraphs == [
            NewParagraph(kind: .heading, text: "Decision XI/16"),
            NewParagraph(label: "1.", text: "Welcomes the report;"),
            NewParagraph(label: "(a)", text: "Restore land;"),
        ])
        #expect(withBOM.symbol == "XI/16")
        #expect(withBOM.kind == .decision)
        #expect(withBOM.language == .en)
        #expect(withBOM.title == "Decision XI/16")
        #expect(withBOM.contentSHA256.count == 64)
        let utf16 = try read(text.data(using: .utf16LittleEndian).map { Data([0xFF, 0xFE]) + $0 }!, "decision.txt")
        #expect(utf16.paragraphs == withBOM.paragraphs)
    }

    @Test func gb18030IsDetectedOrGiven() throws {
        let detected = try read(Data(Self.gb18030), "decision-zh.txt")
        #expect(detected.paragraphs == [NewParagraph(label: "第 X/2 号决定第 5 段", text: "请缔约方防止土地退化。")])
        #expect(detected.language == .zh)
        let given = try read(Data(Self.gb18030), "decision-zh.txt", .init(encoding: "gb18030"))
        #expect(given.paragraphs == detected.paragraphs)
    }

    @Test func unknownAndUndecodableEncodingsAreRefused() {
        #expect(refusal(Data("land".utf8), "a.txt", .init(encoding: "klingon-8"))?.contains("unknown encoding 'klingon-8'") == true)
        #expect(refusal(Data([0x41, 0x80, 0x80, 0xFF, 0x41]), "a.txt")?.contains("encoding is not recognised") == true)
        #expect(refusal(Data([0x41, 0xE9, 0x42]), "a.txt", .init(encoding: "utf-8"))?.contains("not valid utf-8 text") == true)
        #expect(refusal(Data([0x41, 0x00, 0x42, 0x00, 0x00]), "a.txt")?.contains("binary data") == true)
    }

    @Test func htmlHeadingsParagraphsFootnotesAndEntities() throws {
        let html = """
            <html><head><meta charset="utf-8"><title>D&eacute;cision 15/4</title><style>p { color: red }</style></head>
            <body><h2>A. Cadre mondial</h2><p>1. Adopte le cadre &amp; ses <b>annexes</b>&nbsp;;</p>
            <script>var x = "<p>not text</p>";</script><!-- a comment <p>hidden</p> -->
            <div class="footnote">3 Voir la d&#233;cision XIV/30.</div></body></html>
            """
        let document = try read(Data(html.utf8), "decision.html", .init(metadata: .init(convention: "cbd")))
        #expect(document.title == "Décision 15/4")
        #expect(document.language == .fr)
        #expect(document.convention == "CBD")
        #expect(document.paragraphs == [
            NewParagraph(label: "A.", kind: .heading, text: "Cadre mondial"),
            NewParagraph(label: "1.", text: "Adopte le cadre & ses annexes ;"),
            NewParagraph(label: "3", kind: .footnote, text: "Voir la décision XIV/30."),
        ])
    }

    @Test func docxParagraphsHeadingsAndFootnotes() throws {
        let data = try TestFiles.docx(
            paragraphs: [("Heading1", "Decision 15/4"), (nil, "1. Adopts the framework;"), (nil, "(a) Restore 30 per cent;"), (nil, "")],
            footnotes: [(1, "See decision XIV/30.")])
        let document = try read(data, "decision.docx", .init(metadata: .init(symbol: "CBD/COP/DEC/15/4", date: "2022-12-19")))
        #expect(document.paragraphs == [
            NewParagraph(kind: .heading, text: "Decision 15/4"),
            NewParagraph(label: "1.", text: "Adopts the framework;"),
            NewParagraph(label: "(a)", text: "Restore 30 per cent;"),
            NewParagraph(label: "1", kind: .footnote, text: "See decision XIV/30."),
        ])
        #expect(document.convention == "CBD")
        #expect(document.body == "COP")
        #expect(document.meeting == Meeting(convention: "CBD", body: "COP", session: 15))
        #expect(refusal(Data("PK\u{03}\u{04}broken".utf8), "broken.docx")?.contains("DOCX file is damaged") == true)
    }

    @Test func pdfKeepsPagesNumberingAndFootnotes() throws {
        let pdf = TestFiles.pdf(pages: [
            ["Decision 15/4", "", "1. Welcomes the report on land", "degradation and restoration;", "", "(a) To restore wetlands;", "", "12 See decision XIV/30."],
            ["2. Requests the Executive Secretary;", "", "Page 2"],
        ])
        let document = try read(pdf, "decision.pdf", .init(metadata: .init(language: .en)))
        #expect(document.paragraphs == [
            NewParagraph(kind: .heading, page: 1, text: "Decision 15/4"),
            NewParagraph(label: "1.", page: 1, text: "Welcomes the report on land degradation and restoration;"),
            NewParagraph(label: "(a)", page: 1, text: "To restore wetlands;"),
            NewParagraph(label: "12", kind: .footnote, page: 1, text: "See decision XIV/30."),
            NewParagraph(label: "2.", page: 2, text: "Requests the Executive Secretary;"),
        ])
    }

    @Test func badPDFsAreRefusedWithTheReason() {
        #expect(refusal(Data("%PDF-1.4\nthis is not really a pdf\n".utf8), "corrupt.pdf")?.contains("the PDF is damaged or not a PDF") == true)
        #expect(refusal(TestFiles.pdf(pages: [["Secret text"]], encrypted: true), "protected.pdf")?.contains("password-protected") == true)
        #expect(refusal(TestFiles.pdf(pages: [[]]), "scan.pdf")?.contains("no text layer (it is probably a scan); OCR is not offered") == true)
    }

    /// The refusal carries the facts; the CLI names its flag (KnowledgeCLITests).
    @Test func oversizedFilesAreRefusedBeforeReading() throws {
        let message = refusal(Data(repeating: 0x41, count: 2_000_000), "big.txt", .init(maximumBytes: 1_048_576))
        #expect(message == "big.txt has 1.9 MB, more than the 1.0 MB limit; split it, or raise the limit if the file is genuine")
        #expect(throws: KnowledgeImportError.tooLarge(fileName: "big.txt", bytes: 2_000_000, limit: 1_048_576)) {
            try read(Data(repeating: 0x41, count: 2_000_000), "big.txt", .init(maximumBytes: 1_048_576))
        }
    }

    @Test func refusalsAnOptionFixesNameTheOptionNotAFlag() throws {
        let cases: [(KnowledgeImportError, KnowledgeImportOption)] = [
            (.tooLarge(fileName: "a.txt", bytes: 2, limit: 1), .maximumSize), (.encodingNotRecognised, .encoding),
            (.unknownEncoding(name: "x"), .encoding), (.undecodableBytes(encoding: "utf-8", offset: 1), .encoding),
            (.languageUnknown(fileName: "a.txt"), .language),
        ]
        for (error, option) in cases {
            #expect(error.option == option)
            #expect(!error.description.contains("--"), "\(error)")
        }
        #expect(throws: KnowledgeImportError.undecodableBytes(encoding: "utf-8", offset: 1)) {
            try read(Data([0x41, 0xE9, 0x42]), "a.txt", .init(encoding: "utf-8"))
        }
        #expect(throws: KnowledgeImportError.languageUnknown(fileName: "digits.txt")) { try read(Data("1 2 3 4 5".utf8), "digits.txt") }
    }

    static let interchange = """
        {"format": "synergia-knowledge/1",
         "document": {"kind": "decision", "symbol": "CBD/COP/DEC/15/4", "title": "Kunming-Montreal Global Biodiversity Framework",
                      "date": "2022-12-19", "status": "adopted", "language": "en", "source": "https://www.cbd.int/doc/decisions/cop-15/cop-15-dec-04-en.pdf",
                      "meeting": {"convention": "CBD", "body": "COP", "session": 15, "place": "Montreal", "start_date": "2022-12-07", "end_date": "2022-12-19"}},
         "paragraphs": [{"label": "1.", "kind": "paragraph", "page": 1, "text": "Adopts the framework;"},
                        {"kind": "footnote", "label": "1", "text": "See annex."},
                        {"text": "Adopte le \\u0000cadre\\ue000 ;", "language": "fr"}]}
        """

    @Test func interchangeJSONIsReadWhole() throws {
        let document = try read(Data(Self.interchange.utf8), "decision.json")
        #expect(document.meeting?.place == "Montreal")
        #expect(document.convention == "CBD")
        #expect(document.status == "adopted")
        #expect(document.paragraphs == [
            NewParagraph(label: "1.", page: 1, text: "Adopts the framework;"),
            NewParagraph(label: "1", kind: .footnote, text: "See annex."),
            NewParagraph(text: "Adopte le cadre ;", language: .fr),
        ])
    }

    @Test(arguments: [
        (#""text": "See annex.""#, #""txt": "See annex.""#, "paragraphs[1].text is missing"),
        (#""kind": "decision""#, #""kind": "memo""#, "document.kind: unknown document kind 'memo'"),
        (#""session": 15"#, #""session": "fifteen""#, "document.meeting.session should be a whole number"),
        (#""date": "2022-12-19""#, #""date": "19/12/2022""#, "document.date: the date '19/12/2022' is not a date"),
        (#""format": "synergia-knowledge/1""#, #""format": "other/2""#, "format: 'other/2' is not supported"),
        (#""language": "fr"}"#, #""language": "de"}"#, "paragraphs[2].language: unknown language 'de'"),
        (#""page": 1, "text""#, #""page": 0, "text""#, "paragraphs[0].page is 0; pages are numbered from 1"),
        (#""text": "See annex.""#, #""text": " \u0000 ""#, "paragraphs[1].text is empty"),
        ("]}", "]", "not valid JSON"),
    ])
    func malformedInterchangeNamesTheField(original: String, replacement: String, expected: String) {
        let broken = Self.interchange.replacingOccurrences(of: original, with: replacement)
        #expect(broken != Self.interchange)
        let message = refusal(Data(broken.utf8), "broken.json")
        #expect(message?.hasPrefix("the interchange file is malformed: ") == true)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test(arguments: TestDatabase.kinds)
    func importStoresOnceAndRefusedFilesStoreNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let importer = KnowledgeImporter(store: store)
            let json = try write(Data(Self.interchange.utf8), "decision.json")
            guard case .imported(let stored) = try await importer.importFile(json, options: .init()) else {
                Issue.record("not imported")
                return
            }
            #expect(stored.paragraphCount == 3)
            #expect(try await store.knowledgeParagraphs(documentID: stored.id).map(\.language) == [.en, .en, .fr])
            #expect(try await importer.importFile(json, options: .init()) == .duplicate(of: stored))

            let refused = [
                try write(Data("%PDF-1.4\nbroken".utf8), "corrupt.pdf"),
                try write(TestFiles.pdf(pages: [[]]), "scan.pdf"),
                try write(TestFiles.pdf(pages: [["Secret text"]], encrypted: true), "protected.pdf"),
                try write(Data(Self.interchange.replacingOccurrences(of: "\"text\": \"See annex.\"", with: "\"text\": 3").utf8), "bad.json"),
            ]
            for url in refused {
                await #expect(throws: DomainError.self) { try await importer.importFile(url, options: .init()) }
            }
            let undecodable = try write(Data([0x41, 0x80, 0x80, 0xFF, 0x41]), "undecodable.txt")
            await #expect(throws: KnowledgeImportError.encodingNotRecognised) { try await importer.importFile(undecodable, options: .init()) }
            let oversized = try write(Data(repeating: 0x41, count: 2_000), "big.txt")
            await #expect(throws: KnowledgeImportError.tooLarge(fileName: "big.txt", bytes: 2_000, limit: 1_000)) {
                try await importer.importFile(oversized, options: .init(maximumBytes: 1_000))
            }
            #expect(try await store.knowledgeDocuments().map(\.id) == [stored.id])
        }
    }
}
