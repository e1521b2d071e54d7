import Foundation
import Testing
import SynergiaCore
import SynergiaKnowledge
import SynergiaStore
import SynergiaTestSupport

/// The search service gives the same hits and the same match ranges on SQLite
/// and PostgreSQL, for words whose stems both databases agree on.
@Suite struct KnowledgeSearchServiceTests {
    static let english = [
        "Ensure that areas under land degradation are restored by 2030; degraded land is a landscape problem.",
        "The restoration of degraded forests takes many years.",
        "Plans & <b>budgets</b> for restoration, R&D included.",
        "Land 土地退化 restoration in one paragraph.",
    ]
    static let chinese = ["缔约方采取措施防止土地退化，到 2030 年恢复。", "恢复湿地生态系统。"]
    static let queries = ["restored", #""land degradation""#, "degraded", "budgets", "土地退化", "湿地", "land 退化", "2030"]

    /// Each query's total and, by paragraph text, the snippet of every hit.
    func answers(_ kind: DatabaseKind) async throws -> [String: (total: Int, snippets: [String: SearchSnippet])] {
        try await TestDatabase.withStore(kind) { store in
            for (language, texts) in [(KnowledgeLanguage.en, Self.english), (.zh, Self.chinese)] {
                _ = try await store.importKnowledgeDocument(NewKnowledgeDocument(
                    kind: .decision, title: "Decision (\(language.rawValue))", language: language, contentSHA256: language.rawValue,
                    paragraphs: texts.map { NewParagraph(text: $0) }))
            }
            let texts = Dictionary(uniqueKeysWithValues: try await store.knowledgeDocuments().asyncFlatMap { document in
                try await store.knowledgeParagraphs(documentID: document.id).map { ($0.id, $0.text) }
            })
            let service = KnowledgeSearchService(store: store, thesaurus: nil)
            var answers: [String: (total: Int, snippets: [String: SearchSnippet])] = [:]
            for query in Self.queries {
                let answer = try await service.search(KnowledgeSearchInput(query: query))
                answers[query] = (answer.total, Dictionary(uniqueKeysWithValues: answer.hits.map { (texts[$0.paragraphID]!, $0.snippet) }))
            }
            return answers
        }
    }

    @Test func sameHitsAndRangesOnBothDatabases() async throws {
        let sqlite = try await answers(.sqlite)
        let phrase = try #require(sqlite[#""land degradation""#])
        #expect(phrase.total == 1)
        // Every form of the phrase's words is marked, as PostgreSQL marks them, never "landscape".
        #expect(phrase.snippets[Self.english[0]]?.matchedTexts == ["land degradation", "degraded land"])
        #expect(sqlite["budgets"]?.snippets[Self.english[2]] == SearchSnippet(text: Self.english[2], matches: [11..<18]))
        #expect(sqlite["land 退化"]?.snippets[Self.english[3]]?.matchedTexts == ["Land", "退化"])
        #expect(sqlite["restored"]?.snippets.mapValues(\.matchedTexts) == [
            Self.english[0]: ["restored"], Self.english[1]: ["restoration"], Self.english[2]: ["restoration"], Self.english[3]: ["restoration"],
        ])
        #expect(sqlite["土地退化"]?.snippets.mapValues(\.matchedTexts) == [Self.english[3]: ["土地退化"], Self.chinese[0]: ["土地退化"]])
        guard TestDatabase.kinds.contains(.postgres) else { return }
        let postgres = try await answers(.postgres)
        for query in Self.queries {
            #expect(postgres[query]?.total == sqlite[query]?.total, "\(query)")
            #expect(postgres[query]?.snippets == sqlite[query]?.snippets, "\(query)")
        }
    }
}

extension Sequence {
    func asyncFlatMap<T>(_ transform: (Element) async throws -> [T]) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result += try await transform(element) }
        return result
    }
}
