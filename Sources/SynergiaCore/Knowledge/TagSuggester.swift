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
    }

    static func pattern(_ term: String, _ form: String, language: String) -> Pattern {
        if language == "zh" { return Pattern(term: term, label: form, words: [], chinese: form.precomposedStringWithCompatibilityMapping) }
        let letters = form.filter(\.isLetter)
        if letters.count >= 2, letters.count <= 6, letters.allSatisfy({ $0.isUppercase }), !form.contains(" ") {
            return Pattern(term: term, label: form, words: [], exact: form)
        }
        return Pattern(term: term, label: form, words: contentWords(form, language: language))
    }

    public func suggest(_ text: String, language: String) -> [TagSuggestion] {
        var found: [String: TagSuggestion] = [:]
        let candidates = patterns[language] ?? []
        if language == "zh" {
            let normalised = text.precomposedStringWithCompatibilityMapping
            for pattern in candidates {
                guard let chinese = pattern.chinese, normalised.contains(chinese) else { continue }
                add(&found, pattern, matched: chinese)
            }
        } else {
            let raw = Self.rawWords(text)
            let words = Self.contentWords(text, language: language)
            for pattern in candidates {
                if let exact = pattern.exact {
                    if raw.contains(exact) { add(&found, pattern, matched: exact) }
                } else if let matched = Self.find(pattern.words, in: words, language: language) {
                    add(&found, pattern, matched: matched)
                }
            }
        }
        return thesaurus.terms.compactMap { found[$0.id] }
    }

    private func add(_ found: inout [String: TagSuggestion], _ pattern: Pattern, matched: String) {
        // The longest match explains best ("zone humide d'importance internationale" over "zone humide").
        if let existing = found[pattern.term], existing.matched.count >= matched.count { return }
        found[pattern.term] = TagSuggestion(term: pattern.term, matched: matched, label: pattern.label,
                                           targets: thesaurus.term(pattern.term)?.targets ?? [])
    }

    /// Where `needle` occurs as consecutive content words of `words`: the words of the text, joined.
    static func find(_ needle: [String], in words: [String], language: String) -> String? {
        guard !needle.isEmpty, words.count >= needle.count else { return nil }
        for start in 0...(words.count - needle.count) {
            if zip(needle, words[start..<(start + needle.count)]).allSatisfy({ same($0, $1, language: language) }) {
                return words[start..<(start + needle.count)].joined(separator: " ")
            }
        }
        return nil
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

    /// Words skipped when matching (after case and accent folding).
    static let functionWords: [String: Set<String>] = [
        "en": ["the", "of", "and", "or", "for", "to", "in", "on", "a", "an", "by", "with", "its", "their"],
        "fr": ["de", "des", "du", "la", "le", "les", "en", "et", "ou", "pour", "a", "au", "aux", "un", "une", "sur", "dans", "par", "matiere", "termes"],
        "es": ["de", "del", "la", "las", "el", "los", "y", "o", "e", "para", "en", "a", "al", "un", "una", "por", "con", "sobre"],
        "ru": ["и", "в", "во", "на", "по", "с", "со", "для", "или", "к", "от", "из", "о", "об"],
        "ar": ["في", "من", "علي", "الي", "او", "و", "عن", "مع"],
    ]
}
