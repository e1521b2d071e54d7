import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

@Suite struct KnowledgeCLITests {
    let cli = CLITests()

    func file(_ name: String, _ contents: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-kb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    @Test(arguments: TestDatabase.kinds)
    func importSearchAndRefusals(kind: DatabaseKind) async throws {
        try await TestDatabase.withDatabaseURL(kind) { db in
            let decision = try file("decision-15-4.txt", Data("Decision 15/4\n\n1. Parties shall halt land degradation by 2030;\n\n(a) 缔约方防止土地退化；\n".utf8))
            let imported = try cli.run(["kb", "import", decision, "--symbol", "CBD/COP/DEC/15/4", "--language", "en", "--date", "2022-12-19"], database: db)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout == "Imported document 1 (CBD/COP/DEC/15/4): 3 paragraphs, en.\n")
            let again = try cli.run(["kb", "import", decision], database: db)
            #expect(again.status == 0)
            #expect(again.stdout.contains("Skipped: the same file was already imported as document 1"))

            let search = try cli.run(["kb", "search", "\"land degradation\"", "--convention", "CBD", "--json"], database: db)
            #expect(search.status == 0, "\(search.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 1)
            let hit = try #require((json["hits"] as? [[String: Any]])?.first)
            #expect(hit["label"] as? String == "1.")
            #expect(hit["symbol"] as? String == "CBD/COP/DEC/15/4")
            // Plain text and the UTF-16 range of the phrase, the same on both databases.
            let snippet = try #require(hit["snippet"] as? [String: Any])
            #expect(snippet["text"] as? String == "Parties shall halt land degradation by 2030;", "\(hit)")
            #expect(snippet["matches"] as? [[Int]] == [[19, 35]], "\(hit)")

            let table = try cli.run(["kb", "search", "退化"], database: db)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("1 matching paragraph"))
            #expect(table.stdout.contains("土地[退化]"))
            #expect(table.stdout.contains("year: 2022 1"))

            for (arguments, message) in [
                (["kb", "search", "?!"], "no word to search for"),
                (["kb", "search", "\"land degradation"], "unbalanced quotation mark"),
                (["kb", "import", try file("corrupt.pdf", Data("%PDF-1.4\nbroken".utf8))], "the PDF is damaged or not a PDF"),
                (["kb", "import", try file("big.txt", Data(repeating: 0x41, count: 1_100_000)), "--max-size", "1"],
                 "big.txt has 1.0 MB, more than the 1.0 MB limit; split it, or raise the limit with --max-size if the file is genuine"),
                (["kb", "import", try file("latin1.txt", Data([0x41, 0xE9, 0x42])), "--encoding", "utf-8"], "check the encoding given with --encoding"),
                (["kb", "import", try file("digits.txt", Data("1 2 3 4 5".utf8))], "give it with --language (en, fr, es, ru, ar or zh)"),
                (["kb", "import", try file("other.txt", Data("Other text".utf8)), "--encoding", "klingon-8"], "unknown encoding 'klingon-8'"),
                (["kb", "import", try file("bad.json", Data(#"{"format": "synergia-knowledge/1", "document": {"kind": "decision", "language": "en"}, "paragraphs": []}"#.utf8))], "document.title is missing"),
            ] {
                let refused = try cli.run(arguments, database: db)
                #expect(refused.status != 0, "\(arguments)")
                #expect(refused.stderr.contains(message), "\(refused.stderr)")
            }
            let shown = try cli.run(["kb", "show", "1"], database: db)
            #expect(shown.stdout == """
                CBD/COP/DEC/15/4 · Decision 15/4 · 2022-12-19
                [1] heading: Decision 15/4
                [2] 1. Parties shall halt land degradation by 2030;
                [3] (a) 缔约方防止土地退化；

                """)
            let missing = try cli.run(["kb", "show", "99"], database: db)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no knowledge-base document 99"))
            let html = try cli.run(["kb", "import", try file("decision", Data("<p>Parties restore wetlands.</p>".utf8)), "--format", "html", "--language", "en"], database: db)
            #expect(html.status == 0, "\(html.stderr)")

            let count = try cli.run(["kb", "search", "Parties", "--json"], database: db)
            #expect(count.stdout.contains("\"total\" : 2"), "nothing was stored by the refused imports")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func severalFilesImportSideBySideAndARefusedOneStopsNoOther(kind: DatabaseKind) async throws {
        try await TestDatabase.withDatabaseURL(kind) { db in
            let first = try file("a.txt", Data("1. Urges Parties to restore degraded land.\n".utf8))
            let second = try file("b.txt", Data("1. Invites Parties to report on wetlands.\n\n2. Decides to review progress.\n".utf8))
            let broken = try file("c.json", Data("{\"document\": ".utf8))
            let run = try cli.run(["kb", "import", first, broken, second, "--language", "en", "--jobs", "2"], database: db)
            #expect(run.status != 0)
            #expect(run.stdout.contains("\(first): Imported document") && run.stdout.contains("\(second): Imported document"), "\(run.stdout)")
            #expect(run.stderr.contains("1 of 3 files refused, nothing of them stored") && run.stderr.contains(broken), "\(run.stderr)")
            let listed = try cli.run(["kb", "search", "Parties", "--json"], database: db)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 2)
            let again = try cli.run(["kb", "import", first, second, "--json"], database: db)
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]], "\(again.stderr)")
            #expect(again.status == 0 && reports.map { $0["outcome"] as? String } == ["duplicate", "duplicate"])
            #expect(try cli.run(["kb", "import", first, second, "--symbol", "X/1"], database: db).status != 0, "a symbol names one document")
        }
    }
}
