import SynergiaCore
import SynergiaStore

/// A small hand-made reference set, so store tests do not depend on data/.
enum Fixtures {
    static let reference = ReferenceSet(
        countries: [
            Country(alpha2: "KE", alpha3: "KEN", numeric: "404", name: "Kenya", officialName: "Republic of Kenya"),
            Country(alpha2: "FR", alpha3: "FRA", numeric: "250", name: "France", officialName: "French Republic"),
        ],
        conventions: [
            Convention(code: "CARTAGENA", name: "Cartagena Protocol", kind: .protocol_, parent: "CBD", source: "s"),
            Convention(code: "CBD", name: "Convention on Biological Diversity", kind: .convention, source: "s"),
            Convention(code: "RAMSAR", name: "Ramsar Convention", kind: .convention, source: "s"),
        ],
        frameworks: [
            FrameworkContent(
                framework: Framework(code: "GBF", name: "GBF", convention: "CBD", startYear: 2022, endYear: 2030, source: "15/4"),
                goals: [Goal(code: "GBF-A", framework: "GBF", title: "Protect and restore", source: "15/4")],
                targets: [
                    GlobalTarget(code: "GBF-2", framework: "GBF", number: "2", title: "Restore", source: "15/4"),
                    GlobalTarget(code: "GBF-3", framework: "GBF", number: "3", title: "Conserve 30 %", source: "15/4"),
                ],
                indicators: [
                    Indicator(code: "GBF-3.1", framework: "GBF", kind: .headline, title: "Coverage", unit: "percent", targets: ["GBF-3"], source: "16/31"),
                ]),
            FrameworkContent(
                framework: Framework(code: "AICHI", name: "Aichi", convention: "CBD", source: "X/2"),
                goals: [Goal(code: "AICHI-C", framework: "AICHI", title: "Status", source: "X/2")],
                targets: [GlobalTarget(code: "AICHI-11", framework: "AICHI", goal: "AICHI-C", number: "11", title: "Protected areas", source: "X/2")],
                indicators: []),
        ],
        crosswalk: [CrosswalkLink(from: "AICHI-11", to: "GBF-3", relation: .contributesTo, source: "note")])

    static func seeded(_ store: SQLStore) async throws -> Workspace {
        _ = try await store.seedReference(reference)
        return try await store.createWorkspace(country: "KEN", name: nil, conventions: ["CBD"])
    }

    static func protectTarget(_ code: String = "KEN-T1") -> NationalTarget {
        NationalTarget(code: code, title: "Protect 30 %", unit: "percent",
                       baseline: YearValue(year: 2015, value: 10), target: YearValue(year: 2030, value: 25),
                       alignments: [TargetAlignment(globalTarget: "GBF-3", degree: .high)], indicators: ["GBF-3.1"])
    }

    static func observation(_ year: Int, _ value: Double, indicator: String = "GBF-3.1", unit: String = "percent") -> ObservationInput {
        ObservationInput(indicator: indicator, unit: unit,
                         observation: Observation(year: year, value: value, source: "test", provenance: .entered(userID: nil)))
    }
}
