/// SplitMix64: tiny, fast, and identical on every platform, so a seed always
/// yields the same generated data (Swift's SystemRandomNumberGenerator cannot
/// be seeded). Used by the demo and benchmark data generators.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func uniform(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &self) }
    public mutating func chance(_ p: Double) -> Bool { uniform(0...1) < p }
    public mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
}
