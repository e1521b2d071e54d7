/// Guesses which UN language a text is in when the importer is not told: the
/// script settles Chinese, Arabic and Russian; English, French and Spanish are
/// told apart by their commonest short words. Nil when the text gives no sign.
public enum LanguageGuess {
    private static let commonWords: [KnowledgeLanguage: Set<String>] = [
        .en: ["the", "and", "of", "to", "in", "is", "that", "for", "with", "on"],
        .fr: ["le", "la", "les", "et", "des", "du", "en", "une", "pour", "dans", "que", "sur"],
        .es: ["el", "la", "los", "las", "y", "del", "en", "una", "para", "que", "por", "con"],
    ]

    public static func guess(_ text: String) -> KnowledgeLanguage? {
        var cjk = 0, arabic = 0, cyrillic = 0, latin = 0
        for scalar in text.unicodeScalars.prefix(20_000) {
            switch scalar.value {
            case _ where CJKText.isCJK(scalar): cjk += 1
            case 0x0600...0x06FF, 0x0750...0x077F: arabic += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        let candidates: [(KnowledgeLanguage, Int)] = [(.zh, cjk * 3), (.ar, arabic), (.ru, cyrillic), (.en, latin)]
        let (script, count) = candidates.max { $0.1 < $1.1 }!
        guard count > 0 else { return nil }
        if script != .en { return script }
        let words = text.lowercased().split { !$0.isLetter }.prefix(5_000)
        let scores = commonWords.mapValues { common in words.reduce(0) { $0 + (common.contains(String($1)) ? 1 : 0) } }
        guard let best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), best.value > 0 else { return nil }
        return best.key
    }
}
