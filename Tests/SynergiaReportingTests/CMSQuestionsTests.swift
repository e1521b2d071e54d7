import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaTestSupport

/// The questions of cms-cop15 against the CMS Online Reporting System's question list as
/// transcribed in Tests/Fixtures/cms-cop15-questions.json: every ORS question identifier
/// answered once, in its section, with the ORS answer type, selection mode, "other" field,
/// mandatory flag and option texts, so an answer exported with them is one the ORS reads.
@Suite struct CMSQuestionsTests {
    struct Fixture: Decodable {
        struct Section: Decodable {
            var key: String
            var synergia_section: String
            var questions: [Entry]
        }

        struct Entry: Decodable {
            var uidentifier: String
            var answer_type: String
            var single: Bool?
            var options: [String]?
            var synergia_scale: String?
            var other: Bool?
            var unit: String?
            var is_mandatory: Bool?
            var questions: [Entry]?
        }

        var sections: [Section]
    }

    static func fixture() throws -> Fixture {
        let url = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/cms-cop15-questions.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func template() throws -> ReportTemplate {
        try TemplateLoadingTests.catalog().template("cms-cop15")
    }

    /// Every ORS entry with the ORS key of its section, loop children included.
    static func entries(_ fixture: Fixture) -> [(entry: Fixture.Entry, section: String, loop: String?)] {
        fixture.sections.flatMap { section in
            section.questions.flatMap { entry in
                [(entry, section.key, nil)] + (entry.questions ?? []).map { ($0, section.key, entry.uidentifier) }
            }
        }
    }

    /// Every question of the template with its section's ORS key and, for a repeat child, its group's ORS key.
    static func questions(_ template: ReportTemplate) -> [(question: Question, section: String?, group: String?)] {
        template.allSections.flatMap { entry in
            entry.section.questions.flatMap { question in
                [(question, entry.section.external["ors"], nil)]
                    + question.children.map { ($0, entry.section.external["ors"], question.external["ors"]) }
            }
        }
    }

    @Test func fixtureHoldsFiveSectionsAndSixtyTwoQuestions() throws {
        let fixture = try Self.fixture()
        let entries = Self.entries(fixture)
        #expect(fixture.sections.map(\.key) == ["I", "II", "III", "IV", "V"])
        #expect(fixture.sections.map { $0.questions.count } == [8, 6, 32, 2, 6])
        #expect(entries.count == 62)
        #expect(Set(entries.map(\.entry.uidentifier)).count == 62)
        #expect(entries.filter { $0.entry.answer_type == "MultiAnswer" }.count == 28)
        #expect(entries.filter { $0.entry.answer_type == "TextAnswer" }.count == 30)
        #expect(entries.filter { $0.entry.answer_type == "NumericAnswer" }.count == 3)
        #expect(entries.filter { $0.entry.is_mandatory == true }.count == 5)
        #expect(entries.filter { $0.entry.synergia_scale != nil }.count == 6)
        // Section III asks under each of the 16 targets of the Strategic Plan for Migratory Species.
        let targets = Set(fixture.sections[2].questions.compactMap { $0.uidentifier.split(separator: ".").dropFirst().first.flatMap { Int($0) } })
        #expect(targets == Set(1...16))
    }

    @Test func everyORSQuestionIsAnsweredExactlyOnceInItsSection() throws {
        let fixture = try Self.fixture()
        let found = Self.questions(try Self.template())
        for (entry, section, loop) in Self.entries(fixture) {
            let matches = found.filter { $0.question.external["ors"] == entry.uidentifier }
            #expect(matches.count == 1, "ORS question \(entry.uidentifier) answered \(matches.count) times")
            guard let match = matches.first else { continue }
            #expect(match.section == section, "ORS question \(entry.uidentifier) is in section \(match.section ?? "none"), not \(section)")
            #expect(match.group == loop, "ORS question \(entry.uidentifier) belongs to loop \(loop ?? "none"), not \(match.group ?? "none")")
        }
        let known = Set(Self.entries(fixture).map(\.entry.uidentifier))
        let unknown = Set(found.compactMap { $0.question.external["ors"] }).subtracting(known)
        #expect(unknown.isEmpty, "keys unknown to the ORS list: \(unknown.sorted())")
    }

    @Test func everySectionAndQuestionCarriesItsORSKey() throws {
        let template = try Self.template()
        let fixture = try Self.fixture()
        #expect(template.allSections.map(\.section.id) == fixture.sections.map(\.synergia_section))
        for (section, _) in template.allSections {
            #expect(section.external["ors"] == fixture.sections.first { $0.synergia_section == section.id }?.key, "section \(section.id)")
        }
        for (question, _, _) in Self.questions(template) {
            #expect(question.external["ors"] != nil, "question \(question.id) has no ORS key")
        }
    }

    @Test func answerTypesMandatoryFlagsAndOptionTextsAreTheORSs() throws {
        let found = Self.questions(try Self.template())
        for (entry, _, _) in Self.entries(try Self.fixture()) {
            guard let question = found.first(where: { $0.question.external["ors"] == entry.uidentifier })?.question else { continue }
            let key = entry.uidentifier
            #expect((question.required == .literal(.bool(true))) == (entry.is_mandatory ?? false), "mandatory flag of ORS question \(key)")
            switch entry.answer_type {
            case "loop":
                #expect(question.type == .repeatGroup && question.repeatSource == .entries(min: 0, max: nil), "ORS question \(key) loops over entries the user adds")
            case "TextAnswer":
                #expect(question.type == .text, "type of ORS question \(key)")
            case "NumericAnswer":
                #expect(question.type == .number && question.unit == entry.unit, "type and unit of ORS question \(key)")
            case "MultiAnswer":
                #expect(question.allowsOther == (entry.other ?? false), "'other' of ORS question \(key)")
                if entry.single == false {
                    #expect(question.type == .multipleChoice, "ORS question \(key) takes several options")
                } else if entry.options == ["Yes", "No"] {
                    #expect(question.type == .yesNo, "ORS question \(key) is a yes/no question")
                } else {
                    #expect(question.type == .singleChoice, "ORS question \(key) takes one option")
                }
                if let options = entry.options, question.type != .yesNo {
                    #expect(question.choices.map { $0.code(in: "ors") } == options, "options of ORS question \(key): \(question.choices.map { $0.code(in: "ors") }) against \(options)")
                }
                if entry.options == nil {
                    // Answered on a national fact shared with the other conventions: the concept's scale, not an ORS list.
                    #expect(question.concept != nil && entry.synergia_scale != nil, "ORS question \(key) without options must be a shared concept")
                }
            default:
                Issue.record("ORS question \(key) has an answer type the test does not know: \(entry.answer_type)")
            }
        }
    }

    @Test func questionsSharedWithOtherConventionsStayBoundToTheirConcepts() throws {
        let template = try Self.template()
        let bound = Dictionary(uniqueKeysWithValues: template.questions.compactMap { entry in entry.question.concept.map { (entry.question.id, $0) } })
        #expect(bound == [
            "focal_point_contact": "focal_point_contact", "coordination_mechanism": "coordination_mechanism",
            "coordination_mechanism_description": "coordination_mechanism_description", "cepa_programme": "cepa_programme",
            "invasive_species_legislation": "invasive_species_legislation", "transboundary_cooperation": "transboundary_cooperation",
            "pa_coverage_land": "pa_coverage_land", "pa_coverage_marine": "pa_coverage_marine", "spatial_planning": "spatial_planning",
            "nbsap_status": "nbsap_status", "traditional_knowledge_measures": "traditional_knowledge_measures",
            "ipl_participation": "ipl_participation", "species_monitoring_programme": "species_monitoring_programme",
            "domestic_biodiversity_funding": "domestic_biodiversity_funding", "capacity_building_needs": "capacity_building_needs",
        ])
    }

    @Test func theVersionOneQuestionIdsAreAllKeptAndVersionOneReportsOpen() throws {
        let template = try Self.template()
        #expect(template.version == 2)
        #expect(template.opensVersions == [1])
        let versionOne = ["focal_point_contact", "designated_authority", "scientific_councillor", "cms_instruments", "coordination_mechanism",
                          "coordination_mechanism_description", "listed_species", "species_name", "species_appendix", "species_population_trend",
                          "species_trend_source", "species_threats", "species_taking_prohibited", "species_exceptions", "species_actions",
                          "species_monitoring_programme", "threats_main", "invasive_species_legislation", "illegal_killing_measures",
                          "threats_actions", "pa_coverage_land", "pa_coverage_marine", "critical_sites_identified", "critical_sites_protected",
                          "connectivity_measures", "nbsap_status", "migratory_species_in_nbsap", "transboundary_cooperation", "cooperation_details",
                          "traditional_knowledge_measures", "ipl_participation", "cepa_programme", "capacity_building_needs", "resources_mobilized"]
        #expect(versionOne.filter { template.question($0) == nil } == [])
        // Version 1 answers keep their shape: the values of the lists it answered on are unchanged.
        #expect(template.question("species_appendix")?.choices.map(\.value) == ["appendix_i", "appendix_ii", "both"])
        #expect(template.question("species_population_trend")?.choices.map(\.value) == ["increasing", "stable", "decreasing", "fluctuating", "unknown"])
        #expect(template.question("illegal_killing_measures")?.choices.map(\.value) == ["yes", "partially", "no"])
    }

    @Test func anAnswerOutsideTheORSOptionsIsRefusedWithTheOptions() throws {
        let template = try Self.template()
        let purposes = try #require(template.question("appendix_i_exception_purposes"))
        #expect(AnswerShape.problems(.object(["selected": .list([.string("hunting")])]), for: purposes)
            == ["'hunting' is not a choice here; choose among extraordinary_circumstances, propagation_survival, scientific, traditional_subsistence"])
        #expect(AnswerShape.problems(.object(["selected": .list([.string("scientific"), .string("traditional_subsistence")])]), for: purposes).isEmpty)
    }
}
