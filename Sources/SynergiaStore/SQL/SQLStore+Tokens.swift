import Crypto
import Foundation
import SQLKit
import SynergiaCore

extension SQLStore {
    /// Creates an API token for a user and returns it; only its SHA-256 is kept.
    public func createToken(userID: Int64, label: String) async throws -> String {
        let token = "syn_" + Self.randomToken()
        try await write { db in
            try await db.insert(into: "api_tokens").columns("user_id", "token_sha256", "label", "created_at")
                .values(SQLBind(userID), SQLBind(Self.digest(token)), SQLBind(label), SQLBind(Timestamp.now())).run()
        }
        return token
    }

    /// The user a token belongs to, or nil for an unknown token.
    public func user(token: String) async throws -> User? {
        let digest = Self.digest(token)
        return try await read { db in
            try await db.raw("SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = \(bind: digest)")
                .first().map(Self.user)
        }
    }

    static func digest(_ token: String) -> String {
        HexText.string(SHA256.hash(data: Data(token.utf8)))
    }
}
