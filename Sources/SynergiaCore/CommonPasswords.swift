import Foundation

/// The passwords guessers try first. A password is common when its lowercased
/// form is listed, or when what is left after taking the digits and symbols
/// off both ends (and reading 0 as o, @ as a, and so on) is a listed word:
/// `Password123!` and `p@ssw0rd2024` are as weak as `password`.
public struct CommonPasswords: Sendable {
    private let entries: Set<String>

    public init(_ entries: some Sequence<String>) {
        self.entries = Set(entries.map { $0.lowercased() })
    }

    public var count: Int { entries.count }

    public func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if entries.contains(lowered) { return true }
        let word = lowered.trimmingCharacters(in: CharacterSet.letters.inverted)
        guard !word.isEmpty else { return false }
        return entries.contains(word) || entries.contains(Self.withoutSubstitutions(word))
    }

    /// Digits and symbols that stand for letters inside a word.
    private static let substitutions: [Character: Character] = [
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t",
    ]

    private static func withoutSubstitutions(_ word: String) -> String {
        String(word.map { substitutions[$0] ?? $0 })
    }
}
