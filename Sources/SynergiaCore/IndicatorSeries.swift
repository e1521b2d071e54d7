import Foundation

/// Where a value came from; kept as data so every screen can say it.
public enum Provenance: Codable, Sendable, Equatable {
    /// Typed by a person (user id, or nil from the command line).
    case entered(userID: Int64?)
    /// Read from a file: its SHA-256 and the row (1-based line of the file).
    case imported(fileSHA256: String, row: Int)
    /// Produced by an engine run stored in the workspace.
    case computed(runID: Int64)

    public var kind: String {
        switch self {
        case .entered: "entered"
        case .imported: "imported"
        case .computed: "computed"
        }
    }

    /// A short reference string, stored beside `kind`.
    public var reference: String? {
        switch self {
        case .entered(let userID): userID.map(String.init)
        case .imported(let hash, let row): "\(hash)#\(row)"
        case .computed(let runID): String(runID)
        }
    }

    public init?(kind: String, reference: String?) {
        switch kind {
        case "entered":
            self = .entered(userID: reference.flatMap(Int64.init))
        case "imported":
            guard let reference, let hash = reference.split(separator: "#").first,
                  let row = reference.split(separator: "#").last.flatMap({ Int($0) }) else { return nil }
            self = .imported(fileSHA256: String(hash), row: row)
        case "computed":
            guard let id = reference.flatMap(Int64.init) else { return nil }
            self = .computed(runID: id)
        default:
            return nil
        }
    }
}

public struct Observation: Codable, Sendable, Equatable {
    public var year: Int
    public var value: Double
    public var source: String
    public var provenance: Provenance
    public var recordedAt: Date

    public init(year: Int, value: Double, source: String, provenance: Provenance, recordedAt: Date = Date()) {
        self.year = year
        self.value = value
        self.source = source
        self.provenance = provenance
        self.recordedAt = recordedAt
    }
}

/// Values of one indicator in one workspace over the years, optionally for one
/// disaggregation (e.g. `realm=marine`).
public struct IndicatorSeries: Codable, Sendable, Equatable {
    public var id: Int64
    public var workspaceID: Int64
    public var indicator: String
    public var unit: String
    /// Empty for the whole; otherwise `key=value` pairs joined by `;`.
    public var disaggregation: String
    public var observations: [Observation]

    public init(id: Int64, workspaceID: Int64, indicator: String, unit: String, disaggregation: String = "", observations: [Observation] = []) {
        self.id = id
        self.workspaceID = workspaceID
        self.indicator = indicator
        self.unit = unit
        self.disaggregation = disaggregation
        self.observations = observations
    }
}
