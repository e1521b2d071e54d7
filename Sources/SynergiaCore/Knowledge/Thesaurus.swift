import Foundation

/// A term of the knowledge base's multilingual thesaurus: its preferred label
/// and synonyms in each UN language, its place in the hierarchy, and the
/// global targets it is about (through which it reaches every framework).
public struct ThesaurusTerm: Sendable, Equatable, Codable {
    public var id: String
    /// Language code (en, fr, es, ru, ar, zh) → preferred label.
    public var labels: [String: String]
    /// Language code → other forms people write (abbreviations, variants).
    public var synonyms: [String: [String]]
    public var broader: [String]
    public var targets: [String]

    public init(id: String, labels: [String: String], synonyms: [String: [String]] = [:], broader: [String] = [], targets: [String] = []) {
        self.id = id; self.labels = labels; self.synonyms = synonyms; self.broader = broader; self.targets = targets
    }

    public func label(_ language: String) -> String { labels[language] ?? labels["en"] ?? id }

    enum CodingKeys: String, CodingKey { case id, labels, synonyms, broader, targets }

    /// Synonyms, broader terms and targets may be left out of the file.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        labels = try c.decode([String: String].self, forKey: .labels)
        synonyms = try c.decodeIfPresent([String: [String]].self, forKey: .synonyms) ?? [:]
        broader = try c.decodeIfPresent([String].self, forKey: .broader) ?? []
        targets = try c.decodeIfPresent([String].self, forKey: .targets) ?? []
    }
}

/// The whole thesaurus, with the narrower links worked out from the broader ones.
public struct Thesaurus: Sendable, Equatable {
    public static let languages = ["en", "fr", "es", "ru", "ar", "zh"]

    public let terms: [ThesaurusTerm]
    private let index: [String: Int]

    public init(terms: [ThesaurusTerm]) throws(DomainError) {
        var index: [String: Int] = [:]
        for (position, term) in terms.enumerated() {
            guard index.updateValue(position, forKey: term.id) == nil else { throw .invalid("thesaurus term '\(term.id)' is defined twice") }
            for language in Self.languages where (term.labels[language] ?? "").isEmpty {
                throw .invalid("thesaurus term '\(term.id)' has no \(language) label; every term has a label in the six UN languages")
            }
        }
        for term in terms {
            for parent in term.broader where index[parent] == nil {
                throw .invalid("thesaurus term '\(term.id)': broader term '\(parent)' is not in the thesaurus")
            }
        }
        self.terms = terms
        self.index = index
    }

    public func term(_ id: String) -> ThesaurusTerm? { index[id].map { terms[$0] } }

    /// The term with this id, or the one term a label or synonym in any
    /// language names; anything else is refused with examples.
    public func requireTerm(_ text: String) throws -> ThesaurusTerm {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let term = term(typed) { return term }
        let named = terms(namedBy: typed)
        guard named.count == 1 else {
            throw DomainError.invalid("'\(typed)' is not a thesaurus term; terms are the ids of data/thesaurus/biodiversity.yaml or their labels, e.g. \(terms.prefix(3).map(\.id).joined(separator: ", "))")
        }
        return named[0]
    }

    public func narrower(_ id: String) -> [ThesaurusTerm] { terms.filter { $0.broader.contains(id) } }

    /// The term and everything below it, for searches that take in narrower terms.
    public func withNarrower(_ id: String) -> [String] {
        var seen: [String] = [], queue = [id]
        while let next = queue.popLast() {
            guard !seen.contains(next) else { continue }
            seen.append(next)
            queue += narrower(next).map(\.id)
        }
        return seen
    }

    /// The terms a tag filter stands for: the term with its narrower terms, and
    /// every term about the global target with theirs. Throws on an unknown term.
    public func taggedTerms(term: String?, target: String?) throws -> [String] {
        var ids: [String] = []
        if let term { ids += withNarrower(try requireTerm(term).id) }
        if let target {
            let about = terms.filter { $0.targets.contains(target.uppercased()) }
            guard !about.isEmpty else { throw DomainError.invalid("no thesaurus term is about the target '\(target)'; targets are written like GBF-2 or SDG-15.3") }
            ids += about.flatMap { withNarrower($0.id) }
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The global targets of each term that has some, for the target facet.
    public var termTargets: [String: [String]] {
        Dictionary(uniqueKeysWithValues: terms.filter { !$0.targets.isEmpty }.map { ($0.id, $0.targets) })
    }

    /// Terms a query names in any language: its text equals a label or synonym
    /// (case and accents aside), so "land degradation neutrality", "NDT" and
    /// "土地退化零增长" all name the same term.
    public func terms(namedBy query: String) -> [ThesaurusTerm] {
        let wanted = Self.fold(query)
        guard !wanted.isEmpty else { return [] }
        return terms.filter { term in
            (Array(term.labels.values) + term.synonyms.values.flatMap { $0 }).contains { Self.fold($0) == wanted }
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace || $0 == "\"" }).joined(separator: " ")
    }
}
