/// Checks an observation's own content before it is stored; whether its
/// indicator exists and its unit matches the series is the store's to answer.
public enum ObservationRules {
    /// Years an indicator value may describe.
    public static let years = 1900...2100

    public static func validate(_ input: ObservationInput) throws(DomainError) {
        let observation = input.observation
        guard observation.value.isFinite else {
            throw .invalid("\(input.indicator) \(observation.year): the value must be a finite number")
        }
        guard years.contains(observation.year) else {
            throw .invalid("\(input.indicator): year \(observation.year) is outside \(years.lowerBound)–\(years.upperBound)")
        }
        let textProblems = TextInputRules.observationProblems(unit: input.unit, disaggregation: input.disaggregation, source: observation.source)
        guard textProblems.isEmpty else {
            throw .invalid("\(input.indicator) \(observation.year): \(textProblems.joined(separator: "; "))")
        }
    }
}
