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
    }
}
