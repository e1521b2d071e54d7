import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaReporting
import SynergiaTestSupport

/// What `AnswerReader` makes of each kind of input, and the facts a refusal carries.
@Suite struct AnswerReaderTests {
    static let messages = try! Messages.load(dataDirectory: TestDatabase.dataDirectory)
    static let series = Question(id: "series", type: .indicatorData, label: LocalizedText(en: "Series"), unit: "percent", indicator: "SDG-15.3.1")
    static let free = Question(id: "free", type: .indicatorData, label: LocalizedText(en: "Free series"))

    func reader(_ question: Question, _ language: String = "en") -> AnswerReader {
        AnswerReader(question: question, key: AnswerKey(question: question.id), language: language, messages: Self.messages)
    }

    @Test func indicatorRowsGetTheQuestionsIndicatorAndUnitWhicheverWayTheyCome() throws {
        let expected: AnswerValue = .list([.object(["year": .number(2020), "value": .number(1234.5), "unit": .string("percent"),
                                                    "indicator": .string("SDG-15.3.1")])])
        let fromForm = AnswerParts(rows: [0: ["year": .text("2020"), "value": .text("1 234,5"), "unit": .text("")], 1: ["year": .text(""), "unit": .text("percent")]])
        #expect(try reader(Self.series, "fr").read(.parts(fromForm), current: .null) == expected)
        let fromJSON: AnswerValue = .list([.object(["year": .number(2020), "value": .string("1 234,5"), "indicator": .string("GBF-A.1")])])
        #expect(try reader(Self.series, "fr").read(.value(fromJSON), current: .null) == expected)
        let numeric: AnswerValue = .list([.object(["year": .number(2020), "value": .number(1234.5)])])
        #expect(try reader(Self.series).read(.value(numeric), current: .null) == expected)
        // A question without an indicator keeps each row's own (rows of several indicators for one target).
        let own: AnswerValue = .list([.object(["year": .number(2021), "value": .number(3), "unit": .string("km2"), "indicator": .string("GBF-A.1")])])
        #expect(try reader(Self.free).read(.value(own), current: .null) == own)
    }

    @Test func aRefusalCarriesTheKeyFieldRowAndValue() throws {
        let refused = #expect(throws: AnswerReadError.self) {
            try reader(Self.series, "fr").read(.parts(AnswerParts(rows: [0: ["year": .text("2020"), "value": .text("7")], 1: ["year": .text("2021"), "value": .text(" 1.234 ")]])), current: .null)
        }
        #expect(refused == AnswerReadError(key: AnswerKey(question: "series"), field: .data(row: 2, field: "value"), value: "1.234",
                                           reason: .number(.ambiguous(whole: "1234", decimal: "1,234"))))
        #expect(refused?.description == "series, row 2, value: '1.234' is ambiguous: write 1234 for the whole number or 1,234 for the decimal one")

        let table = Question(id: "cover", type: .table, label: LocalizedText(en: "Cover"), rows: [TableRow(id: "forest", label: LocalizedText(en: "Forest"))],
                             columns: [TableColumn(id: "area", label: LocalizedText(en: "Area"), type: .number)])
        let cell = #expect(throws: AnswerReadError.self) {
            try reader(table).read(.parts(AnswerParts(cells: ["forest": ["area": .text("lots")]])), current: .null)
        }
        #expect(cell?.field == .cell(row: "forest", column: "area"))
        #expect(cell?.description == "cover, row 'forest', column 'area': 'lots' is not a number")
        #expect(try reader(table).read(.value(.object(["forest": .object(["area": .string("1,234.5")])])), current: .null)
                == .object(["forest": .object(["area": .number(1234.5)])]))
    }

    @Test func typedTextIsReadByTheQuestionsType() throws {
        let text = Question(id: "t", type: .text, label: LocalizedText(en: "T"))
        #expect(try reader(text, "fr").read(.text("Bonjour"), current: .object(["en": .string("Hello")])) == .object(["en": .string("Hello"), "fr": .string("Bonjour")]))
        #expect(try reader(text, "fr").read(.text(" "), current: .object(["fr": .string("Bonjour")])) == .null)
        let flag = Question(id: "f", type: .yesNo, label: LocalizedText(en: "F"))
        #expect(try reader(flag, "fr").read(.text("Oui"), current: .null) == .bool(true))
        #expect(try reader(flag).read(.text("no"), current: .null) == .bool(false))
        #expect(throws: AnswerReadError(key: AnswerKey(question: "f"), field: .value, value: "maybe", reason: .notYesNo(yes: "Yes", no: "No"))) {
            try reader(flag).read(.text("maybe"), current: .null)
        }
        // JSON of the wrong type is left for AnswerShape, which names the type expected.
        #expect(try reader(flag).read(.value(.string("maybe")), current: .null) == .string("maybe"))
        let count = Question(id: "n", type: .integer, label: LocalizedText(en: "N"))
        #expect(try reader(count).read(.value(.string("many")), current: .null) == .string("many"))
        #expect(try reader(count, "fr").read(.value(.string("1 200")), current: .null) == .number(1200))
        let choice = Question(id: "c", type: .singleChoice, label: LocalizedText(en: "C"),
                              choices: [Choice(value: "adopted", label: LocalizedText(["en": "Adopted", "fr": "Adopté"]))])
        #expect(try reader(choice, "fr").read(.text("Adopté"), current: .null) == .string("adopted"))
        #expect(try reader(choice).read(.text("adopted"), current: .null) == .string("adopted"))
        #expect(throws: AnswerReadError.self) { try reader(choice).read(.text("rejected"), current: .null) }
    }
}
