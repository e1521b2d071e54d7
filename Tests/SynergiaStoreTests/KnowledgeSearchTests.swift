import Foundation
import Testing
import SynergiaCore
import SynergiaStore
import SynergiaTestSupport

/// A small corpus in the six languages, searched on both databases with exact answers.
/// Where the two databases differ (stemming on PostgreSQL, diacritic folding on SQLite),
/// each test says what is true on each.
@Suite struct KnowledgeSearchTests {
    static let english = "Ensure that areas under land degradation are restored by 2030;"
    static let french = "Les Parties luttent contre la dégradation des zones humides d'ici 2030."
    static let spanish = "Las Partes promueven la neutralidad de la degradación de las tierras para 2030."
    static let russian = "Стороны принимают меры против деградации земель к 2030 году."
    static let arabic = "تتخذ الأطراف تدابير لمكافحة تدهور الأراضي بحلول عام 2030."
    static let chinese = "缔约方采取措施防止土地退化，到 2030 年恢复。"
    static let chineseWetland = "恢复湿地生态系统。"
    static let script = "Beware of <script>alert('x')</script> in restoration plans & budgets."
    static let degraded = "The restoration of degraded forests takes many years of sustained work by many actors across landscapes."

    func document(_ symbol: String, _ kind: DocumentKind, _ language: KnowledgeLanguage, convention: String, date: String,
                  _ paragraphs: [NewParagraph]) -> NewKnowledgeDocument {
        NewKnowledgeDocument(kind: kind, symbol: symbol, title: "\(symbol) (\(language.rawValue))", date: date, language: language,
                             contentSHA256: "\(symbol)-\(language.rawValue)", convention: convention, body: "COP",
                             meeting: Meeting(convention: convention, body: "COP", session: 15), paragraphs: paragraphs)
    }

    /// Stores the corpus and returns each paragraph's id by its text.
    func seed(_ store: SQLStore) async throws -> [String: Int64] {
        let documents = [
            document("CBD/COP/DEC/15/4", .decision, .en, convention: "CBD", date: "2022-12-19", [
                NewParagraph(kind: .heading, text: "Kunming-Montreal Global Biodiversity Framework"),
                NewParagraph(label: "(a)", text: Self.english),
                NewParagraph(label: "1.", text: Self.degraded),
                NewParagraph(label: "2.", text: Self.script),
            ]),
            document("XIII.5", .resolution, .fr, convention: "RAMSAR", date: "2018-10-29", [NewParagraph(label: "1.", text: Self.french)]),
            document("18/COP.13", .decision, .es, convention: "UNCCD", date: "2017-09-16", [NewParagraph(text: Self.spanish)]),
            document("CBD/COP/DEC/15/4", .decision, .ru, convention: "CBD", date: "2022-12-19", [NewParagraph(text: Self.russian)]),
            document("CBD/COP/DEC/15/4", .decision, .ar, convention: "CBD", date: "2022-12-19", [NewParagraph(text: Self.arabic)]),
            document("CBD/COP/DEC/15/4", .decision, .zh, convention: "CBD", date: "2022-12-19", [
                NewParagraph(text: Self.chinese), NewParagraph(label: "第 X/2 号决定第 5 段", text: Self.chineseWetland),
            ]),
        ]
        var ids: [String: Int64] = [:]
        for new in documents {
            guard case .imported(let stored) = try await store.importKnowledgeDocument(new) else { throw DomainError.conflict("not imported") }
            for paragraph in try await store.knowledgeParagraphs(documentID: stored.id) { ids[paragraph.text] = paragraph.id }
        }
        return ids
    }

    func search(_ store: SQLStore, _ text: String, _ filters: KnowledgeSearchFilters = .init(), limit: Int = 20, offset: Int = 0) async throws -> KnowledgeSearchResults {
        try await store.searchKnowledge(try KnowledgeSearchRequest(query: try SearchQuery.parse(text), filters: filters, limit: limit, offset: offset))
    }

    func texts(_ store: SQLStore, _ ids: [String: Int64], _ query: String, _ filters: KnowledgeSearchFilters = .init()) async throws -> Set<String> {
        let byID = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return Set(try await search(store, query, filters).hits.compactMap { byID[$0.paragraphID] })
    }

    @Test(arguments: TestDatabase.kinds)
    func eachLanguageIsFoundByAWordInIt(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let ids = try await seed(store)
            #expect(try await texts(store, ids, "areas") == [Self.english])
            #expect(try await texts(store, ids, "dégradation", .init(language: .fr)) == [Self.french])
            #expect(try await texts(store, ids, "degradación", .init(language: .es)) == [Self.spanish])
            #expect(try await texts(store, ids, "деградации") == [Self.russian])
            #expect(try await texts(store, ids, "الأراضي") == [Self.arabic])
            #expect(try await texts(store, ids, "退化") == [Self.chinese])
            #expect(try await texts(store, ids, "土地退化") == [Self.chinese])
            #expect(try await texts(store, ids, "湿地") == [Self.chineseWetland])
            #expect(try await texts(store, ids, "恢复") == [Self.chinese, Self.chineseWetland])
            #expect(try await texts(store, ids, "湿") == [Self.chineseWetland], "one character is a prefix of a pair")
            #expect(try await texts(store, ids, "地退化") == [Self.chinese])
            #expect(try await texts(store, ids, "退土") == [])
        }
    }

    /// PostgreSQL stems with each paragraph's language; SQLite stems English endings
    /// (Porter) in every paragraph and folds diacritics, so an unaccented query finds
    /// accented words, and no Russian or Arabic stemming happens.
    @Test(arguments: TestDatabase.kinds)
    func stemmingOnPostgresDiacriticFoldingOnSQLite(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let ids = try await seed(store)
            let degraded = try await texts(store, ids, "degraded")
            let nominative = try await texts(store, ids, "деградация")
            let unaccented = try await texts(store, ids, "degradacion")
            let withoutArticle = try await texts(store, ids, "أراضي")
            switch kind {
            case .postgres:
                // Each language's stemmer sees the query: Spanish also reduces "degraded" to "degrad".
                #expect(degraded == [Self.english, Self.degraded, Self.spanish])
                #expect(nominative == [Self.russian])
                #expect(unaccented == [])
                #expect(withoutArticle == [Self.arabic])
            case .sqlite:
                // Folded and stemmed, the French "dégradation" becomes "degrad" too.
                #expect(degraded == [Self.english, Self.degraded, Self.french])
                #expect(nominative == [])
                #expect(unaccented == [Self.spanish])
                #expect(withoutArticle == [])
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func phrasesMatchWordsInOrder(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let ids = try await seed(store)
            #expect(try await texts(store, ids, #""land degradation""#) == [Self.english])
            #expect(try await texts(store, ids, #""degradation land""#) == [])
            #expect(try await texts(store, ids, #"restored "land degradation""#) == [Self.english])
            #expect(try await texts(store, ids, #""zones humides""#) == [Self.french])
            #expect(try await texts(store, ids, "land wetlands") == [], "every word must match")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func filtersAndFacetCounts(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await seed(store)
            let all = try await search(store, "2030")
            #expect(all.total == 6)
            #expect(all.facets.convention == [FacetCount("CBD", 4), FacetCount("RAMSAR", 1), FacetCount("UNCCD", 1)])
            #expect(all.facets.body == [FacetCount("COP", 6)])
            #expect(all.facets.year == [FacetCount("2022", 4), FacetCount("2017", 1), FacetCount("2018", 1)])
            #expect(all.facets.kind == [FacetCount("decision", 5), FacetCount("resolution", 1)])
            #expect(all.facets.language == ["ar", "en", "es", "fr", "ru", "zh"].map { FacetCount($0, 1) })

            #expect(try await search(store, "2030", .init(convention: "cbd")).total == 4)
            #expect(try await search(store, "2030", .init(body: "SBSTTA")).total == 0)
            #expect(try await search(store, "2030", .init(fromYear: 2018)).total == 5)
            #expect(try await search(store, "2030", .init(fromYear: 2017, toYear: 2018)).facets.convention == [FacetCount("RAMSAR", 1), FacetCount("UNCCD", 1)])
            let resolutions = try await search(store, "2030", .init(kinds: [.resolution]))
            #expect(resolutions.hits.map(\.symbol) == ["XIII.5"])
            #expect(resolutions.facets.language == [FacetCount("fr", 1)])
            let chinese = try await search(store, "2030", .init(language: .zh))
            #expect(chinese.total == 1)
            #expect(chinese.hits.first?.title == "CBD/COP/DEC/15/4 (zh)")

            let page = try await search(store, "2030", limit: 2, offset: 4)
            #expect(page.hits.count == 2)
            #expect(page.total == 6, "facets and total count every match, not one page")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func tagsFilterAndCountByTermAndTarget(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await seed(store)
            let matches = try await search(store, "2030").hits.map(\.paragraphID).sorted()
            try #require(matches.count == 6)
            let (a, b, c) = (matches[0], matches[1], matches[2])
            try await store.addTags([
                KnowledgeTag(paragraphID: a, term: "wetland", source: .manual, reason: "test"),
                KnowledgeTag(paragraphID: a, term: "land-degradation-neutrality", source: .suggested, reason: "test"),
                KnowledgeTag(paragraphID: b, term: "wetland", source: .manual, reason: "test"),
                KnowledgeTag(paragraphID: c, term: "land-degradation-neutrality", source: .manual, reason: "test"),
            ])
            var request = try KnowledgeSearchRequest(query: try SearchQuery.parse("2030"))
            request.termTargets = ["wetland": ["GBF-2", "RAMSAR-1"], "land-degradation-neutrality": ["GBF-2", "SDG-15.3"]]
            let all = try await store.searchKnowledge(request)
            #expect(all.facets.term == [FacetCount("land-degradation-neutrality", 2), FacetCount("wetland", 2)])
            // Paragraph a reaches GBF-2 through two terms and counts once.
            #expect(all.facets.target == [FacetCount("GBF-2", 3), FacetCount("RAMSAR-1", 2), FacetCount("SDG-15.3", 2)])
            #expect(all.total == 6, "tags do not narrow a search without a tag filter")

            request.filters = KnowledgeSearchFilters(taggedTerms: ["wetland"])
            let wetlands = try await store.searchKnowledge(request)
            #expect(wetlands.total == 2 && Set(wetlands.hits.map(\.paragraphID)) == [a, b])
            #expect(wetlands.facets.term == [FacetCount("wetland", 2), FacetCount("land-degradation-neutrality", 1)])
            #expect(wetlands.facets.language.reduce(0) { $0 + $1.count } == 2)
            request.filters = KnowledgeSearchFilters(convention: "CBD", taggedTerms: ["wetland", "land-degradation-neutrality"])
            let cbd = try await store.searchKnowledge(request)
            #expect(cbd.total == cbd.hits.count && cbd.hits.allSatisfy { [a, b, c].contains($0.paragraphID) })
            #expect(cbd.facets.convention.map(\.value).allSatisfy { $0 == "CBD" })
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func rankingPrefersFrequentMatchesInShortParagraphs(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let texts = [
                "Conservation of forests, grasslands and one peatland, among very many other ecosystems of the world and their species.",
                "Peatland peatland peatland.",
                "Peatland conservation matters for climate and water.",
            ]
            _ = try await store.importKnowledgeDocument(NewKnowledgeDocument(
                kind: .decision, title: "Peatlands", language: .en, contentSHA256: "peat", paragraphs: texts.map { NewParagraph(text: $0) }))
            let hits = try await search(store, "peatland").hits
            #expect(hits.map(\.ordinal) == [2, 3, 1])
            #expect(hits[0].score > hits[1].score && hits[1].score > hits[2].score)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func snippetsAreTheTextAsItIsWithTheRangesOfTheMatches(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await seed(store)
            // The text comes as it is (the web escapes it, SnippetHTMLTests); only the match is marked.
            let hit = try #require(try await search(store, "budgets").hits.first)
            #expect(hit.snippet == SearchSnippet(text: Self.script, matches: [61..<68]))
            #expect(hit.snippet.matchedTexts == ["budgets"])
            #expect(hit.label == "2.")

            let chinese = try #require(try await search(store, "退化").hits.first)
            #expect(chinese.snippet == SearchSnippet(text: Self.chinese, matches: [11..<13]))
            let wetland = try #require(try await search(store, "湿地").hits.first)
            #expect(wetland.label == "第 X/2 号决定第 5 段")
            #expect(wetland.snippet == SearchSnippet(text: Self.chineseWetland, matches: [2..<4]))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func queryOperatorsAreJustText(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            _ = try await seed(store)
            for query in ["budgets* | (forests", "NEAR(land degradation)", "text : land", "'; DROP TABLE kb_paragraphs; --", "-wetlands ^budgets"] {
                #expect(try await search(store, query).total == 0, "\(query)")
            }
            #expect(try await search(store, "budgets").total == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func sameContentIsReportedNotStoredTwice(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let new = NewKnowledgeDocument(kind: .decision, symbol: "XI/16", title: "Ecosystem restoration", date: "2012-10-19", language: .en,
                                           contentSHA256: String(repeating: "c", count: 64), convention: "cbd", body: "cop",
                                           meeting: Meeting(convention: "CBD", body: "COP", session: 11, place: "Hyderabad"),
                                           paragraphs: [NewParagraph(text: "Restore ecosystems.")])
            guard case .imported(let first) = try await store.importKnowledgeDocument(new) else { Issue.record("not imported"); return }
            #expect(first.convention == "CBD")
            #expect(first.paragraphCount == 1)
            let meetingID = try #require(first.meetingID)
            let meeting = try #require(try await store.meeting(id: meetingID))
            #expect(meeting.place == "Hyderabad")
            #expect(try await store.importKnowledgeDocument(new) == .duplicate(of: first))
            #expect(try await store.knowledgeDocuments().count == 1)
            #expect(try await search(store, "ecosystems").total == 1)
        }
    }
}
