import Testing
import SynergiaCore
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

/// The reference data shipped in data/ loads, validates and holds what the
/// frameworks' sources define.
@Suite struct ShippedDataTests {
    let set: ReferenceSet

    init() throws {
        set = try TestDatabase.referenceSet()
    }

    func framework(_ code: String) throws -> FrameworkContent {
        try #require(set.frameworks.first { $0.framework.code == code })
    }

    @Test func gbfHasFourGoalsAndTwentyThreeTargets() throws {
        let gbf = try framework("GBF")
        #expect(gbf.goals.map(\.code) == ["GBF-A", "GBF-B", "GBF-C", "GBF-D"])
        #expect(gbf.targets.map(\.code) == (1...23).map { "GBF-\($0)" })
        #expect(gbf.indicators.contains { $0.code == "GBF-3.1" && $0.kind == .headline && $0.targets.contains("GBF-3") })
        #expect(gbf.indicators.contains { $0.kind == .binary })
    }

    @Test func aichiHasFiveGoalsAndTwentyTargets() throws {
        let aichi = try framework("AICHI")
        #expect(aichi.goals.count == 5)
        #expect(aichi.targets.map(\.code) == (1...20).map { "AICHI-\($0)" })
        #expect(aichi.targets.allSatisfy { $0.goal != nil })
    }

    @Test func sdgHasTheBiodiversityIndicators() throws {
        let codes = Set(try framework("SDG").indicators.map(\.code))
        for code in ["SDG-6.6.1", "SDG-14.5.1", "SDG-15.1.1", "SDG-15.1.2", "SDG-15.3.1", "SDG-15.4.1", "SDG-15.5.1"] {
            #expect(codes.contains(code), "missing \(code)")
        }
    }

    @Test func conventionPlansAndConventionsArePresent() throws {
        let frameworks = Set(set.frameworks.map(\.framework.code))
        #expect(frameworks.isSuperset(of: ["GBF", "AICHI", "SDG", "RAMSAR4", "CMS-SPMS", "CITES-SV", "UNCCD"]))
        let conventions = Set(set.conventions.map(\.code))
        #expect(conventions.isSuperset(of: ["CBD", "CARTAGENA", "NAGOYA", "CITES", "CMS", "AEWA", "RAMSAR", "WHC", "ITPGRFA", "IPPC", "UNCCD", "UNFCCC"]))
    }

    @Test func everyItemNamesItsSource() {
        for content in set.frameworks {
            #expect(!content.framework.source.isEmpty)
            for target in content.targets { #expect(!target.source.isEmpty, "\(target.code) has no source") }
            for indicator in content.indicators { #expect(!indicator.source.isEmpty, "\(indicator.code) has no source") }
        }
        for link in set.crosswalk { #expect(!link.source.isEmpty) }
    }

    @Test func aichiElevenReachesGBFThreeAndTheSDGAreaTargets() {
        let items = set.frameworks.flatMap { content in
            (content.goals.map { ($0.code, $0.title) } + content.targets.map { ($0.code, $0.title) })
                .map { CrosswalkGraph.Item(code: $0.0, framework: content.framework.code, title: $0.1) }
        }
        let related = CrosswalkGraph(items: items, links: set.crosswalk).related(to: "AICHI-11").map(\.code)
        #expect(related.contains("GBF-3"))
        #expect(related.contains("SDG-14.5"))
        #expect(related.contains("SDG-15.1"))
    }

    @Test func landDegradationIsLinkedAcrossUNCCDSDGAndGBF() {
        let pairs = Set(set.crosswalk.map { [$0.from, $0.to].sorted().joined(separator: "|") })
        #expect(pairs.contains("SDG-15.3|UNCCD-SO1"))
        #expect(pairs.contains("GBF-2|UNCCD-SO1"))
        #expect(pairs.contains("GBF-2|SDG-15.3"))
    }

    @Test func countriesComeFromIsoCodes() {
        #expect(set.countries.count >= 249)
        #expect(set.countries.contains { $0.alpha3 == "KEN" && $0.alpha2 == "KE" && $0.numeric == "404" })
    }
}
