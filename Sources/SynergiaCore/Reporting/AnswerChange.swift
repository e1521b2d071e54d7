/// A change to one answer, made against the version the person saw.
public struct AnswerChange: Sendable, Equatable {
    public var key: AnswerKey
    public var concept: String?
    public var value: AnswerValue
    /// The version the change is based on; nil for an answer that did not exist.
    public var expectedVersion: Int?
    /// A confirmation of a prefilled value without changing it.
    public var confirmOnly: Bool

    public init(key: AnswerKey, concept: String?, value: AnswerValue, expectedVersion: Int?, confirmOnly: Bool = false) {
        self.key = key
        self.concept = concept
        self.value = value
        self.expectedVersion = expectedVersion
        self.confirmOnly = confirmOnly
    }
}
