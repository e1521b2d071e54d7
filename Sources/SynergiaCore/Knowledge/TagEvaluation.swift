/// Precision and recall of suggestions against hand labels.
public struct TagEvaluation: Sendable, Equatable {
    public var paragraphs = 0
    public var suggested = 0
    public var labelled = 0
    public var correct = 0

    public init() {}

    public var precision: Double { suggested == 0 ? 1 : Double(correct) / Double(suggested) }
    public var recall: Double { labelled == 0 ? 1 : Double(correct) / Double(labelled) }

    public mutating func add(suggested terms: Set<String>, labelled expected: Set<String>) {
        paragraphs += 1
        suggested += terms.count
        labelled += expected.count
        correct += terms.intersection(expected).count
    }
}
