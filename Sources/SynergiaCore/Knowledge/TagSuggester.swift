import Foundation

/// A tag proposed for a paragraph, with why: the words of the text that match
/// a label or synonym of the term in the paragraph's language.
public struct TagSuggestion: Sendable, Equatable {
    public var term: String
    public var matched: String
    public var label: String
    public var targets: [String]

    public var reason: String { "“\(matched)” matches “\(label)”" }
}

/// Suggests thesaurus terms for a paragraph by matching the labels and
/// synonyms of its language: word by word with a light, prefix-based
/// stemming for alphabetic languages (plurals, French and Spanish agreement,
/// Russian cases, Arabic articles and attached prepositions), and by
/// substring for Chinese. Function words are skipped on both sides, so
/// "zones humides d'importance" meets "zone humide". Abbreviations written in
/// capitals match only as written. docs/knowledge-base.md gives the measured
/// precision and recall.
public struct TagSuggester: Sendable {
    struct Pattern: Sendable {
        var term: String
        var label: String
        var words: [String]      // normalised content words; empty for Chinese
        var exact: String?       // an abbreviation, matched as written
        var chinese: String?
    }

    private let patterns: [String: [Pattern]]
    /// Proper names that contain thesaurus words without being about them.
    private let names: [String: [Pattern]]
    private let thesaurus: Thesaurus

    public init(thesaurus: Thesaurus) {
        self.thesaurus = thesaurus
        var patterns: [String: [Pattern]] = [:]
        for term in thesaurus.terms {
            for language in Thesaurus.languages {
                for form in [term.labels[language]].compactMap({ $0 }) + (term.synonyms[language] ?? []) where !form.isEmpty {
                    patterns[language, default: []].append(Self.pattern(term.id, form, language: language))
                }
            }
        }
        self.patterns = patterns
        names = Dictionary(uniqueKeysWithValues: Self.properNames.map { language, forms in
            (language, forms.map { Self.pattern("", $0, language: language) })
        })
    }

    static func pattern(_ term: String, _ form: String, language: String) -> Pattern {
        if language == "zh" { return Pattern(term: term, label: form, words: [], chinese: form.precomposedStringWithCompatibilityMapping) }
        let letters = form.filter(\.isLetter)
        if letters.count >= 2, letters.count <= 6, letters.allSatisfy({ $0.isUppercase }), !form.contains(" ") {
            return Pattern(term: term, label: form, words: [], exact: form)
        }
        return Pattern(term: term, label: form, words: contentWords(form, language: language))
    }

    struct Match {
        var pattern: Pattern
        var matched: String
        /// Content-word positions (characters for Chinese); nil for an abbreviation.
        var span: Range<Int>?
    }

    /// Suggested tags for every paragraph of a document, each with its reason.
    public func tags(_ paragraphs: [KnowledgeParagraph]) -> [KnowledgeTag] {
        paragraphs.flatMap { paragraph in
            suggest(paragraph.text, language: paragraph.language.rawValue).map {
                KnowledgeTag(paragraphID: paragraph.id, term: $0.term, source: .suggested, reason: $0.reason)
            }
        }
    }

    public func suggest(_ text: String, language: String) -> [TagSuggestion] {
        var matches: [Match] = []
        let candidates = (patterns[language] ?? []) + (names[language] ?? [])
        if language == "zh" {
            let characters = Array(text.precomposedStringWithCompatibilityMapping)
            for pattern in candidates {
                guard let chinese = pattern.chinese.map(Array.init), let at = Self.find(chinese, in: characters) else { continue }
                matches.append(Match(pattern: pattern, matched: String(chinese), span: at..<(at + chinese.count)))
            }
        } else {
            let raw = Self.rawWords(text)
            let words = Self.contentWords(text, language: language)
            for pattern in candidates {
                if let exact = pattern.exact {
                    if raw.contains(exact) { matches.append(Match(pattern: pattern, matched: exact, span: nil)) }
                } else if let at = Self.find(pattern.words, in: words, language: language) {
                    matches.append(Match(pattern: pattern, matched: words[at..<(at + pattern.words.count)].joined(separator: " "),
                                         span: at..<(at + pattern.words.count)))
                }
            }
        }
        // The most specific term only: words that are part of a longer match (a term's
        // or a name's) do not count again ("land degradation" inside "land degradation
        // neutrality", "biodiversity" inside "Global Biodiversity Framework").
        let kept = matches.filter { m in
            guard let span = m.span else { return true }
            return !matches.contains { other in
                guard let outer = other.span, other.pattern.term != m.pattern.term else { return false }
                return outer.count > span.count && outer.lowerBound <= span.lowerBound && span.upperBound <= outer.upperBound
            }
        }
        var found: [String: TagSuggestion] = [:]
        for m in kept where !m.pattern.term.isEmpty {
            // The longest match explains best ("zone humide d'importance internationale" over "zone humide").
            if let existing = found[m.pattern.term], existing.matched.count >= m.matched.count { continue }
            found[m.pattern.term] = TagSuggestion(term: m.pattern.term, matched: m.matched, label: m.pattern.label,
                                                  targets: thesaurus.term(m.pattern.term)?.targets ?? [])
        }
        return thesaurus.terms.compactMap { found[$0.id] }
    }

    /// The first position of `needle` in `haystack` (Chinese characters).
    static func find(_ needle: [Character], in haystack: [Character]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The first position of `needle` as consecutive content words of `words`.
    static func find(_ needle: [String], in words: [String], language: String) -> Int? {
        guard !needle.isEmpty, words.count >= needle.count else { return nil }
        return (0...(words.count - needle.count)).first { start in
            zip(needle, words[start..<(start + needle.count)]).allSatisfy { same($0, $1, language: language) }
        }
    }

    /// Same word up to its ending: sharing at least 4 leading letters, and
    /// differing only in the last few (2 letters, 3 in Russian and Arabic whose
    /// endings are longer), so "zones"/"zone" and "деградации"/"деградация" meet
    /// but "land"/"landscape" do not.
    static func same(_ a: String, _ b: String, language: String) -> Bool {
        if a == b { return true }
        let x = Array(a), y = Array(b)
        let shorter = min(x.count, y.count), longer = max(x.count, y.count)
        var common = 0
        while common < shorter && x[common] == y[common] { common += 1 }
        let slack = language == "ru" || language == "ar" ? 3 : 2
        return common >= 4 && common >= shorter - slack && longer - common <= slack + 1
    }

    static func rawWords(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    static func contentWords(_ text: String, language: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if language == "ar" { words = words.map(arabicStem) }
        if language == "fr" || language == "es" || language == "en" {
            // Elided articles: l'importance, d'eau.
            words = words.filter { $0.count > 1 }
        }
        let stop = functionWords[language] ?? []
        return words.filter { !stop.contains($0) }
    }

    /// Arabic: unify the letter forms that spelling varies on, and remove the
    /// article with an attached conjunction or preposition (وال، بال، لل، …).
    static func arabicStem(_ word: String) -> String {
        var w = String(word.map { c -> Character in
            switch c {
            case "أ", "إ", "آ": return "ا"
            case "ى": return "ي"
            case "ة": return "ه"
            default: return c
            }
        })
        for prefix in ["وبال", "وال", "بال", "كال", "فال", "لل", "ال"] where w.hasPrefix(prefix) && w.count - prefix.count >= 3 {
            w.removeFirst(prefix.count)
            return w
        }
        if let first = w.first, "وبلف".contains(first), w.count >= 5 { w.removeFirst() }
        return w
    }

    /// Names of frameworks and conventions: "biodiversity" in "Global Biodiversity
    /// Framework" names the framework, it does not make the paragraph about biodiversity.
    static let properNames: [String: [String]] = [
        "en": ["Global Biodiversity Framework", "Convention on Biological Diversity", "Biodiversity Framework Fund"],
        "fr": ["Cadre mondial de la biodiversité", "Convention sur la diversité biologique"],
        "es": ["Marco Mundial de Biodiversidad", "Marco Mundial de la Diversidad Biológica", "Convenio sobre la Diversidad Biológica"],
        "ru": ["рамочная программа в области биоразнообразия", "Конвенция о биологическом разнообразии"],
        "ar": ["العالمي للتنوع البيولوجي", "اتفاقية التنوع البيولوجي"],
        "zh": ["全球生物多样性框架", "生物多样性公约"],
    ]

    /// Words skipped when matching (after case and accent folding).
    static let functionWords: [String: Set<String>] = [
        "en": ["the", "of", "and", "or", "for", "to", "in", "on", "a", "an", "by", "with", "its", "their"],
        "fr": ["de", "des", "du", "la", "le", "les", "en", "et", "ou", "pour", "a", "au", "aux", "un", "une", "sur", "dans", "par", "matiere", "termes"],
        "es": ["de", "del", "la", "las", "el", "los", "y", "o", "e", "para", "en", "a", "al", "un", "una", "por", "con", "sobre"],
        "ru": ["и", "в", "во", "на", "по", "с", "со", "для", "или", "к", "от", "из", "о", "об"],
        "ar": ["في", "من", "علي", "الي", "او", "و", "عن", "مع"],
    ]
}
