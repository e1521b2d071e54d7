/// The series a national target is measured by: one indicator, one of its
/// disaggregations (empty for the whole-country series) and the unit the
/// target's baseline and goal are stated in, so values recorded in another
/// unit are converted before progress is assessed.
public struct SeriesBinding: Codable, Sendable, Equatable, Hashable {
    public var indicator: String
    /// `key=value` pairs joined by `;`, as the series store them (e.g. `realm=land`).
    public var disaggregation: String

    public init(indicator: String, disaggregation: String = "") {
        self.indicator = indicator
        self.disaggregation = disaggregation
    }
}
