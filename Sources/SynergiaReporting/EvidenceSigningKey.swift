import Crypto
import Foundation
import SynergiaCore
import SynergiaStore

/// The installation's Ed25519 key that signs evidence bundles. The private key is an
/// installation secret (32 random bytes kept in the database, created on first use);
/// the public key travels in each bundle as PEM and is shown by `synergia evidence key`
/// so that a recipient can pin it.
public struct EvidenceSigningKey: Sendable {
    static let secretName = "evidence-signing-key"
    /// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 key bytes follow.
    static let subjectPublicKeyInfoPrefix = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00])

    let privateKey: Curve25519.Signing.PrivateKey

    public static func installation(_ store: SQLStore) async throws -> EvidenceSigningKey {
        EvidenceSigningKey(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: try await store.installationSecret(secretName)))
    }

    /// A key from its 32 private bytes (the installation's comes from `installation(_:)`).
    public init(rawPrivateKey: Data) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    public var publicKey: EvidencePublicKey { EvidencePublicKey(key: privateKey.publicKey) }

    func sign(_ data: Data) throws -> Data { try privateKey.signature(for: data) }
}

/// A public key of an installation: read from PEM or from the 32 raw bytes in base64.
public struct EvidencePublicKey: Sendable, Equatable {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) { self.key = key }

    public static func == (lhs: EvidencePublicKey, rhs: EvidencePublicKey) -> Bool { lhs.key.rawRepresentation == rhs.key.rawRepresentation }

    /// SubjectPublicKeyInfo in DER, as OpenSSL writes an Ed25519 public key.
    public var der: Data { EvidenceSigningKey.subjectPublicKeyInfoPrefix + key.rawRepresentation }

    public var pem: String {
        let body = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----\n"
    }

    /// The 32 key bytes in base64, the short form a recipient may pin.
    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// SHA-256 (hex) of the DER form.
    public var fingerprint: String { HexText.string(SHA256.hash(data: der)) }

    /// A PEM public key, or the 32 raw bytes in base64; nil when the text is neither.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: Data?
        if trimmed.hasPrefix("-----BEGIN PUBLIC KEY-----") {
            let body = trimmed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("-----") }.joined()
            guard let der = Data(base64Encoded: body), der.count == 44, der.prefix(12) == EvidenceSigningKey.subjectPublicKeyInfoPrefix else { return nil }
            bytes = der.suffix(32)
        } else if let raw = Data(base64Encoded: trimmed), raw.count == 32 {
            bytes = raw
        }
        guard let bytes, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else { return nil }
        self.key = key
    }

    func isValidSignature(_ signature: Data, for data: Data) -> Bool { key.isValidSignature(signature, for: data) }
}
