import Foundation

/// A KBA file whose layer or fields cannot be chosen without the user naming
/// them. It carries the facts (file, layer, what was looked for, what was
/// found); the CLI and the web say where to name the choice.
public enum KBAReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the user names to resolve the refusal.
    public enum Choice: String, Sendable {
        case layer, idField, nameField

        /// The choice as a sentence names it.
        public var label: String {
            switch self {
            case .layer: "KBA layer"
            case .idField: "KBA id field"
            case .nameField: "KBA name field"
            }
        }
    }

    /// No layer given and none of the file's layers stands out.
    case severalLayers(file: String, layers: [String])
    /// The field the user named is not in the layer.
    case fieldNotFound(file: String, layer: String, choice: Choice, given: String, found: [String])
    /// No field named and none of the usual names is in the layer.
    case fieldNotDetected(file: String, layer: String, choice: Choice, candidates: [String], found: [String])
    /// A feature whose id is empty.
    case emptyID(file: String, layer: String, field: String, featureID: Int64)
    /// Two features with the same id: the first two feature ids that have it.
    case duplicateID(file: String, layer: String, field: String, value: String, featureIDs: [Int64])

    public var choice: Choice {
        switch self {
        case .severalLayers: .layer
        case .fieldNotFound(_, _, let choice, _, _), .fieldNotDetected(_, _, let choice, _, _): choice
        case .emptyID, .duplicateID: .idField
        }
    }

    /// The file as uploaded or given, without its folder.
    public var file: String {
        switch self {
        case .severalLayers(let file, _), .fieldNotFound(let file, _, _, _, _), .fieldNotDetected(let file, _, _, _, _),
             .emptyID(let file, _, _, _), .duplicateID(let file, _, _, _, _): file
        }
    }

    /// The refusal without the fix, for callers that add where to name the choice.
    public var facts: String {
        switch self {
        case let .severalLayers(file, layers):
            "KBA file \(file) has \(layers.count) layers (\(layers.joined(separator: ", ")))"
        case let .fieldNotFound(file, layer, _, given, found):
            "KBA file \(file), layer \(layer): no field \(given); fields found: \(found.joined(separator: ", "))"
        case let .fieldNotDetected(file, layer, choice, candidates, found):
            "KBA file \(file), layer \(layer): no \(choice.label) (looked for \(candidates.joined(separator: ", "))); fields found: \(found.joined(separator: ", "))"
        case let .emptyID(file, layer, field, featureID):
            "KBA file \(file), layer \(layer): feature \(featureID) has no id in field \(field); ids must be unique and not empty"
        case let .duplicateID(file, layer, field, value, featureIDs):
            "KBA file \(file), layer \(layer): id \(value) in field \(field) is repeated (features \(featureIDs.map(String.init).joined(separator: " and "))); ids must be unique and not empty"
        }
    }

    public var description: String { "\(facts). Name the \(choice.label)." }
}
