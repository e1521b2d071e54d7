extension AnswerValue {
    /// The value of the latest year in an indicator-data answer (rows of year,
    /// value, unit, disaggregation, indicator), as a check reads it. Rows are
    /// first narrowed to `series` when given and when some row names its
    /// indicator; then to rows without disaggregation when the latest year has
    /// several. A row in another unit than `unit` (when both are stated) gives
    /// null: a check never compares numbers in two units (the reporting service
    /// converts such a row to the target's unit first when the units convert).
    public func latestIndicatorValue(series: SeriesBinding? = nil, unit: String? = nil) -> ExpressionValue {
        guard let latest = latestIndicatorRow(series: series) else { return .null }
        if let unit, !unit.isEmpty, !latest.unit.isEmpty, latest.unit != unit { return .null }
        return .number(latest.value)
    }

    /// The row `latestIndicatorValue` reads: its value and unit (empty when not stated).
    public func latestIndicatorRow(series: SeriesBinding? = nil) -> (value: Double, unit: String)? {
        guard case .list(let rows) = self else { return nil }
        var candidates = rows.filter { $0["year"].numberValue != nil && $0["value"].numberValue != nil }
        if let series {
            let named = candidates.filter { Code.canonical($0["indicator"].stringValue ?? "") == Code.canonical(series.indicator) }
            if !named.isEmpty {
                candidates = named.filter { ($0["disaggregation"].stringValue ?? "") == series.disaggregation }
            }
        }
        guard let latestYear = candidates.compactMap({ $0["year"].numberValue }).max() else { return nil }
        var latest = candidates.filter { $0["year"].numberValue == latestYear }
        if latest.count > 1 { latest = latest.filter { ($0["disaggregation"].stringValue ?? "").isEmpty } }
        guard latest.count == 1, let value = latest[0]["value"].numberValue else { return nil }
        return (value, latest[0]["unit"].stringValue ?? "")
    }
}
