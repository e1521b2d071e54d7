import Testing
import SynergiaCore
@testable import SynergiaStore

/// Answers decoded from their JSON text once per distinct text: the cache
/// must give exactly what decoding gives, and never keep a refusal.
struct DecodedTextCacheTests {
    @Test func aCachedValueEqualsTheDecodedOneAndEvictionKeepsAnswersRight() throws {
        let cache = DecodedTextCache<AnswerValue>(capacity: 3)
        let texts = (0..<10).map { "{\"n\":\($0),\"s\":\"x\($0)\"}" }
        for round in 0..<3 {
            for text in texts {
                #expect(try cache.value(text) == JSONCoding.decode(AnswerValue.self, text), "round \(round)")
            }
        }
        #expect(try cache.value("[1,2.5,\"a\"]") == .list([.number(1), .number(2.5), .string("a")]))
    }

    @Test func malformedTextIsRefusedEveryTime() {
        let cache = DecodedTextCache<AnswerValue>()
        #expect(throws: (any Error).self) { try cache.value("{\"n\":") }
        #expect(throws: (any Error).self) { try cache.value("{\"n\":") }
    }

    @Test func longTextsAreDecodedWithoutBeingKept() throws {
        let cache = DecodedTextCache<AnswerValue>(capacity: 10, longestText: 8)
        #expect(try cache.value("\"a long text\"") == .string("a long text"))
        #expect(try cache.value("1") == .number(1))
    }
}
