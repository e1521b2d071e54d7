import Testing
@testable import SynergiaCore

@Suite struct TagSuggesterTests {
    static let thesaurus = try! Thesaurus(terms: [
        ThesaurusTerm(id: "wetland", labels: ["en": "wetland", "fr": "zone humide", "es": "humedal", "ru": "водно-болотное угодье",
                                              "ar": "الأراضي الرطبة", "zh": "湿地"], targets: ["GBF-2"]),
        ThesaurusTerm(id: "ldn", labels: ["en": "land degradation neutrality", "fr": "neutralité en matière de dégradation des terres",
                                          "es": "neutralidad de la degradación de las tierras", "ru": "нейтральный баланс деградации земель",
                                          "ar": "تحييد أثر تدهور الأراضي", "zh": "土地退化零增长"],
                      synonyms: ["en": ["LDN"], "fr": ["NDT"]], broader: ["land"], targets: ["SDG-15.3"]),
        ThesaurusTerm(id: "land", labels: ["en": "land", "fr": "terres", "es": "tierras", "ru": "земли", "ar": "الأراضي", "zh": "土地"]),
        ThesaurusTerm(id: "protected-area", labels: ["en": "protected area", "fr": "aire protégée", "es": "área protegida", "ru": "охраняемая территория",
                                                     "ar": "المنطقة المحمية", "zh": "保护区"], targets: ["GBF-3"]),
    ])

    func terms(_ text: String, _ language: String) -> [String] {
        TagSuggester(thesaurus: Self.thesaurus).suggest(text, language: language).map(\.term)
    }

    @Test func pluralsAgreementAndElisionMatch() {
        #expect(terms("Parties designated new wetlands of international importance.", "en") == ["wetland"])
        #expect(terms("Les zones humides d'importance internationale et les aires protégées.", "fr") == ["wetland", "protected-area"])
        #expect(terms("las áreas protegidas marinas", "es") == ["protected-area"])
    }

    @Test func russianCasesAndArabicArticlesMatch() {
        #expect(terms("достижение нейтрального баланса деградации земель к 2030 году", "ru").contains("ldn"))
        #expect(terms("في المنطقة المحمية البحرية", "ar") == ["protected-area"])
        // A broken plural (مناطق for منطقة) changes the word inside: the thesaurus lists it as a synonym when it matters.
        #expect(terms("في المناطق المحمية", "ar").isEmpty)
        #expect(terms("وبالأراضي الرطبة", "ar").contains("wetland"))
    }

    @Test func chineseIsMatchedWithoutSpaces() {
        // 土地 is part of the longer match 土地退化零增长: only the more specific term is suggested.
        #expect(terms("各缔约方应在2030年前实现土地退化零增长并扩大保护区", "zh") == ["ldn", "protected-area"])
        #expect(terms("土地和保护区", "zh") == ["land", "protected-area"])
    }

    @Test func abbreviationsMatchOnlyAsWritten() {
        #expect(terms("Targets for LDN were set.", "en").contains("ldn"))
        #expect(!terms("The ldn of the file.", "en").contains("ldn"))
        #expect(terms("Les cibles de NDT sont fixées.", "fr").contains("ldn"))
    }

    @Test func wordsInsideALongerMatchOrAProperNameDoNotCountAgain() {
        #expect(terms("Parties set land degradation neutrality targets.", "en") == ["ldn"])
        #expect(terms("Parties restore degraded land.", "en") == ["land"])
    }

    @Test func aLongerWordIsNotTheSameWord() {
        #expect(terms("The landscape approach.", "en").isEmpty)
        #expect(TagSuggester.same("zones", "zone", language: "fr"))
        #expect(TagSuggester.same("деградации", "деградация", language: "ru"))
        #expect(!TagSuggester.same("land", "landscape", language: "en"))
        #expect(!TagSuggester.same("migratory", "migration", language: "en"))
    }

    @Test func eachSuggestionSaysWhyAndWhichTargets() {
        let suggestion = TagSuggester(thesaurus: Self.thesaurus).suggest("Restore degraded wetlands.", language: "en").first
        #expect(suggestion?.reason == "“wetlands” matches “wetland”")
        #expect(suggestion?.targets == ["GBF-2"])
    }

    @Test func theThesaurusRefusesGapsAndDanglingLinks() {
        #expect(throws: DomainError.self) { try Thesaurus(terms: [ThesaurusTerm(id: "x", labels: ["en": "x"])]) }
        var term = Self.thesaurus.terms[0]
        term.broader = ["nowhere"]
        #expect(throws: DomainError.self) { try Thesaurus(terms: [term]) }
        #expect(Self.thesaurus.withNarrower("land").sorted() == ["land", "ldn"])
    }

    @Test func evaluationCountsMicroPrecisionAndRecall() {
        var e = TagEvaluation()
        e.add(suggested: ["a", "b"], labelled: ["a"])
        e.add(suggested: [], labelled: ["c"])
        #expect(e.precision == 0.5 && e.recall == 0.5 && e.paragraphs == 2)
    }
}
