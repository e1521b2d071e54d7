import Foundation
import Testing
import SynergiaCore
import SynergiaReporting
import SynergiaTestSupport

/// The binary indicator questions of cbd-7nr against the CBD Online Reporting Tool's own
/// list (Tests/Fixtures/ort-binary-indicator-questions.json): keys, groups, mandatory flags,
/// answer types and option codes must be the tool's, so an answer exported with them is one
/// the tool reads.
@Suite struct ORTBinaryQuestionsTests {
    struct Fixture: Decodable {
        struct Group: Decodable {
            var key: String
            var binaryIndicator: String
            var questions: [Entry]
        }

        struct Entry: Decodable {
            var key: String
            var type: String
            var mandatory: Bool?
            var options: [String]?
            var questions: [Entry]?
        }

        var groups: [Group]
    }

    static func fixture() throws -> Fixture {
        let url = TestDatabase.dataDirectory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/ort-binary-indicator-questions.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func binarySection() throws -> TemplateSection {
        let template = try TemplateLoadingTests.catalog().template("cbd-7nr")
        return try #require(template.allSections.first { $0.section.id == "s4_binary" }?.section)
    }

    /// The answer entries of a group, header entries replaced by their sub-questions.
    static func answerEntries(_ entries: [Fixture.Entry]) -> [Fixture.Entry] {
        entries.flatMap { $0.type == "header" ? answerEntries($0.questions ?? []) : [$0] }
    }

    /// Where each ORT key is answered in our template: the question and the ORT group of its section.
    static func ortKeys(in binary: TemplateSection) -> [(key: String, question: Question, groups: Set<String>, isOtherText: Bool)] {
        binary.sections.flatMap { section in
            let groups = Set([section.external["ort"], section.external["ort_copied_to"]].compactMap { $0 })
            return section.questions.flatMap { question in
                [question.external["ort"].map { ($0, question, groups, false) },
                 question.external["ort_other_text"].map { ($0, question, groups, true) }].compactMap { $0 }
            }
        }
    }

    @Test func fixtureHoldsTheToolsSixteenGroupsAndEightyFourAnswerKeys() throws {
        let fixture = try Self.fixture()
        let entries = fixture.groups.flatMap { Self.answerEntries($0.questions) }
        #expect(fixture.groups.count == 16)
        #expect(entries.count == 84)
        #expect(Set(entries.map(\.key)).count == 77)
        #expect(entries.filter { $0.mandatory == true }.count == 80)
    }

    @Test func everyORTKeyIsAnsweredExactlyOnceInItsGroup() throws {
        let fixture = try Self.fixture()
        let found = Self.ortKeys(in: try Self.binarySection())
        for group in fixture.groups {
            for entry in Self.answerEntries(group.questions) {
                let matches = found.filter { $0.key == entry.key }
                #expect(matches.count == 1, "ORT key \(entry.key) answered \(matches.count) times")
                guard let match = matches.first else { continue }
                #expect(match.groups.contains(group.key), "ORT key \(entry.key) is not in group \(group.key) but in \(match.groups.sorted())")
            }
            for header in group.questions where header.type == "header" {
                #expect(!found.contains { $0.key == header.key }, "header \(header.key) takes no answer")
            }
        }
        let fixtureKeys = Set(fixture.groups.flatMap { Self.answerEntries($0.questions).map(\.key) })
        #expect(Set(found.map(\.key)).subtracting(fixtureKeys).isEmpty, "keys unknown to the tool: \(Set(found.map(\.key)).subtracting(fixtureKeys).sorted())")
    }

    @Test func everyQuestionOfTheBinarySectionCarriesItsORTKey() throws {
        let binary = try Self.binarySection()
        #expect(binary.questions.isEmpty)
        for section in binary.sections {
            #expect(section.external["ort"]?.hasPrefix("binaryResponse") == true, "section \(section.id)")
            for question in section.questions {
                #expect(question.external["ort"] != nil, "question \(question.id) has no ORT key")
            }
        }
    }

    @Test func mandatoryFlagsTypesAndOptionCodesAreTheTools() throws {
        let fixture = try Self.fixture()
        let found = Self.ortKeys(in: try Self.binarySection())
        for entry in fixture.groups.flatMap({ Self.answerEntries($0.questions) }) {
            guard let match = found.first(where: { $0.key == entry.key }) else { continue }
            if match.isOtherText {
                // The tool's "please specify" key is the 'other' text of the multiple-choice answer.
                #expect(entry.type == "string" && entry.mandatory == false && match.question.allowsOther, "ORT key \(entry.key)")
                continue
            }
            let question = match.question
            #expect((question.required != nil) == (entry.mandatory ?? false), "mandatory flag of ORT key \(entry.key)")
            let expectedType: QuestionType? = switch entry.type {
            case "option": .singleChoice
            case "checkbox": .multipleChoice
            case "string": .text
            default: nil
            }
            #expect(question.type == expectedType, "type of ORT key \(entry.key)")
            let codes = question.choices.map { $0.code(in: "ort") }
            let toolOptions = entry.options ?? []
            #expect(codes == toolOptions.filter { $0 != "other" }, "options of ORT key \(entry.key): \(codes) against \(toolOptions)")
            #expect(question.allowsOther == toolOptions.contains("other"), "'other' of ORT key \(entry.key)")
        }
    }

    @Test func anOldSynergiaCodeIsRefusedWithTheToolsCodes() throws {
        let template = try TemplateLoadingTests.catalog().template("cbd-7nr")
        let invasive = try #require(template.question("bin_6_1"))
        #expect(AnswerShape.problems(.string("under_development"), for: invasive)
            == ["'under_development' is not a choice here; choose one of no, underDevelopment, partially, fully"])
        #expect(AnswerShape.problems(.string("notApplicable"), for: invasive)
            == ["'notApplicable' is not a choice here; choose one of no, underDevelopment, partially, fully"])
        #expect(AnswerShape.problems(.string("underDevelopment"), for: invasive).isEmpty)
    }
}
