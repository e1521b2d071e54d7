import Foundation

/// Why a new password is refused.
public enum PasswordProblem: Sendable, Equatable, CustomStringConvertible {
    case tooShort(minimum: Int)
    /// bcrypt reads only the first 72 bytes: a longer password would be cut silently.
    case tooLong(maximumBytes: Int)
    case sameAsEmail
    case tooFewDifferentCharacters(minimum: Int)
    /// A control character (bcrypt stops reading at a NUL byte).
    case controlCharacter
    /// In the list of common passwords, or one of its words with only digits or symbols around it.
    case common

    /// What the password needs, phrased for the command line.
    public var description: String {
        switch self {
        case .tooShort(let minimum): "it needs at least \(minimum) characters"
        case .tooLong(let maximum): "it is longer than \(maximum) bytes (UTF-8); choose a shorter one — accented letters and other scripts take 2 to 4 bytes each"
        case .sameAsEmail: "it must differ from the e-mail address"
        case .tooFewDifferentCharacters(let minimum): "it needs at least \(minimum) different characters"
        case .controlCharacter: "it must not contain control characters (tab, new line, NUL)"
        case .common: "it is a common password, or a common word with only digits or symbols added; choose a phrase of several words of your own"
        }
    }
}

/// Password rules shown to people choosing one.
public enum PasswordRules {
    public static let minimumLength = 12
    /// bcrypt's limit.
    public static let maximumBytes = 72
    public static let minimumDifferentCharacters = 5

    /// nil when acceptable, else the first reason it is not.
    public static func problem(_ password: String, email: String, common: CommonPasswords) -> PasswordProblem? {
        if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
        if password.utf8.count > maximumBytes { return .tooLong(maximumBytes: maximumBytes) }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacter }
        if password.lowercased() == email.lowercased() { return .sameAsEmail }
        if Set(password).count < minimumDifferentCharacters { return .tooFewDifferentCharacters(minimum: minimumDifferentCharacters) }
        if common.contains(password) { return .common }
        return nil
    }
}
