import Foundation
import SynergiaCore

/// Ways the fuzz runs damage a valid file: each takes its bytes and a seeded
/// generator, so a failing case is reproduced by its seed and round.
public enum FuzzMutation: CaseIterable, Sendable {
    case flipBytes, truncate, duplicateSlice, insertDeepNesting

    public func apply(_ data: Data, _ random: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return data }
        switch self {
        case .flipBytes:
            for _ in 0..<random.int(1...8) { bytes[random.int(0...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next()) }
        case .truncate:
            bytes = Array(bytes.prefix(random.int(0...(bytes.count - 1))))
        case .duplicateSlice:
            let start = random.int(0...(bytes.count - 1))
            let end = min(bytes.count, start + random.int(1...200))
            bytes.insert(contentsOf: bytes[start..<end], at: random.int(0...bytes.count))
        case .insertDeepNesting:
            // Markup or JSON nesting, whichever the file looks like, after a delimiter.
            let depth = random.int(150...20_000)
            let isJSON = bytes.first == UInt8(ascii: "{") || bytes.first == UInt8(ascii: "[")
            let nested = isJSON ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                : String(repeating: "<div>", count: depth) + String(repeating: "</div>", count: depth)
            let delimiter = UInt8(ascii: isJSON ? ":" : ">")
            let at = bytes.indices.filter { bytes[$0] == delimiter }.randomElement(using: &random).map { $0 + 1 } ?? 0
            bytes.insert(contentsOf: Array(nested.utf8), at: at)
        }
        return Data(bytes)
    }
}
