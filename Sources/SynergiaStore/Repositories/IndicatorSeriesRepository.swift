import SynergiaCore

/// One observation to store, with the series it belongs to.
public struct ObservationInput: Sendable, Equatable {
    public var indicator: String
    public var unit: String
    public var disaggregation: String
    public var observation: Observation

    public init(indicator: String, unit: String, disaggregation: String = "", observation: Observation) {
        self.indicator = indicator
        self.unit = unit
        self.disaggregation = disaggregation
        self.observation = observation
    }
}

public struct RecordSummary: Codable, Sendable, Equatable {
    public var added = 0
    public var replaced = 0
    public var unchanged = 0

    public init(added: Int = 0, replaced: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.replaced = replaced
        self.unchanged = unchanged
    }
}

/// A workspace-defined indicator (`KEN-I1`).
public struct NationalIndicator: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var unit: String

    public init(code: String, title: String, unit: String) {
        self.code = code
        self.title = title
        self.unit = unit
    }
}

/// Indicator series and their observations.
public protocol IndicatorSeriesRepository: Sendable {
    func defineNationalIndicator(_ indicator: NationalIndicator, workspaceID: Int64) async throws
    func nationalIndicators(workspaceID: Int64) async throws -> [NationalIndicator]
    /// Stores all observations in one transaction, or none. An observation for
    /// a year the series already has is refused unless `replace` is set.
    func record(_ inputs: [ObservationInput], workspaceID: Int64, replace: Bool) async throws -> RecordSummary
    func series(workspaceID: Int64) async throws -> [IndicatorSeries]
    func series(workspaceID: Int64, indicator: String, disaggregation: String) async throws -> IndicatorSeries?
}
