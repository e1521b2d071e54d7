import SynergiaCore

/// A stale save: the answer changed since the version the person saw.
public struct StaleAnswer: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: AnswerKey
    public var expectedVersion: Int?
    public var current: Answer?

    public var description: String {
        "\(key) was changed by someone else (now version \(current?.version ?? 0), your edit was based on version \(expectedVersion ?? 0)); nothing was saved. Current value: \(current.map { String(describing: $0.value) } ?? "none")"
    }
}
