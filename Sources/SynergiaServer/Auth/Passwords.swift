import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt through hummingbird-auth. Hashing is deliberately slow, so it runs
/// on the blocking thread pool rather than an event loop.
public struct Passwords: Sendable {
    public var cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        // An account without a password still costs a hash, so timing does not tell which e-mails exist.
        let hash = hash ?? Self.decoy
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random text nobody knows (cost 10).
    private static let decoy = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYlwYpQW0G3cBVtHyQq9gS"
}
