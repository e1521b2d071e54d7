import Foundation
import SynergiaCore

/// One series a run wrote into the workspace: the indicator, its
/// disaggregation ("" for the indicator itself) and the years written, so the
/// CLI and the web say exactly what was stored.
public struct StoredSeries: Sendable, Hashable, CustomStringConvertible {
    public var indicator: String
    public var disaggregation: String
    /// Ascending.
    public var years: [Int]

    public init(indicator: String, disaggregation: String, years: [Int]) {
        self.indicator = indicator
        self.disaggregation = disaggregation
        self.years = years
    }

    /// "GBF-3.1 realm=land: 1990–2025 (14 years)", "SDG-15.1.2: 2025".
    public var description: String {
        let name = disaggregation.isEmpty ? indicator : "\(indicator) \(disaggregation)"
        guard let first = years.first, let last = years.last else { return name }
        return first == last ? "\(name): \(first)" : "\(name): \(first)–\(last) (\(years.count) years)"
    }

    /// The series of a list of observations, in the order they first appear.
    static func of(_ observations: [ObservationInput]) -> [StoredSeries] {
        var order: [String] = [], years: [String: (indicator: String, disaggregation: String, years: Set<Int>)] = [:]
        for input in observations {
            let key = "\(input.indicator)|\(input.disaggregation)"
            if years[key] == nil { order.append(key); years[key] = (input.indicator, input.disaggregation, []) }
            years[key]!.years.insert(input.observation.year)
        }
        return order.map { key in
            let entry = years[key]!
            return StoredSeries(indicator: entry.indicator, disaggregation: entry.disaggregation, years: entry.years.sorted())
        }
    }
}
