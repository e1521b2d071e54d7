import SynergiaCore
import SynergiaStore

extension NationalTargetEditor {
    /// The form's value for a series: `GBF-3.1|realm=land`; empty for the default
    /// (the first indicator's whole-country series).
    static func formValue(_ binding: SeriesBinding) -> String {
        binding.indicator + "|" + binding.disaggregation
    }

    static func measuredBy(_ field: String) -> SeriesBinding? {
        guard !field.isEmpty else { return nil }
        let parts = field.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        return SeriesBinding(indicator: Code.canonical(String(parts[0])),
                             disaggregation: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
    }

    /// The series a target may be measured by: the workspace's series of the
    /// target's indicators (every series for a target not yet saved), each with
    /// its unit and, when it differs from the target's, whether it converts.
    static func measuredByChoices(target: NationalTarget?, chosen: String, workspaceID: Int64, store: SQLStore, units: UnitTable,
                                  views: Views, language: String) async throws -> [[String: Any]] {
        let indicators = Set(target?.indicators ?? [])
        var bindings: [(SeriesBinding, String?)] = try await store.series(workspaceID: workspaceID)
            .filter { indicators.isEmpty || indicators.contains($0.indicator) }
            .map { (SeriesBinding(indicator: $0.indicator, disaggregation: $0.disaggregation), $0.unit) }
        if let current = measuredBy(chosen), !bindings.contains(where: { $0.0 == current }) {
            bindings.append((current, nil))
        }
        let targetUnit = target?.unit ?? ""
        let choices = bindings.map { binding, unit -> [String: Any] in
            var label = binding.indicator + " — " + (binding.disaggregation.isEmpty ? views.text("measured_by_whole", language) : binding.disaggregation)
            if let unit {
                label += " (\(unit))"
                if !targetUnit.isEmpty, unit != targetUnit {
                    let key = (try? units.conversion(from: unit, to: targetUnit)) != nil ? "values_converted" : "progress_reason_incompatible_units"
                    label += " · " + views.text(key, language).replacingOccurrences(of: "{from}", with: unit).replacingOccurrences(of: "{to}", with: targetUnit)
                }
            }
            return ["value": formValue(binding), "label": label, "selected": formValue(binding) == chosen]
        }
        return [["value": "", "label": views.text("measured_by_default", language), "selected": chosen.isEmpty]] + choices
    }
}
