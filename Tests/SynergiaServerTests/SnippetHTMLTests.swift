import Foundation
import Hummingbird
import HummingbirdTesting
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing
@testable import SynergiaServer

/// The web marks a snippet's match ranges and escapes everything else.
@Suite struct SnippetHTMLTests {
    @Test func exactlyTheRangesAreMarkedAndEveryCharacterEscaped() {
        let snippet = SearchSnippet(text: "<script>alert('x')</script> & restoration plans", matches: [30..<41, 42..<47])
        #expect(SnippetHTML.html(snippet) == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>restoration</mark> <mark>plans</mark>")
        // A match holding < or & is escaped inside its mark.
        #expect(SnippetHTML.html(SearchSnippet(text: "R&D <b> funds", matches: [0..<3, 4..<7])) == "<mark>R&amp;D</mark> <mark>&lt;b&gt;</mark> funds")
        #expect(SnippetHTML.html(SearchSnippet(text: "a < b")) == "a &lt; b")
    }

    @Test(arguments: TestDatabase.kinds)
    func theSearchPageMarksTheRangesTheServiceFound(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let text = "Plans & <b>budgets</b> for restoration."
            _ = try await app.store.importKnowledgeDocument(NewKnowledgeDocument(
                kind: .decision, title: "Budgets", language: .en, contentSHA256: String(repeating: "d", count: 64), paragraphs: [NewParagraph(text: text)]))
            var headers = HTTPFields(); headers[.cookie] = try await app.session(.viewer)!.cookie
            let page = String(buffer: try await client.execute(uri: "/kb?q=budgets", method: .get, headers: headers).body)
            #expect(page.contains("<p lang=\"en\">Plans &amp; &lt;b&gt;<mark>budgets</mark>&lt;/b&gt; for restoration.</p>"), "\(page)")
            let api = try await client.execute(uri: "/api/kb/search?q=budgets", method: .get, headers: headers)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as! [String: Any]
            let snippet = try #require((json["hits"] as? [[String: Any]])?.first?["snippet"] as? [String: Any])
            #expect(snippet["text"] as? String == text)
            #expect(snippet["matches"] as? [[Int]] == [[11, 18]])
        }
    }
}
