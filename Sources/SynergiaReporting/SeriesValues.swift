import Foundation
import SynergiaCore

/// The workspace's series as prefill reads them: one series' latest value in a question's
/// unit, or rows of indicator data in the indicator's unit, each converted through the unit
/// table and carrying its provenance down to the run that computed it. A value whose unit
/// does not convert is never used: the caller gets the refusal instead.
struct SeriesValues {
    let series: [IndicatorSeries]
    let units: UnitTable
    /// The unit each framework indicator is stated in (`GBF-2.1` → `km2`).
    let indicatorUnits: [String: String]
    /// The engine of each run of the workspace, named with a value it computed.
    var runEngines: [Int64: String] = [:]

    enum Found<Value> {
        case value(Value, AnswerProvenance)
        case refused(String)
    }

    func matching(_ binding: SeriesBinding) -> IndicatorSeries? {
        series.first { $0.indicator == binding.indicator && $0.disaggregation == binding.disaggregation && !$0.observations.isEmpty }
    }

    /// Every series of the indicator with values, the whole country first, then by disaggregation.
    func all(of indicator: String) -> [IndicatorSeries] {
        series.filter { $0.indicator == indicator && !$0.observations.isEmpty }.sorted { $0.disaggregation < $1.disaggregation }
    }

    /// The latest value of the series, in `unit`; nil when the workspace has no such series.
    func latest(_ binding: SeriesBinding, in unit: String, at now: Date) -> Found<Double>? {
        guard let match = matching(binding), let latest = match.observations.max(by: { $0.year < $1.year }) else { return nil }
        do {
            let value = try convert(latest.value, from: match.unit, to: unit)
            return .value(value, provenance(indicator: binding.indicator, observations: [latest], at: now))
        } catch {
            return .refused(error.message)
        }
    }

    /// Rows of indicator data (year, value, unit, disaggregation, source, indicator) of the series
    /// given. With `unit`, every row is converted to it and a series that does not convert refuses
    /// the whole; without, each series is stated in its indicator's unit from the framework
    /// (GBF-2.1 in km²) when it converts, else in its own. Nil when there are no values.
    func rows(_ list: [IndicatorSeries], in unit: String? = nil, at now: Date) -> Found<AnswerValue>? {
        var rows: [AnswerValue] = [], used: [Observation] = []
        for series in list {
            var target = unit ?? indicatorUnits[series.indicator] ?? series.unit
            if unit == nil, (try? convert(1, from: series.unit, to: target)) == nil { target = series.unit }
            for observation in series.observations.sorted(by: { $0.year < $1.year }) {
                let value: Double
                do { value = try convert(observation.value, from: series.unit, to: target) } catch { return .refused(error.message) }
                rows.append(.object(["year": .number(Double(observation.year)), "value": .number(value), "unit": .string(target),
                                     "disaggregation": .string(series.disaggregation), "source": .string(observation.source),
                                     "indicator": .string(series.indicator)]))
                used.append(observation)
            }
        }
        guard !rows.isEmpty else { return nil }
        let indicators = list.map(\.indicator).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return .value(.list(rows), provenance(indicator: indicators.joined(separator: ", "), observations: used, at: now))
    }

    /// The run that computed the latest of the observations, if a run did.
    private func provenance(indicator: String, observations: [Observation], at now: Date) -> AnswerProvenance {
        var provenance = AnswerProvenance(kind: .prefilled, channel: .prefill, at: now, origin: .series, sourceIndicator: indicator)
        if let latest = observations.max(by: { ($0.year, $0.recordedAt) < ($1.year, $1.recordedAt) }), case .computed(let runID) = latest.provenance {
            provenance.sourceRunID = runID
            provenance.sourceEngine = runEngines[runID]
        }
        return provenance
    }

    func convert(_ value: Double, from: String, to: String) throws(DomainError) -> Double {
        guard from != to else { return value }
        return Self.tidy(try units.convert(value, from: from, to: to))
    }

    /// A converted value to 12 significant digits, so that 2.1 Mha is 21000 km², not 21000.000000000004.
    static func tidy(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        return Double(String(format: "%.12g", value)) ?? value
    }
}
