import Foundation

/// How a person's e-mail address is written down and compared.
public enum EmailAddress {
    /// Addresses are compared without surrounding spaces and case.
    public static func canonical(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The canonical address, if `text` has the shape of one.
    public static func validated(_ text: String) throws(DomainError) -> String {
        let email = canonical(text)
        guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else {
            throw .invalid("'\(email)' is not an e-mail address; give one such as name@ministry.example")
        }
        return email
    }
}
