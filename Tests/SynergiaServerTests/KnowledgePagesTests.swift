import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport
import Testing

/// Knowledge-base search and document pages, the search API, and the
/// workspace's decision tracking page.
@Suite struct KnowledgePagesTests {
    static func seed(_ store: SQLStore) async throws -> (english: Int64, chinese: Int64) {
        func document(_ language: KnowledgeLanguage, _ symbol: String, _ text: String, _ sha: String) -> NewKnowledgeDocument {
            NewKnowledgeDocument(kind: .decision, symbol: symbol, title: "Decision " + symbol, date: "2022-12-19", language: language,
                                 contentSHA256: sha, convention: "UNCCD", body: "COP",
                                 paragraphs: [NewParagraph(label: "1.", text: text)])
        }
        _ = try await store.importKnowledgeDocument(document(.en, "ICCD/COP(15)/DEC/7", "Encourages Parties to achieve land degradation neutrality <script>x</script>.", String(repeating: "a", count: 64)))
        _ = try await store.importKnowledgeDocument(document(.zh, "ICCD/COP(15)/DEC/8", "鼓励缔约方实现土地退化零增长。", String(repeating: "b", count: 64)))
        let paragraphs = try await store.knowledgeParagraphs(documentID: 1) + store.knowledgeParagraphs(documentID: 2)
        try await store.addTags([KnowledgeTag(paragraphID: paragraphs[1].id, term: "land-degradation-neutrality", source: .suggested, reason: "test")])
        return (paragraphs[0].id, paragraphs[1].id)
    }

    @Test(arguments: TestDatabase.kinds)
    func searchFindsTheTaggedParagraphInAnotherLanguage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (english, chinese) = try await Self.seed(app.store)
            var headers = HTTPFields(); headers[.cookie] = try await app.session(.viewer)!.cookie
            let page = String(buffer: try await client.execute(uri: "/kb?q=land%20degradation%20neutrality", method: .get, headers: headers).body)
            #expect(page.contains("href=\"/kb/documents/1#p-\(english)\"") && page.contains("<mark>"))
            #expect(page.contains("href=\"/kb/documents/2#p-\(chinese)\""), "the Chinese paragraph, through its tag")
            #expect(!page.contains("<script>x"), "escaped")
            let api = try await client.execute(uri: "/api/kb/search?q=NDT", method: .get, headers: headers)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as! [String: Any]
            #expect(json["taggedTerms"] as? [String] == ["land-degradation-neutrality"])
            #expect((json["tagged"] as? [[String: Any]])?.count == 1)
            let bad = try await client.execute(uri: "/kb?q=%22unbalanced", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("quotation mark"))
            // Facets by term and global target of the tags, and a term filter (by id, narrower terms included).
            let byTerm = String(buffer: try await client.execute(uri: "/kb?q=%E5%9C%9F%E5%9C%B0&term=land-degradation-neutrality", method: .get, headers: headers).body)
            #expect(byTerm.contains("1 ") && byTerm.contains("href=\"/kb/documents/2#p-\(chinese)\"") && byTerm.contains(">Global target<")
                    && byTerm.contains("name=\"term\" value=\"land-degradation-neutrality\""), "the filter kept for the next search")
            #expect(byTerm.contains(">Thesaurus term: land degradation neutrality ×</a>") && byTerm.contains("href=\"/kb?q=%E5%9C%9F%E5%9C%B0\""),
                    "the filter shown, with a link to the search without it")
            // Pages of results: the first of two, then the second.
            _ = try await app.store.importKnowledgeDocument(NewKnowledgeDocument(kind: .decision, title: "Land", language: .en,
                contentSHA256: String(repeating: "c", count: 64), paragraphs: [NewParagraph(text: "Land use planning.")]))
            let first = String(buffer: try await client.execute(uri: "/kb?q=land&limit=1", method: .get, headers: headers).body)
            #expect(first.contains("2 matching paragraphs (1–1)") && first.contains("href=\"/kb?q=land&amp;offset=1&amp;limit=1\" rel=\"next\"")
                    && !first.contains("rel=\"prev\""), "\(first.prefix(0))")
            let second = String(buffer: try await client.execute(uri: "/kb?q=land&limit=1&offset=1", method: .get, headers: headers).body)
            #expect(second.contains("(2–2)") && second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""))
            let unknownTerm = try await client.execute(uri: "/kb?q=land&term=bogus", method: .get, headers: headers)
            #expect(unknownTerm.status == .unprocessableContent && String(buffer: unknownTerm.body).contains("not a thesaurus term"))
            let document = String(buffer: try await client.execute(uri: "/kb/documents/2", method: .get, headers: headers).body)
            #expect(document.contains("id=\"p-\(chinese)\"") && document.contains(">land degradation neutrality<"), "the tag, named in the page language")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aContributorTracksADecisionParagraph(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (english, _) = try await Self.seed(app.store)
            let contributor = try await app.session(.contributor)
            let (h, b) = form(contributor, ["paragraph": String(english), "status": "in_progress", "responsible": "Land agency", "targets": "T1", "version": "0"])
            let saved = try await client.execute(uri: "/w/KEN/decisions", method: .post, headers: h, body: b)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            let tracked = try await app.store.trackings(workspaceID: ken.id)
            #expect(tracked.count == 1 && tracked[0].status == .inProgress && tracked[0].nationalTargets == ["KEN-T1"] && tracked[0].version == 1)
            // A second save on the old version is refused; nothing changes.
            let stale = try await client.execute(uri: "/w/KEN/decisions", method: .post, headers: h, body: b)
            #expect(stale.status == .conflict)
            var headers = HTTPFields(); headers[.cookie] = try await app.session(.viewer)!.cookie
            let page = String(buffer: try await client.execute(uri: "/w/KEN/decisions", method: .get, headers: headers).body)
            #expect(page.contains("Land agency") && page.contains("In progress: 1") && !page.contains("name=\"status\""), "a viewer reads, without forms")
            let dashboard = String(buffer: try await client.execute(uri: "/w/KEN", method: .get, headers: headers).body)
            #expect(dashboard.contains("In progress: 1") && dashboard.contains("Done: 0"), "the dashboard counts tracked decisions")
            let (h2, b2) = form(try await app.session(.viewer), ["paragraph": String(english), "status": "done", "version": "1"])
            #expect(try await client.execute(uri: "/w/KEN/decisions", method: .post, headers: h2, body: b2).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func secretariatCuratesTagsInTheBrowser(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (english, chinese) = try await Self.seed(app.store)
            let curator = try await app.session(.secretariat)
            var headers = HTTPFields(); headers[.cookie] = curator!.cookie
            let page = String(buffer: try await client.execute(uri: "/kb/documents/2", method: .get, headers: headers).body)
            #expect(page.contains("action=\"/kb/documents/2/tags\"") && page.contains("<datalist id=\"thesaurus-terms\">"))
            var viewerHeaders = HTTPFields(); viewerHeaders[.cookie] = try await app.session(.viewer)!.cookie
            let viewerPage = String(buffer: try await client.execute(uri: "/kb/documents/2", method: .get, headers: viewerHeaders).body)
            #expect(!viewerPage.contains("/tags\"") && !viewerPage.contains("thesaurus-terms"), "readers get no forms")

            // Confirming the suggestion makes it a tag given by hand.
            let (h1, b1) = form(curator, ["paragraph": String(chinese), "term": "land-degradation-neutrality", "action": "add"])
            let confirmed = try await client.execute(uri: "/kb/documents/2/tags", method: .post, headers: h1, body: b1)
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/kb/documents/2#p-\(chinese)")
            #expect(try await app.store.tags(paragraphIDs: [chinese])[chinese]?.map(\.source) == [.manual])
            // A term named by its label in another language is accepted; an unknown one is refused and stores nothing.
            let (h2, b2) = form(curator, ["paragraph": String(english), "term": "土地退化零增长", "action": "add"])
            #expect(try await client.execute(uri: "/kb/documents/1/tags", method: .post, headers: h2, body: b2).status == .seeOther)
            let (h3, b3) = form(curator, ["paragraph": String(english), "term": "no such term", "action": "add"])
            let unknown = try await client.execute(uri: "/kb/documents/1/tags", method: .post, headers: h3, body: b3)
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("not a thesaurus term"))
            // A paragraph of another document is not tagged through this one.
            let (h4, b4) = form(curator, ["paragraph": String(chinese), "term": "wetlands", "action": "add"])
            #expect(try await client.execute(uri: "/kb/documents/1/tags", method: .post, headers: h4, body: b4).status == .notFound)
            #expect(try await app.store.tags(paragraphIDs: [english, chinese]).mapValues { $0.map(\.term) }
                    == [english: ["land-degradation-neutrality"], chinese: ["land-degradation-neutrality"]])
            let (h5, b5) = form(curator, ["paragraph": String(english), "term": "land-degradation-neutrality", "action": "remove"])
            #expect(try await client.execute(uri: "/kb/documents/1/tags", method: .post, headers: h5, body: b5).status == .seeOther)
            #expect(try await app.store.tags(paragraphIDs: [english]).isEmpty)
            // Suggestions for the whole document, each with its reason.
            let (h6, b6) = form(curator, [:])
            #expect(try await client.execute(uri: "/kb/documents/1/suggestions", method: .post, headers: h6, body: b6).status == .seeOther)
            let suggested = try await app.store.tags(paragraphIDs: [english])[english] ?? []
            #expect(suggested.contains { $0.term == "land-degradation-neutrality" && $0.source == .suggested && $0.reason.contains("land degradation neutrality") })
            // A focal point curates nothing: the tags are shared by every workspace.
            let (h7, b7) = form(try await app.session(.focalPoint), ["paragraph": String(english), "term": "wetlands", "action": "add"])
            #expect(try await client.execute(uri: "/kb/documents/1/tags", method: .post, headers: h7, body: b7).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aTrackedDecisionIsCitedByTheReportAnswerItAddresses(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { client, app, _, _ in
            let (english, _) = try await Self.seed(app.store)
            let contributor = try await app.session(.contributor)
            let ken = try #require(try await app.store.workspace(country: "KEN"))
            func save(_ answers: String, version: Int) async throws -> TestResponse {
                let (h, b) = form(contributor, ["paragraph": String(english), "status": "in_progress", "responsible": "Land agency",
                                                "answers": answers, "version": String(version)])
                return try await client.execute(uri: "/w/KEN/decisions", method: .post, headers: h, body: b)
            }
            // Refused, nothing stored: a question the template does not ask, another workspace's report, a malformed link.
            let unknown = try await save("\(app.kenReport):no_such_question", version: 0)
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("names no question of report \(app.kenReport)"))
            let foreign = try await save("\(app.fraReport):report_process", version: 0)
            #expect(foreign.status == .unprocessableContent && String(buffer: foreign.body).contains("not a report of this workspace"))
            #expect(try await save("report_process", version: 0).status == .unprocessableContent)
            #expect(try await app.store.trackings(workspaceID: ken.id).isEmpty)

            #expect(try await save("\(app.kenReport):report_process", version: 0).status == .seeOther)
            let tracked = try await app.store.trackings(workspaceID: ken.id)
            #expect(tracked.map { $0.reportAnswers.map(\.description) } == [["\(app.kenReport):report_process"]])
            // The report cites it: on the page (linking to the paragraph) and in the JSON export.
            var headers = HTTPFields(); headers[.cookie] = contributor!.cookie
            let page = String(buffer: try await client.execute(uri: "/reports/\(app.kenReport)", method: .get, headers: headers).body)
            #expect(page.contains("Decisions this answer addresses") && page.contains("href=\"/kb/documents/1#p-\(english)\">ICCD/COP(15)/DEC/7 1.</a>"))
            let export = try await client.execute(uri: "/api/reports/\(app.kenReport)/export/json", method: .get, headers: headers)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: export.body)) as! [String: Any]
            let items = (json["sections"] as! [[String: Any]]).flatMap { $0["items"] as! [[String: Any]] }
            let cited = items.filter { $0["decisions"] != nil }
            #expect(cited.map { $0["key"] as? String } == ["report_process"])
            let citation = (cited.first?["decisions"] as? [[String: Any]])?.first
            #expect(citation?["symbol"] as? String == "ICCD/COP(15)/DEC/7" && citation?["status"] as? String == "in_progress"
                    && citation?["paragraphID"] as? Int == Int(english))
        }
    }
}
