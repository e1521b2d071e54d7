import Foundation

/// An option of an engine pipeline, as the CLI (a flag) and the web (a form field) both offer it.
public enum PipelineOption: String, Sendable, CaseIterable {
    case year, areaMethod, snapGrid, badRecords, wdpaLayer, landLayer, eezLayer, territoryField, landField, eezField
    case land, eez
    case kbaLayer, kbaIDField, kbaNameField, legend, matrix

    /// The option as a sentence names it.
    public var label: String {
        switch self {
        case .year: "year"
        case .areaMethod: "area method"
        case .snapGrid: "snapping grid"
        case .badRecords: "policy for invalid records"
        case .wdpaLayer: "WDPA layer"
        case .landLayer: "land layer"
        case .eezLayer: "EEZ layer"
        case .territoryField: "territory field"
        case .landField: "land field"
        case .eezField: "EEZ field"
        case .land: "land boundary file"
        case .eez: "EEZ boundary file"
        case .kbaLayer: "KBA layer"
        case .kbaIDField: "KBA id field"
        case .kbaNameField: "KBA name field"
        case .legend: "legend table"
        case .matrix: "transition matrix"
        }
    }
}

/// An option value refused before any file is read. It carries the facts
/// (which option, the value given, what is allowed); the CLI names its flag,
/// the web its form field.
public enum PipelineOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    case notOneOf(option: PipelineOption, given: String, allowed: [String])
    /// The snapping grid is 0 (none) or a positive, finite number of metres.
    case invalidSnapGrid(given: String)
    case yearOutOfRange(given: String, range: ClosedRange<Int>)
    /// A KBA layer or field named without a KBA file.
    case needsKBAFile(option: PipelineOption)
    /// A layer or field name that cannot be one (control characters, too long).
    case invalidName(option: PipelineOption, given: String)
    /// A layer or field named for a boundary file that was not given.
    case needsFile(option: PipelineOption, file: PipelineOption)
    /// Neither a land nor an EEZ file: there is nothing to measure coverage of.
    case needsBoundary

    public var option: PipelineOption {
        switch self {
        case .notOneOf(let option, _, _), .needsKBAFile(let option), .invalidName(let option, _), .needsFile(let option, _): option
        case .needsBoundary: .land
        case .invalidSnapGrid: .snapGrid
        case .yearOutOfRange: .year
        }
    }

    public var description: String {
        switch self {
        case let .notOneOf(option, given, allowed):
            "the \(option.label) '\(given)' is not one of \(allowed.joined(separator: ", "))"
        case .invalidSnapGrid(let given):
            "the snapping grid must be 0 (no snapping) or a number of metres, not '\(given)'"
        case let .yearOutOfRange(given, range):
            "the year must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(given)'"
        case .needsKBAFile(let option):
            "the \(option.label) goes with a KBA file; give the KBA file too"
        case let .invalidName(option, given):
            "the \(option.label) '\(given.prefix(80))' is not a layer or field name (at most 200 characters, no control characters)"
        case let .needsFile(option, file):
            "the \(option.label) goes with a \(file.label); give the \(file.label) too"
        case .needsBoundary:
            "a coverage run needs a land boundary file, an EEZ boundary file or both"
        }
    }
}
