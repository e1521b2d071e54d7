import Testing
@testable import SynergiaCore

@Suite struct KnowledgeTextRulesTests {
    @Test(arguments: [
        ("1. Welcomes the report;", "1.", "Welcomes the report;"),
        ("(a) To restore degraded land;", "(a)", "To restore degraded land;"),
        ("(iv) Wetlands", "(iv)", "Wetlands"),
        ("b) Forests", "b)", "Forests"),
        ("1.2 Scope of the report", "1.2", "Scope of the report"),
        ("A. Land degradation", "A.", "Land degradation"),
        ("IV. Annex", "IV.", "Annex"),
        ("١. يرحب بالتقرير", "١.", "يرحب بالتقرير"),
        ("(أ) استعادة الأراضي", "(أ)", "استعادة الأراضي"),
        ("一、总则", "一、", "总则"),
        ("（三）保护湿地", "（三）", "保护湿地"),
        ("第 X/2 号决定第 5 段：请缔约方防止土地退化。", "第 X/2 号决定第 5 段", "请缔约方防止土地退化。"),
    ])
    func numberingIsKeptAsWritten(text: String, label: String, rest: String) {
        #expect(ParagraphNumbering.split(text) == .init(label: label, text: rest))
    }

    @Test(arguments: ["Parties are invited to act.", "2022 was a year of action.", "A.Smith wrote it.", "(a)b"])
    func textWithoutNumbering(text: String) {
        #expect(ParagraphNumbering.split(text).label == nil)
    }

    @Test func pagesBecomeHeadingsParagraphsAndFootnotes() {
        let pages = [
            "CBD/COP/DEC/15/4\n\nDecision 15/4\n\n1. Welcomes the report on land degra-\ndation and restoration;\n(a) To restore wetlands;\n\n12 See decision XIV/30.\n\n1\n",
            "CBD/COP/DEC/15/4\n\n2. Requests the Executive\r\nSecretary to report;\n\n- 2 -\n",
        ]
        let paragraphs = ParagraphSplitter.paragraphs(ParagraphSplitter.blocks(pages: pages, paged: true))
        #expect(paragraphs == [
            NewParagraph(label: nil, kind: .heading, page: 1, text: "Decision 15/4"),
            NewParagraph(label: "1.", kind: .paragraph, page: 1, text: "Welcomes the report on land degradation and restoration;"),
            NewParagraph(label: "(a)", kind: .paragraph, page: 1, text: "To restore wetlands;"),
            NewParagraph(label: "12", kind: .footnote, page: 1, text: "See decision XIV/30."),
            NewParagraph(label: "2.", kind: .paragraph, page: 2, text: "Requests the Executive Secretary to report;"),
        ])
    }

    @Test func chineseLinesJoinWithoutSpacesAndMarkersAreStripped() {
        let blocks = ParagraphSplitter.blocks(pages: ["缔约方采取措施\n防止土地退化，并且\nrestore \u{E000}land\u{E001}。"], paged: false)
        #expect(blocks.map(\.text) == ["缔约方采取措施防止土地退化，并且 restore \u{E000}land\u{E001}。"])
        #expect(ParagraphSplitter.paragraphs(blocks).map(\.text) == ["缔约方采取措施防止土地退化，并且 restore land 。"])
        #expect(blocks.first?.page == nil)
    }

    @Test func chineseIsIndexedAsCharacterPairs() {
        #expect(CJKText.indexTokens("保护土地退化。恢复 and 湿") == ["保护", "护土", "土地", "地退", "退化", "化", "恢复", "复", "湿"])
        #expect(CJKText.queryTokens("土地退化") == ["土地", "地退", "退化"])
        #expect(CJKText.queryTokens("退化") == ["退化"])
        #expect(CJKText.queryTokens("地") == ["地"])
    }

    @Test func queriesAreWordsAndQuotedPhrases() throws {
        let query = try SearchQuery.parse(#"restoration  "land degradation" 土地退化 COP15会议 “zones humides” - *"#)
        #expect(query.terms == [
            .init("restoration", script: .alphabetic), .init("land degradation", script: .alphabetic),
            .init("土地退化", script: .cjk), .init("COP15", script: .alphabetic), .init("会议", script: .cjk),
            .init("zones humides", script: .alphabetic),
        ])
        #expect(try SearchQuery.parse("OR (NEAR").terms.map(\.text) == ["OR", "(NEAR"])
    }

    @Test func punctuationOnlyAndUnbalancedQuotesAreUserErrors() {
        for text in ["?!", " -- … ", "\"\"", "", "。，"] {
            #expect { try SearchQuery.parse(text) } throws: { error in
                (error as? DomainError)?.kind == .invalid && (error as? DomainError)?.message.contains("no word to search for") == true
            }
        }
        #expect { try SearchQuery.parse(#"land "degradation"#) } throws: { error in
            (error as? DomainError)?.message.contains("unbalanced quotation mark") == true
        }
        #expect(throws: DomainError.self) { try SearchQuery.parse(String(repeating: "a ", count: 300)) }
    }

    @Test func snippetsAreTextWithTheRangesOfTheirMatches() {
        #expect(SnippetMarkers.markedWords("a \u{E000}Degraded\u{E001} b \u{E000}land\u{E001} \u{E000}Degraded\u{E001}") == ["Degraded", "land"])
        let excerpt = SearchSnippet.excerpt("缔约方采取措施防止土地退化，土地退化是问题。", terms: ["退化"], radius: 3)
        #expect(excerpt == SearchSnippet(text: "…止土地退化，土地退化是…", matches: [4..<6, 9..<11]))
        #expect(excerpt?.matchedTexts == ["退化", "退化"])
        #expect(SearchSnippet.excerpt("nothing here", terms: ["退化"]) == nil)
        // Whole words only, regardless of case; words separated by spaces alone are one match.
        let phrase = SearchSnippet.excerpt("Land degradation, not landscapes: LAND  degradation.", terms: ["land degradation"])
        #expect(phrase?.matches == [0..<16, 34..<51])
        #expect(phrase?.matchedTexts == ["Land degradation", "LAND  degradation"])
        // Offsets count UTF-16 units: a character outside the Basic Multilingual Plane counts two.
        let astral = SearchSnippet.excerpt("𝔸 restoration <plans>", terms: ["restoration", "plans"])
        #expect(astral?.matches == [3..<14, 16..<21])
        #expect(astral?.segments.map { "\($0.isMatch ? "+" : "-")\($0.text)" } == ["-𝔸 ", "+restoration", "- <", "+plans", "->"])
        // A range not on whole characters is left unmarked rather than cutting one.
        #expect(SearchSnippet(text: "𝔸b", matches: [1..<3]).matchedTexts == [])
    }

    @Test(arguments: [
        ("The Parties shall restore the land and the water of the basin.", KnowledgeLanguage.en),
        ("Les Parties restaurent les terres et la qualité des eaux dans le bassin.", .fr),
        ("Las Partes restauran las tierras y el agua de la cuenca para el futuro.", .es),
        ("Стороны восстанавливают земли.", .ru),
        ("تتخذ الأطراف تدابير لمكافحة تدهور الأراضي.", .ar),
        ("缔约方采取措施防止土地退化 (GBF)。", .zh),
    ])
    func languageIsGuessedFromTheText(text: String, language: KnowledgeLanguage) {
        #expect(LanguageGuess.guess(text) == language)
    }
}
