import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaTestSupport

/// Sections I to V of cbd-7nr against the fields of the CBD Online Reporting Tool's seventh
/// national report (Tests/Fixtures/ort-national-report-7.json): every field of the tool is
/// asked once where the tool asks it, with the tool's key, mandatory flag and option codes, so
/// that an answer exported with those keys is one the tool reads.
@Suite struct ORTNationalReportTests {
    struct Fixture: Decodable {
        struct Section: Decodable {
            var key: String
            var targetTypes: [String]?
            var fields: [Field]
        }

        struct Field: Decodable {
            var key: String
            var type: String
            var mandatory: Bool
            var options: [String]?
            var thesaurus: String?
            var shownWhen: String?
        }

        var sections: [Section]
    }

    /// A place of the template that holds an ORT section or record: a section, or a repeat
    /// question whose entries are the tool's rows.
    struct Container {
        var name: String
        var questions: [Question]
        var external: [String: String]
        var repeatSource: RepeatSource?
    }

    /// Progress choices the tool's thesaurus has no term for: Synergia's own, exported as no level.
    static let synergiaOnlyProgressChoices: Set<String> = ["achieved", "unknown"]

    static func fixture() throws -> Fixture {
        let url = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/ort-national-report-7.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func template() throws -> ReportTemplate {
        try TemplateLoadingTests.catalog().template("cbd-7nr")
    }

    static func containers(of key: String, in template: ReportTemplate) -> [Container] {
        var found: [Container] = []
        for (section, _) in template.allSections where section.external["ort"] == key {
            found.append(Container(name: section.id, questions: section.questions, external: section.external, repeatSource: nil))
        }
        for (question, _) in template.questions where question.type == .repeatGroup && question.external["ort"] == key {
            found.append(Container(name: question.id, questions: question.children, external: question.external, repeatSource: question.repeatSource))
        }
        return found
    }

    /// The template types that can hold an answer of each of the tool's value types.
    static func acceptedTypes(_ toolType: String) -> Set<QuestionType> {
        switch toolType {
        case "lstring": [.text]
        case "string": [.text, .date]
        case "date": [.date]
        case "boolean": [.yesNo]
        case "option": [.singleChoice]
        case "term": [.singleChoice, .scale]
        case "term[]": [.multipleChoice]
        case "link[]": [.link]
        case "indicatorLinks", "indicatorRows": [.indicatorData]
        default: []
        }
    }

    @Test func fixtureHoldsTheToolsSevenPartsAndTwentyEightFields() throws {
        let fixture = try Self.fixture()
        let fields = fixture.sections.flatMap(\.fields)
        #expect(fixture.sections.map(\.key) == ["sectionI", "sectionII", "sectionIII", "sectionIV", "sectionV", "sectionOtherInfo", "nationalReport7IndicatorData"])
        #expect(fields.count == 28)
        #expect(fields.filter(\.mandatory).count == 22)
        #expect(fields.filter { $0.shownWhen != nil }.count == 7)
        let indicators = try #require(fixture.sections.last?.fields.first { $0.key == "indicator" }?.options)
        #expect(indicators.count == 188)
        #expect(Set(indicators).count == 187)
        #expect(fixture.sections[2].fields.first { $0.key == "levelOfProgress" }?.options?.count == 5)
    }

    @Test func everyFieldIsAskedExactlyOnceInEachPlaceTheToolAsksIt() throws {
        let template = try Self.template()
        for section in try Self.fixture().sections {
            let containers = Self.containers(of: section.key, in: template)
            #expect(!containers.isEmpty, "no section or repeat of the template carries ORT key \(section.key)")
            if let types = section.targetTypes {
                #expect(containers.compactMap { $0.external["ort_target_type"] }.sorted() == types.sorted(), "target types of \(section.key)")
            }
            let keys = Set(section.fields.map(\.key))
            for container in containers {
                for field in section.fields where field.type == "entry" {
                    if field.key == "targetType" {
                        #expect(field.options?.contains(container.external["ort_target_type"] ?? "") == true, "\(container.name): target type")
                    } else {
                        #expect(container.external["ort_entry"] == field.key, "\(container.name): its entries are the tool's \(field.key)")
                    }
                }
                for field in section.fields where field.type != "entry" {
                    let matches = container.questions.filter { $0.external["ort"] == field.key }
                    #expect(matches.count == 1, "\(section.key).\(field.key) asked \(matches.count) times in \(container.name)")
                }
                let unknown = Set(container.questions.compactMap { $0.external["ort"] }).subtracting(keys)
                #expect(unknown.isEmpty, "keys unknown to the tool in \(container.name): \(unknown.sorted())")
            }
        }
    }

    @Test func rowsArePerNationalTargetPerGlobalTargetAndPerGoal() throws {
        let template = try Self.template()
        let third = Self.containers(of: "sectionIII", in: template)
        #expect(third.first { $0.external["ort_target_type"] == "national" }?.repeatSource == .nationalTargets)
        #expect(third.first { $0.external["ort_target_type"] == "global" }?.repeatSource == .targets(framework: "GBF"))
        #expect(Self.containers(of: "sectionIV", in: template).map(\.repeatSource) == [.goals(framework: "GBF")])
        #expect(Self.containers(of: "nationalReport7IndicatorData", in: template).map(\.repeatSource) == [.entries(min: 0, max: nil)])
    }

    @Test func mandatoryFlagsTypesAndOptionCodesAreTheTools() throws {
        let template = try Self.template()
        for section in try Self.fixture().sections {
            for container in Self.containers(of: section.key, in: template) {
                for field in section.fields where field.type != "entry" {
                    guard let question = container.questions.first(where: { $0.external["ort"] == field.key }) else { continue }
                    let place = "\(container.name).\(question.id) (ORT \(section.key).\(field.key))"
                    #expect((question.required != nil) == field.mandatory, "mandatory flag of \(place)")
                    if field.shownWhen != nil {
                        #expect(question.relevant != nil, "\(place) is asked only when \(field.shownWhen ?? "")")
                    }
                    #expect(Self.acceptedTypes(field.type).contains(question.type), "type of \(place): \(question.type) for the tool's \(field.type)")
                    if let options = field.options {
                        var codes = question.choices.map { $0.code(in: "ort") }
                        if field.thesaurus == "EF99BEFD-5070-41C4-91F0-C051B338EEA6" {
                            codes.removeAll { Self.synergiaOnlyProgressChoices.contains($0) }
                        }
                        #expect(codes.sorted() == options.sorted(), "options of \(place): \(codes) against \(options)")
                    } else if field.thesaurus != nil {
                        #expect(!question.choices.isEmpty, "\(place) offers choices")
                    }
                }
            }
        }
    }

    @Test func theIndicatorChoicesFollowTheToolsOrder() throws {
        let template = try Self.template()
        let fixture = try Self.fixture()
        let indicator = try #require(template.question("indicator_record_indicator"))
        let options = try #require(fixture.sections.last?.fields.first { $0.key == "indicator" }?.options)
        #expect(indicator.choices.map { $0.code(in: "ort") } == options)
        #expect(indicator.choices.first { $0.value == "2_1" }?.code(in: "ort") == "GBF-INDICATOR-2.2")
        #expect(indicator.choices.first { $0.value == "b_1" }?.code(in: "ort") == "GBF-INDICATOR-B1")
        #expect(indicator.choices.filter { $0.code(in: "ort") == "GBF-INDICATOR-219" }.map(\.value) == ["8_cy_2", "8_cy_3"])
    }

    @Test func aSourceOutsideTheToolsCodesIsRefusedNamingThem() throws {
        let source = try #require(try Self.template().question("indicator_record_source"))
        #expect(AnswerShape.problems(.string("no_data"), for: source)
            == ["'no_data' is not a choice here; choose one of national, availableDataset, noData, notRelevant"])
        #expect(AnswerShape.problems(.string("noData"), for: source).isEmpty)
    }

    /// The tool asks why when there are no data, and for the data when they are national.
    @Test func theSourceOfDataDecidesWhatElseARecordNeeds() throws {
        let template = try Self.template()
        func missing(_ answers: [String: AnswerValue]) -> [String] {
            var stored: [AnswerKey: AnswerValue] = [:]
            for (question, value) in answers { stored[AnswerKey(question: question, group: "indicator_data_records", entry: "1")] = value }
            let evaluation = ReportEvaluation(template: template, answers: stored, entries: ["indicator_data_records": ["1"]])
            return evaluation.issues.filter { $0.key.group == "indicator_data_records" }.map(\.key.question).sorted()
        }
        #expect(missing([:]) == ["indicator_record_indicator", "indicator_record_source"])
        #expect(missing(["indicator_record_indicator": .string("a_1"), "indicator_record_source": .string("noData")]) == ["indicator_record_reason"])
        #expect(missing(["indicator_record_indicator": .string("a_1"), "indicator_record_source": .string("national")]) == ["indicator_record_data"])
        #expect(missing(["indicator_record_indicator": .string("a_1"), "indicator_record_source": .string("availableDataset")]).isEmpty)
        #expect(missing(["indicator_record_indicator": .string("a_1"), "indicator_record_source": .string("notRelevant"),
                         "indicator_record_reason": .object(["en": .string("The country has no coastline.")])]).isEmpty)
    }

    /// A global target with a national target aligned to it is reported under that national target.
    @Test func aGlobalTargetRowIsAskedOnlyWithoutANationalTarget() throws {
        let template = try Self.template()
        func missing(_ hasNationalTarget: Bool?) -> [String] {
            var stored: [AnswerKey: AnswerValue] = [:]
            if let hasNationalTarget {
                stored[AnswerKey(question: "global_target_has_national_target", group: "global_target_progress", entry: "GBF-7")] = .bool(hasNationalTarget)
            }
            let evaluation = ReportEvaluation(template: template, answers: stored, entries: ["global_target_progress": ["GBF-7"]])
            return evaluation.issues.filter { $0.key.group == "global_target_progress" }.map(\.key.question).sorted()
        }
        #expect(missing(nil) == ["global_target_has_national_target"])
        #expect(missing(true).isEmpty)
        #expect(missing(false) == ["global_target_challenges", "global_target_examples", "global_target_main_actions",
                                   "global_target_progress_level", "global_target_progress_summary"])
    }
}
