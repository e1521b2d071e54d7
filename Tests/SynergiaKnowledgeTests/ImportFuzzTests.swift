import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
@testable import SynergiaKnowledge

/// Damaged text, HTML, DOCX and interchange files: each is read or refused with a
/// DomainError, never a crash, and a refused file leaves the knowledge base as it was.
@Suite struct KnowledgeImportFuzzTests {
    static func seeds() throws -> [(name: String, data: Data)] {
        [("decision.txt", Data("Decision 15/4\n\n1. Adopts the framework;\n\n(a) Restore land;\n".utf8)),
         ("decision.html", Data("<html><head><title>Decision 15/4</title></head><body><h1>Decision 15/4</h1><p>1. Adopts the framework;</p><p class=\"footnote\">1 See annex.</p></body></html>".utf8)),
         ("decision.docx", try TestFiles.docx(paragraphs: [("Heading1", "Decision 15/4"), (nil, "1. Adopts the framework;")], footnotes: [(1, "See annex.")])),
         ("decision.json", Data(KnowledgeImportTests.interchange.utf8))]
    }

    func write(_ data: Data, _ name: String) throws -> URL {
        let url = try TestFiles.folder().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func mutatedFilesAreReadOrRefusedWithAMessage() throws {
        let seeds = try Self.seeds()
        var random = SeededRandom(seed: 0xCB0F)
        var read = 0, refused = 0
        for round in 0..<160 {
            let seed = seeds[round % seeds.count]
            let mutation = FuzzMutation.allCases[round / seeds.count % FuzzMutation.allCases.count]
            let url = try write(mutation.apply(seed.data, &random), seed.name)
            defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
            do {
                _ = try KnowledgeImporter.read(url, options: .init(metadata: .init(language: .en)))
                read += 1
            } catch let error as DomainError {
                #expect(!error.message.isEmpty)
                #expect(!error.message.contains(url.deletingLastPathComponent().path), "\(error.message)")
                refused += 1
            } catch let error as KnowledgeImportError {
                #expect(!error.description.contains(url.deletingLastPathComponent().path), "\(error)")
                refused += 1
            }
        }
        #expect(read > 0 && refused > 0)
    }

    @Test func fiftyThousandLevelsOfNestingAreHandled() throws {
        let deep = 50_000
        let json = "{\"format\": " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "}"
        // Foundation's decoder stops at 512 levels with an error, not a crash.
        let refusal = #expect(throws: DomainError.self) {
            _ = try KnowledgeImporter.read(try write(Data(json.utf8), "deep.json"), options: .init())
        }
        #expect(refusal?.message.hasPrefix("the interchange file is malformed: it is not valid JSON") == true)
        let html = "<html><body>" + String(repeating: "<div>", count: deep) + "Adopts the framework." + String(repeating: "</div>", count: deep) + "</body></html>"
        #expect(try KnowledgeImporter.read(try write(Data(html.utf8), "deep.html"), options: .init(metadata: .init(language: .en))).paragraphs.map(\.text) == ["Adopts the framework."])
        let docx = try TestFiles.docx(paragraphs: [(nil, String(repeating: "<w:r>", count: deep) + "x" + String(repeating: "</w:r>", count: deep))], footnotes: [])
        #expect(throws: DomainError.invalid("the DOCX part word/document.xml nests elements more than 256 deep, which Word never does; open the document in Word or LibreOffice and save it again")) {
            _ = try KnowledgeImporter.read(try write(docx, "deep.docx"), options: .init())
        }
    }

    @Test func manyHeadsWithoutTitleAreReadInLinearTime() throws {
        // Each head once searched the whole rest of the page for a title.
        let html = String(repeating: "<head></head>", count: 40_000) + "<p>Adopts the framework.</p>"
        let document = try KnowledgeImporter.read(try write(Data(html.utf8), "heads.html"), options: .init(metadata: .init(language: .en)))
        #expect(document.paragraphs.map(\.text) == ["Adopts the framework."])
    }

    @Test(arguments: TestDatabase.kinds)
    func refusedFilesLeaveTheKnowledgeBaseUnchanged(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let importer = KnowledgeImporter(store: store)
            let seeds = try Self.seeds()
            var random = SeededRandom(seed: 0xDB5)
            var refused = 0
            func state() async throws -> [String] {
                var rows: [String] = []
                for document in try await store.knowledgeDocuments() {
                    let paragraphs = try await store.knowledgeParagraphs(documentID: document.id).map(\.text)
                    rows.append("\(document.id) \(document.contentSHA256) \(paragraphs.joined(separator: "|"))")
                }
                return rows
            }
            for round in 0..<48 {
                let seed = seeds[round % seeds.count]
                let mutation = FuzzMutation.allCases[round / seeds.count % FuzzMutation.allCases.count]
                let url = try write(mutation.apply(seed.data, &random), seed.name)
                defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
                let before = try await state()
                do {
                    _ = try await importer.importFile(url, options: .init(metadata: .init(language: .en)))
                } catch is DomainError {
                    refused += 1
                    #expect(try await state() == before)
                } catch is KnowledgeImportError {
                    refused += 1
                    #expect(try await state() == before)
                }
            }
            #expect(refused > 0)
        }
    }
}
