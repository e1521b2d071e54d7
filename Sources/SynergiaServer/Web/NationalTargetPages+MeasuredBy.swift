import SynergiaCore

extension NationalTargetPages {
    /// What the target page says of the series a target is assessed on: the
    /// series, its latest value in the target's unit, the conversion applied,
    /// or why the series' unit cannot be compared with the target's.
    static func measuredByValues(_ progress: NationalTargetProgress, views: Views, language: String) -> [String: Any] {
        var values: [String: Any] = [:]
        if let series = progress.series {
            values["measuredBy"] = series.indicator + " — " + (series.disaggregation.isEmpty ? views.text("measured_by_whole", language) : series.disaggregation)
        }
        if let latest = progress.assessment.latest {
            values["latestValue"] = "\(Localizer.number(latest.value, language)) (\(latest.year))"
        }
        if let from = progress.seriesUnit, let to = progress.unit {
            let key = progress.unitProblem == nil ? "values_converted" : "progress_reason_incompatible_units"
            let text = views.text(key, language).replacingOccurrences(of: "{from}", with: from).replacingOccurrences(of: "{to}", with: to)
            values[progress.unitProblem == nil ? "conversion" : "unitProblem"] = text
        }
        return values
    }
}
