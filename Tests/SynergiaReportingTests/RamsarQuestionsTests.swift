import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaTestSupport

/// The ramsar-cop15 template against the list of the Ramsar national report's question numbers
/// (Tests/Fixtures/ramsar-cop15-questions.json): every number in its section and target, once,
/// with its answer type and Ramsar's answer letters in the form's order, so that an answer
/// exported with them is one the Secretariat reads.
@Suite struct RamsarQuestionsTests {
    struct Fixture: Decodable {
        struct Entry: Decodable {
            var section: String
            var number: String
            var target: String?
            var part: String?
            var type: String
            var options: [String]?
        }

        var questions: [Entry]
    }

    /// A question of the template with the Ramsar section and target section it stands in,
    /// and its Ramsar key: the number, or "number part"; inside a repeat, the group's key and the child's.
    struct Placed {
        var question: Question
        var section: String?
        var target: String?
        var group: Question?

        var ramsarKey: String? {
            guard let own = question.external["ramsar"] else { return nil }
            return group.map { "\($0.external["ramsar"] ?? "?") \(own)" } ?? own
        }
    }

    static func fixture() throws -> Fixture {
        let url = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/ramsar-cop15-questions.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func template() throws -> ReportTemplate {
        try TemplateLoadingTests.catalog().template("ramsar-cop15")
    }

    /// Every question, repeat children included, with the `external.ramsar` of its top-level
    /// section (S1 … S5) and of its target section (T1 … T19).
    static func placedQuestions() throws -> [Placed] {
        func walk(_ sections: [TemplateSection], section: String?, target: String?) -> [Placed] {
            sections.flatMap { node -> [Placed] in
                let key = node.external["ramsar"]
                let section = key?.hasPrefix("S") == true ? key : section
                let target = key?.hasPrefix("T") == true ? key : target
                let own = node.questions.flatMap { question in
                    [Placed(question: question, section: section, target: target, group: nil)]
                        + question.children.map { Placed(question: $0, section: section, target: target, group: question) }
                }
                return own + walk(node.sections, section: section, target: target)
            }
        }
        return walk(try template().sections, section: nil, target: nil)
    }

    static func key(_ number: String, _ part: String?) -> String { part.map { "\(number) \($0)" } ?? number }

    static let synergiaAdditions: Set<String> = [
        "nbsap_status", "coordination_mechanism", "coordination_mechanism_description", "t5_sites_total", "ipl_participation",
        "ipl_participation_description", "t12_area_restored", "transboundary_cooperation", "capacity_building_needs",
    ]

    @Test func fixtureHoldsTheFormsNumbersBySection() throws {
        let entries = try Self.fixture().questions
        #expect(entries.count == 245)
        #expect(Dictionary(grouping: entries, by: \.section).mapValues(\.count) == ["1": 7, "2": 9, "3": 213, "4": 5, "5": 11])
        let indicators = entries.filter { $0.section == "3" }
        #expect(Set(indicators.map(\.number)).count == 88)
        #expect(indicators.filter { $0.part == "additional_information" }.count == 88)
        #expect(Set(indicators.compactMap(\.target)) == Set(["1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "15", "16", "17", "18", "19"]))
        #expect(entries.filter { $0.section == "2" }.map(\.number) == ["A", "B", "C", "D", "E", "F", "G", "H", "I"])
        #expect(Set(entries.map { Self.key($0.number, $0.part) }).count == entries.count)
    }

    @Test func everyNumberIsAskedOnceInItsSectionAndTarget() throws {
        let placed = try Self.placedQuestions()
        for entry in try Self.fixture().questions {
            let matches = placed.filter { $0.ramsarKey == Self.key(entry.number, entry.part) }
            #expect(matches.count == 1, "Ramsar \(Self.key(entry.number, entry.part)) asked \(matches.count) times")
            guard let match = matches.first else { continue }
            #expect(match.section == "S\(entry.section)", "Ramsar \(Self.key(entry.number, entry.part)) stands in \(match.section ?? "no section")")
            #expect(match.target == entry.target.map { "T\($0)" }, "Ramsar \(Self.key(entry.number, entry.part)) stands under \(match.target ?? "no target")")
        }
    }

    @Test func noQuestionCarriesANumberTheFormDoesNotHave() throws {
        let known = Set(try Self.fixture().questions.map { Self.key($0.number, $0.part) })
        let placed = try Self.placedQuestions()
        let groups = placed.filter { $0.question.type == .repeatGroup }
        #expect(groups.map(\.question.id) == ["national_targets_by_ramsar_target", "ramsar_sites"])
        #expect(groups.compactMap(\.ramsarKey) == ["S4", "S5"])
        let carried = placed.filter { $0.question.type != .repeatGroup }.compactMap(\.ramsarKey)
        #expect(Set(carried).subtracting(known).isEmpty, "unknown to the form: \(Set(carried).subtracting(known).sorted())")
        let unnumbered = Set(placed.filter { $0.question.external["ramsar"] == nil }.map(\.question.id))
        #expect(unnumbered == Self.synergiaAdditions)
        #expect(placed.filter { $0.question.external.keys.contains { $0 != "ramsar" } }.map(\.question.id) == [])
    }

    @Test func typesAndAnswerLettersAreTheForms() throws {
        let placed = try Self.placedQuestions()
        for entry in try Self.fixture().questions {
            guard let question = placed.first(where: { $0.ramsarKey == Self.key(entry.number, entry.part) })?.question else { continue }
            let name = Self.key(entry.number, entry.part)
            #expect(question.type.rawValue == entry.type, "type of Ramsar \(name)")
            let letters = question.choices.map { $0.code(in: "ramsar") }
            #expect(letters == (entry.options ?? []), "letters of Ramsar \(name): \(letters) against \(entry.options ?? [])")
            #expect(question.choices.allSatisfy { $0.external?["ramsar"] != nil }, "Ramsar \(name) has a choice without its letter")
        }
    }

    @Test func sharedConceptsStayBoundAndVersionOneIdsStay() throws {
        let template = try Self.template()
        let placed = try Self.placedQuestions()
        let concepts = Set(placed.compactMap(\.question.concept))
        #expect(concepts == ["focal_point_contact", "coordination_mechanism", "coordination_mechanism_description", "nbsap_status",
                             "invasive_species_legislation", "wetland_extent", "traditional_knowledge_measures", "ipl_participation",
                             "ipl_participation_description", "cepa_programme", "transboundary_cooperation", "capacity_building_needs"])
        #expect(template.version == 2)
        #expect(template.opensVersions == [1])
        let versionOneIds = ["admin_authority_name", "admin_authority_head", "admin_authority_address", "focal_point_contact", "strp_focal_point",
                             "cepa_focal_point_government", "cepa_focal_point_ngo", "summary_successes", "summary_difficulties", "summary_priorities",
                             "secretariat_assistance", "iop_assistance", "coordination_mechanism", "coordination_mechanism_description",
                             "water_policy_link", "organisations_consulted", "nbsap_status", "t1_wetlands_in_nbsap", "t1_details",
                             "t4_ias_inventory", "invasive_species_legislation", "t4_ias_controlled", "t4_control_assessed",
                             "t5_designation_strategy", "t5_sites_total", "t5_sites_with_plan", "t5_plans_implemented", "t8_inventory",
                             "t8_inventory_updated", "t8_inventory_accessible", "wetland_extent", "t8_extent_year", "t8_condition_change",
                             "t8_condition_details", "traditional_knowledge_measures", "ipl_participation", "ipl_participation_description",
                             "t12_priority_sites", "t12_programmes", "t12_area_restored", "cepa_programme", "transboundary_cooperation",
                             "t18_shared_wetlands_identified", "t18_cooperation_details", "t19_needs_assessment", "capacity_building_needs"]
        #expect(versionOneIds.filter { template.question($0) == nil } == [])
        #expect(template.question("t1_wetlands_in_policies") == nil)
        #expect(template.question("t16_visitor_centres") == nil)
    }

    @Test func conceptAnswersKeepTheirValuesAndMapToRamsarLetters() throws {
        let template = try Self.template()
        let invasive = try #require(template.question("invasive_species_legislation"))
        #expect(invasive.external == ["ramsar": "4.2"])
        #expect(invasive.choices.map(\.value) == ["no", "under_development", "partially", "fully", "not_applicable"])
        #expect(invasive.choices.map { $0.code(in: "ramsar") } == ["B", "D", "C", "A", "Y"])
        let cepa = try #require(template.question("cepa_programme"))
        #expect(cepa.external == ["ramsar": "16.1 a"])
        #expect(cepa.choices.map { "\($0.value)=\($0.code(in: "ramsar"))" } == ["yes=A", "partially=C", "no=B"])
        let extent = try #require(template.question("wetland_extent"))
        #expect(extent.external == ["ramsar": "8.6"] && extent.unit == "km2" && extent.concept == "wetland_extent")
    }

    /// The secretariat document of the exports reads these keys: one per question, letters for choices.
    @Test func theTemplateIsWrittenWithRamsarKeysAndLetters() throws {
        let template = try Self.template()
        #expect(ExternalKeys.system(of: template) == "ramsar")
        let keys = try ExternalKeys(template: template)
        #expect(keys.questions.count == 229)
        #expect(Set(keys.groups.keys) == ["S4", "S5"])
        #expect(keys.questions["1.1 h"]?.question.id == "t1_wetlands_in_nbsap")
        #expect(keys.questions["8.6 year"]?.question.id == "t8_extent_year")
        let sites = try #require(keys.groups["S5"])
        #expect(keys.child("5.3", of: sites)?.id == "site_5_3")
        let inventory = try #require(template.question("t4_ias_inventory"))
        #expect(keys.written(.string("planned"), for: inventory) == .string("D"))
        #expect(try keys.read(.string("X"), for: inventory, otherText: nil, place: "4.1") == .string("unknown"))
        let reuse = try #require(template.question("t2_14"))
        #expect(keys.written(.object(["selected": .list([.string("agriculture"), .string("drinking")])]), for: reuse) == .list([.string("A"), .string("D")]))
        let refused = #expect(throws: DomainError.self) { try keys.read(.string("Z"), for: inventory, otherText: nil, place: "4.1") }
        #expect(refused?.message == "4.1: 'Z' is not among the ramsar codes of question t4_ias_inventory; use one of A, B, C, D, X, Y")
    }

    @Test func aRamsarLetterIsNotAnAnswerValue() throws {
        let inventory = try #require(try Self.template().question("t4_ias_inventory"))
        #expect(AnswerShape.problems(.string("A"), for: inventory)
            == ["'A' is not a choice here; choose one of yes, no, partially, planned, unknown, not_relevant"])
        #expect(AnswerShape.problems(.string("planned"), for: inventory).isEmpty)
    }
}
