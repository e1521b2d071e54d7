import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound on 127.0.0.1 that records whether anything connected to
/// it: tests give its address to code that must never reach the network.
public final class LocalListener: @unchecked Sendable {
    public let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var connections = 0
    private var stopped = false

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Whether any connection reached the socket so far.
    public var wasContacted: Bool { lock.withLock { connections > 0 } }

    public func stop() {
        lock.withLock { stopped = true }
    }

    private func acceptLoop() {
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(socketFD, nil, nil)
            if client >= 0 {
                lock.withLock { connections += 1 }
                close(client)
            }
        }
        close(socketFD)
    }
}
