import Testing
import SynergiaCore

/// What a term or target filter of a knowledge-base search stands for.
@Suite struct ThesaurusFilterTests {
    let thesaurus = try! Thesaurus(terms: [
        Self.term("land-degradation", targets: ["SDG-15.3"]),
        Self.term("land-degradation-neutrality", broader: ["land-degradation"], targets: ["SDG-15.3", "GBF-2"]),
        Self.term("wetland", targets: ["GBF-2"]),
        Self.term("peatland", broader: ["wetland"]),
    ])

    static func term(_ id: String, broader: [String] = [], targets: [String] = []) -> ThesaurusTerm {
        ThesaurusTerm(id: id, labels: Dictionary(uniqueKeysWithValues: ["en", "fr", "es", "ru", "ar", "zh"].map { ($0, id) }),
                      broader: broader, targets: targets)
    }

    @Test func aTermTakesInItsNarrowerTermsAndATargetEveryTermAboutIt() throws {
        #expect(try thesaurus.taggedTerms(term: "wetland", target: nil) == ["wetland", "peatland"])
        #expect(try Set(thesaurus.taggedTerms(term: nil, target: "gbf-2")) == ["land-degradation-neutrality", "wetland", "peatland"])
        #expect(try thesaurus.taggedTerms(term: nil, target: nil).isEmpty)
        #expect(thesaurus.termTargets == ["land-degradation": ["SDG-15.3"], "land-degradation-neutrality": ["SDG-15.3", "GBF-2"], "wetland": ["GBF-2"]])
        #expect(throws: DomainError.self) { try thesaurus.taggedTerms(term: "no-such-term", target: nil) }
        #expect(throws: DomainError.self) { try thesaurus.taggedTerms(term: nil, target: "GBF-99") }
    }
}
