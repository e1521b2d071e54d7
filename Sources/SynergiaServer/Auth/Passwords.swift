import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOPosix

/// bcrypt through hummingbird-auth. Hashing is deliberately slow, so it runs
/// on a thread pool of its own: a burst of sign-ins queues there instead of
/// holding the shared blocking pool that database and file work need.
public struct Passwords: Sendable {
    public let cost: UInt8
    /// A hash, at the configured cost, of a random text nobody knows: an
    /// account without a password (or an unknown e-mail) costs as much to
    /// refuse as a wrong password, so timing does not tell which e-mails exist.
    let decoyHash: String

    /// One thread per core; started on first use and kept for the process.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    public init(cost: UInt8) {
        self.cost = cost
        decoyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await Self.pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let hash = hash ?? decoyHash
        return try await Self.pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The cost a stored hash was made with (`$2b$12$…` → 12).
    static func cost(of hash: String) -> UInt8? {
        let fields = hash.split(separator: "$", omittingEmptySubsequences: true)
        return fields.count >= 2 ? UInt8(fields[1]) : nil
    }
}
