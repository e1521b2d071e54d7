import Foundation
import SynergiaComputations
import SynergiaGeoBindings
import SynergiaCoverage

/// The flag that sets each pipeline option: the CLI's words for the facts the pipelines report.
func flag(_ option: PipelineOption) -> String {
    switch option {
    case .year: "--year"
    case .areaMethod: "--area"
    case .snapGrid: "--snap-grid"
    case .badRecords: "--refuse-bad-records"
    case .wdpaLayer: "--wdpa-layer"
    case .landLayer: "--land-layer"
    case .eezLayer: "--eez-layer"
    case .territoryField: "--territory-field"
    case .landField: "--land-field"
    case .eezField: "--eez-field"
    case .land: "--land"
    case .eez: "--eez"
    case .kbaLayer: "--kba-layer"
    case .kbaIDField: "--kba-id-field"
    case .kbaNameField: "--kba-name-field"
    case .legend: "--legend"
    case .matrix: "--matrix"
    }
}

func flag(_ choice: KBAReadError.Choice) -> String {
    switch choice {
    case .layer: flag(PipelineOption.kbaLayer)
    case .idField: flag(PipelineOption.kbaIDField)
    case .nameField: flag(PipelineOption.kbaNameField)
    }
}

/// A refused option or KBA choice phrased with the flag that fixes it.
func cliMessage(_ error: PipelineOptionError) -> String {
    switch error {
    case let .notOneOf(option, given, allowed): "\(flag(option)) must be \(allowed.joined(separator: " or ")), not '\(given)'"
    case .invalidSnapGrid(let given): "--snap-grid must be 0 (no snapping) or a number of metres, not '\(given)'"
    case let .yearOutOfRange(given, range): "--year must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(given)'"
    case .needsKBAFile(let option): "\(flag(option)) goes with --kba FILE"
    case let .invalidName(option, given): "\(flag(option)) '\(given.prefix(80))' is not a layer or field name"
    case let .needsFile(option, file): "\(flag(option)) goes with \(flag(file)) FILE"
    case .needsBoundary: "give --land FILE, --eez FILE or both (--land alone for a landlocked country)"
    }
}

func cliMessage(_ error: KBAReadError) -> String {
    switch error {
    case .emptyID, .duplicateID:
        "\(error.facts); name a field whose values are unique with \(flag(error.choice)), or \(flag(error.choice)) fid for the feature id"
    default:
        "\(error.facts); name the \(error.choice.label) with \(flag(error.choice))"
    }
}

func cliMessage(_ error: TerritoryReadError) -> String {
    let option = flag(error.role == .land ? PipelineOption.landField : .eezField)
    switch error {
    case .countryNotFound(let missing):
        if let other = missing.otherField { return "\(error.facts): run with \(option) \(other.name)" }
        return "\(error.facts); check the code or the field (\(option))"
            + (missing.role == .eez && missing.otherLayerGiven ? ", or run without --eez for a land-only run (a landlocked country)" : "")
    case .fieldAmbiguous: return "\(error.facts); name the one to use with \(option)"
    default: return "\(error.facts); name the field with \(option)"
    }
}

/// Engine and pipeline failures as messages for the person at the terminal.
func pipelineErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as PipelineOptionError {
        throw CLIError(message: cliMessage(error))
    } catch let error as KBAReadError {
        throw CLIError(message: cliMessage(error))
    } catch let error as TerritoryReadError {
        throw CLIError(message: cliMessage(error))
    } catch let error as GeoError {
        throw CLIError(message: "\(error)")
    } catch let error as WDPAImportError {
        throw CLIError(message: "\(error)")
    }
}
