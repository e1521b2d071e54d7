/// How many PostgreSQL test databases are open at once. The suite starts every test case
/// together; unbounded, hundreds of stores (each a client of up to 8 connections, plus CLI
/// processes with pools of their own) open connections at the same moment on a small machine.
/// A task that already holds a slot (a test nesting a second database) does not wait for another.
actor DatabaseSlots {
    static let postgres = DatabaseSlots(count: 12)

    @TaskLocal static var held = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    nonisolated func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        if Self.held { return try await body() }
        await acquire()
        do {
            let result = try await Self.$held.withValue(true) { try await body() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
