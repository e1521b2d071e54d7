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
