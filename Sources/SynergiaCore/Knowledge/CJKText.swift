/// Chinese has no spaces between words, so the knowledge base indexes it as
/// overlapping character pairs: 土地退化 is stored as `土地 地退 退化 化`.
/// A two-character query (退化) is then one token, and a longer one (土地退化)
/// a phrase of pairs. The last character of each run is also kept alone so a
/// one-character query can be a prefix match. SQLite's trigram tokenizer would
/// need three characters; many Chinese words have two.
public enum CJKText {
    public static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: isCJK)
    }

    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2EBEF, 0x30000...0x3134F, 0x3040...0x30FF: true
        default: false
        }
    }

    /// The maximal runs of CJK characters in `text`, in order.
    public static func runs(_ text: String) -> [[Character]] {
        var runs: [[Character]] = []
        var current: [Character] = []
        for character in text {
            if isCJK(character) {
                current.append(character)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// What is indexed: each run's pairs then its last character.
    public static func indexTokens(_ text: String) -> [String] {
        runs(text).flatMap { run in
            zip(run, run.dropFirst()).map { String([$0, $1]) } + [String(run.last!)]
        }
    }

    /// What a query term becomes: its pairs, in order, to be matched as a phrase;
    /// a single character stays alone and is matched as a prefix.
    public static func queryTokens(_ term: String) -> [String] {
        let characters = term.filter(isCJK)
        guard characters.count > 1 else { return characters.map { String($0) } }
        return zip(characters, characters.dropFirst()).map { String([$0, $1]) }
    }
}
