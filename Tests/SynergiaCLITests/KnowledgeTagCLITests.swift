import Foundation
import Testing
import SynergiaStore
import SynergiaTestSupport

/// Tags suggested for a document and given by hand, and the cross-lingual
/// recall they bring to search.
@Suite struct KnowledgeTagCLITests {
    let cli = CLITests()

    func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-kb-tag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test(arguments: TestDatabase.kinds)
    func suggestedTagsFindParagraphsInOtherLanguages(kind: DatabaseKind) async throws {
        try await TestDatabase.withDatabaseURL(kind) { db in
            let english = try file("en.txt", "1. Encourages Parties to achieve land degradation neutrality by 2030.\n")
            let french = try file("fr.txt", "1. Encourage les Parties à atteindre la neutralité en matière de dégradation des terres d'ici à 2030.\n")
            let chinese = try file("zh.txt", "1. 鼓励缔约方在2030年前实现土地退化零增长。\n")
            for (path, language) in [(english, "en"), (french, "fr"), (chinese, "zh")] {
                let r = try cli.run(["kb", "import", path, "--language", language, "--convention", "UNCCD"], database: db)
                #expect(r.status == 0, "\(r.stderr)")
            }
            for document in ["1", "2", "3"] {
                let tagged = try cli.run(["kb", "tag", "--document", document], database: db)
                #expect(tagged.status == 0, "\(tagged.stderr)")
                #expect(tagged.stdout.contains("land-degradation-neutrality"), "\(tagged.stdout)")
            }
            // The English words find the English paragraph; its tag finds the French and Chinese ones.
            let search = try cli.run(["kb", "search", "land degradation neutrality", "--json"], database: db)
            #expect(search.status == 0, "\(search.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
            #expect((json["hits"] as? [[String: Any]])?.compactMap { $0["language"] as? String } == ["en"])
            #expect(json["taggedTerms"] as? [String] == ["land-degradation-neutrality"])
            #expect(Set((json["tagged"] as? [[String: Any]])?.compactMap { $0["language"] as? String } ?? []) == ["fr", "zh"])
            // The French abbreviation names the same term.
            let ndt = try cli.run(["kb", "search", "NDT", "--json"], database: db)
            let ndtJSON = try #require(try JSONSerialization.jsonObject(with: Data(ndt.stdout.utf8)) as? [String: Any])
            #expect((ndtJSON["tagged"] as? [[String: Any]])?.count == 3)

            // By hand: a tag added and removed; an unknown term is refused with examples.
            let manual = try cli.run(["kb", "tag", "--paragraph", "1", "--term", "drought"], database: db)
            #expect(manual.status == 0 && manual.stdout.contains("Tagged paragraph 1 with drought"), "\(manual.stderr)")
            let drought = try cli.run(["kb", "search", "drought", "--json"], database: db)
            #expect(drought.stdout.contains("\"taggedTerms\" : [\n    \"drought\""), "\(drought.stdout.prefix(400))")
            #expect(try cli.run(["kb", "tag", "--paragraph", "1", "--term", "drought", "--remove"], database: db).status == 0)
            let unknown = try cli.run(["kb", "tag", "--paragraph", "1", "--term", "droughts"], database: db)
            #expect(unknown.status != 0 && unknown.stderr.contains("is not a thesaurus term"))
            let missing = try cli.run(["kb", "tag", "--paragraph", "99", "--term", "drought"], database: db)
            #expect(missing.status != 0 && missing.stderr.contains("paragraph 99 does not exist"))
        }
    }
}
