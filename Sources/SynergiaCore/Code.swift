import Foundation

/// Canonical form of every code a user types: framework items (`GBF-3`),
/// countries (`KEN`), national targets (`KEN-T1`). Codes are case-insensitive
/// on input and upper case on output, so `gbf-3` and `GBF-3` name one target.
public enum Code {
    public static func canonical(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// Letters, digits and `-`, `.`, `_`; starts with a letter or digit.
    public static func isWellFormed(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, code.count <= 64 else { return false }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._"))
        return CharacterSet.alphanumerics.contains(first)
            && code.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) }
    }
}
