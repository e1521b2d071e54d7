import Foundation

/// The fields the history keeps for each subject, and the differences between
/// two states of it: what a change records and what a restore writes back.
public enum HistoryFields {
    /// A target's fields in the order its form shows them, then an alignment's and an observation's.
    public static let order = ["title", "description", "unit", "baseline", "target", "direction", "indicators", "measured_by",
                               "degree", "value", "source", "provenance", "reference"]

    public static func ordered(_ names: Set<String>) -> [String] {
        order.filter(names.contains) + names.subtracting(order).sorted()
    }

    // MARK: National targets

    public static func target(_ target: NationalTarget) -> [String: HistoryValue] {
        var measuredBy = HistoryValue.null
        if let binding = target.measuredBy {
            measuredBy = .object(["indicator": .text(binding.indicator), "disaggregation": .text(binding.disaggregation)])
        }
        return [
            "title": .text(target.title), "description": .text(target.description), "unit": .optional(target.unit),
            "baseline": .yearValue(target.baseline), "target": .yearValue(target.target),
            "direction": .optional(target.direction?.rawValue), "indicators": .list(target.indicators.map(HistoryValue.text)),
            "measured_by": measuredBy,
        ]
    }

    /// Only the fields that differ, before and after; nil when none does.
    public static func difference(_ before: [String: HistoryValue], _ after: [String: HistoryValue]) -> (before: [String: HistoryValue], after: [String: HistoryValue])? {
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        guard !changed.isEmpty else { return nil }
        return (before.filter { changed.contains($0.key) }, after.filter { changed.contains($0.key) })
    }

    /// `target` with the given fields set; a field's value of the wrong shape is refused naming the field.
    public static func applying(_ fields: [String: HistoryValue], to target: NationalTarget) throws -> NationalTarget {
        var result = target
        for (name, value) in fields {
            func shape() -> DomainError { .invalid("the history's value of \(target.code) \(name) (\(value.display())) cannot be written back") }
            switch name {
            case "title": guard let text = value.text else { throw shape() }; result.title = text
            case "description": guard let text = value.text else { throw shape() }; result.description = text
            case "unit": result.unit = value.text
            case "baseline": guard value == .null || value.yearValue != nil else { throw shape() }; result.baseline = value.yearValue
            case "target": guard value == .null || value.yearValue != nil else { throw shape() }; result.target = value.yearValue
            case "direction": result.direction = value.text.flatMap(DesiredDirection.init(rawValue:))
            case "indicators":
                guard case .list(let codes) = value else { throw shape() }
                result.indicators = codes.compactMap(\.text)
            case "measured_by":
                if case .object(let binding) = value, let indicator = binding["indicator"]?.text {
                    result.measuredBy = SeriesBinding(indicator: indicator, disaggregation: binding["disaggregation"]?.text ?? "")
                } else {
                    result.measuredBy = nil
                }
            default: throw shape()
            }
        }
        return result
    }

    // MARK: Alignments

    public static func alignmentKey(target: String, globalTarget: String) -> String { "\(target)|\(globalTarget)" }

    /// The global target an alignment key names (`KEN-T1|GBF-3` → `GBF-3`).
    public static func globalTarget(ofAlignmentKey key: String) -> String {
        key.split(separator: "|", maxSplits: 1).last.map(String.init) ?? key
    }

    public static func alignment(_ degree: AlignmentDegree?) -> [String: HistoryValue]? {
        degree.map { ["degree": .text($0.rawValue)] }
    }

    /// Each alignment added, removed or given another degree, in global target order.
    public static func alignmentChanges(from before: [TargetAlignment], to after: [TargetAlignment]) -> [(globalTarget: String, before: AlignmentDegree?, after: AlignmentDegree?)] {
        let old = Dictionary(before.map { ($0.globalTarget, $0.degree) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.globalTarget, $0.degree) }, uniquingKeysWith: { first, _ in first })
        return Set(old.keys).union(new.keys).sorted().compactMap { code in
            old[code] == new[code] ? nil : (code, old[code], new[code])
        }
    }

    // MARK: Observations

    public static func observationKey(indicator: String, disaggregation: String, year: Int) -> String {
        "\(indicator)|\(disaggregation)|\(year)"
    }

    /// The series scope of an observation key (`GBF-3.1|realm=land|2020` → `GBF-3.1|realm=land`) and its year.
    public static func observationScope(ofKey key: String) -> (scope: String, year: Int)? {
        guard let bar = key.lastIndex(of: "|"), let year = Int(key[key.index(after: bar)...]) else { return nil }
        return (String(key[..<bar]), year)
    }

    public static func observation(_ observation: Observation?, unit: String) -> [String: HistoryValue]? {
        guard let observation else { return nil }
        return ["value": .number(observation.value), "unit": .text(unit), "source": .text(observation.source),
                "provenance": .text(observation.provenance.kind), "reference": .optional(observation.provenance.reference)]
    }
}
