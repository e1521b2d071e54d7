import Testing
@testable import SynergiaCore

@Suite struct CrosswalkGraphTests {
    let graph = CrosswalkGraph(
        items: [
            .init(code: "AICHI-11", framework: "AICHI", title: "Protected areas"),
            .init(code: "AICHI-5", framework: "AICHI", title: "Habitat loss"),
            .init(code: "GBF-3", framework: "GBF", title: "30x30"),
            .init(code: "SDG-14.5", framework: "SDG", title: "Marine areas"),
            .init(code: "SDG-15.1", framework: "SDG", title: "Terrestrial areas"),
            .init(code: "RAMSAR4-T6", framework: "RAMSAR4", title: "Site network"),
        ],
        links: [
            CrosswalkLink(from: "AICHI-11", to: "GBF-3", relation: .contributesTo, source: "s1"),
            CrosswalkLink(from: "GBF-3", to: "SDG-14.5", relation: .partial, source: "s2"),
            CrosswalkLink(from: "GBF-3", to: "SDG-15.1", relation: .partial, source: "s2"),
            CrosswalkLink(from: "RAMSAR4-T6", to: "GBF-3", relation: .contributesTo, source: "s3"),
            CrosswalkLink(from: "AICHI-5", to: "GBF-3", relation: .partial, source: "s1"),
        ])

    @Test func directLinksComeFirstThenThoseReachedThroughThem() {
        let related = graph.related(to: "AICHI-11")
        #expect(related.map(\.code) == ["GBF-3", "SDG-14.5", "SDG-15.1", "RAMSAR4-T6"])
        #expect(related[0].via == [])
        #expect(related[0].relation == .contributesTo)
        #expect(related[0].direction == .outgoing)
        #expect(related[1].via == ["GBF-3"])
        #expect(related[3].direction == .incoming)
    }

    @Test func itemsOfTheOriginsOwnFrameworkAreNotListed() {
        // AICHI-5 is reached through GBF-3 but is an Aichi target like the origin.
        #expect(!graph.related(to: "AICHI-11").map(\.code).contains("AICHI-5"))
    }

    @Test func depthOneGivesOnlyDirectLinks() {
        #expect(graph.related(to: "AICHI-11", depth: 1).map(\.code) == ["GBF-3"])
        #expect(graph.related(to: "GBF-3", depth: 1).count == 5)
    }

    @Test func unknownCodeHasNoRelations() {
        #expect(graph.related(to: "NOPE-1").isEmpty)
    }
}
