import Foundation

/// Checks a national target before it is stored.
public enum NationalTargetRules {
    /// National codes carry the workspace's country: `KEN-T1`.
    public static func canonicalCode(_ raw: String, country: String) -> String {
        let code = Code.canonical(raw)
        return code.hasPrefix(country + "-") ? code : "\(country)-\(code)"
    }

    public static func validate(_ target: NationalTarget) throws(DomainError) {
        guard Code.isWellFormed(target.code) else {
            throw .invalid("national target code '\(target.code)' may hold only letters, digits, '-', '.' and '_' (e.g. KEN-T1)")
        }
        guard !target.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid("national target \(target.code): the title is empty; give a short title")
        }
        switch (target.baseline, target.target) {
        case (nil, nil):
            break
        case let (baseline?, goal?):
            guard goal.year > baseline.year else {
                throw .invalid("national target \(target.code): the target year \(goal.year) must come after the baseline year \(baseline.year)")
            }
            guard baseline.value.isFinite, goal.value.isFinite else {
                throw .invalid("national target \(target.code): baseline and target values must be numbers")
            }
            if goal.value == baseline.value && target.direction == nil {
                throw .invalid("national target \(target.code): the target equals the baseline; say whether the value must not fall (direction increase) or not rise (direction decrease)")
            }
        default:
            throw .invalid("national target \(target.code): give both a baseline (year and value) and a target (year and value), or neither")
        }
        var seen: Set<String> = []
        for alignment in target.alignments where !seen.insert(alignment.globalTarget).inserted {
            throw .invalid("national target \(target.code): global target \(alignment.globalTarget) is aligned twice; keep one alignment with one degree")
        }
        if let binding = target.measuredBy { try validate(binding, of: target.code) }
    }

    /// The series a target is measured by names an indicator code and a
    /// disaggregation written as series store it: `key=value` pairs joined by `;`
    /// (`realm=land`, `realm=land;ecosystem=forest`), or nothing for the whole country.
    /// Whether the indicator exists is the store's to check.
    public static func validate(_ binding: SeriesBinding, of code: String) throws(DomainError) {
        guard Code.isWellFormed(binding.indicator) else {
            throw .invalid("national target \(code): the measured-by indicator '\(binding.indicator)' is no indicator code; use one such as GBF-3.1")
        }
        guard !binding.disaggregation.isEmpty else { return }
        var keys: Set<Substring> = []
        for pair in binding.disaggregation.split(separator: ";", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, isDisaggregationWord(parts[0]), isDisaggregationWord(parts[1]) else {
                throw .invalid("national target \(code): the disaggregation '\(binding.disaggregation)' is not key=value pairs joined by ';' (at '\(pair)'); write it as the series is recorded, e.g. realm=land")
            }
            guard keys.insert(parts[0]).inserted else {
                throw .invalid("national target \(code): the disaggregation '\(binding.disaggregation)' names '\(parts[0])' twice; give each key once")
            }
        }
    }

    private static func isDisaggregationWord(_ word: Substring) -> Bool {
        !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }
}
