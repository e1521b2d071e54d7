import Foundation

/// Values decoded from JSON text columns, by their text. A report page reads
/// every answer of its report, and the same answers are read again on the next
/// page; decoding JSON costs far more than looking the text up. The value is a
/// function of the text alone, so an entry never goes stale; the cache is
/// emptied when it holds `capacity` texts.
final class DecodedTextCache<Value: Decodable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private let capacity: Int
    /// Longer texts are decoded every time: they are rare and would crowd the cache.
    private let longestText: Int

    init(capacity: Int = 50_000, longestText: Int = 16_384) {
        self.capacity = capacity
        self.longestText = longestText
    }

    func value(_ text: String) throws -> Value {
        guard text.utf8.count <= longestText else { return try JSONCoding.decode(Value.self, text) }
        if let cached = lock.withLock({ values[text] }) { return cached }
        let value = try JSONCoding.decode(Value.self, text)
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[text] = value
        }
        return value
    }
}
