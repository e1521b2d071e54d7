import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaXLSX

/// Turns typed input into the value stored for one question: the one reader
/// of the web form, the workbook import, the CLI and the JSON API, so a text
/// means the same number, and a row the same row, whichever way it came in.
/// Numbers follow `NumberNotation` for the language the person writes in;
/// indicator-data rows always carry the question's indicator and unit.
/// The value it returns is then checked by `AnswerShape` and `AnswerTextRules`.
public struct AnswerReader: Sendable {
    public let question: Question
    public let key: AnswerKey
    /// The language of the page, workbook or command: text answers are stored under it.
    public let language: String
    public let notation: NumberNotation
    let yes: String
    let no: String

    public init(question: Question, key: AnswerKey, language: String, messages: Messages) {
        self.question = question
        self.key = key
        self.language = language
        self.notation = NumberNotation(language: language)
        self.yes = messages.text("yes", language)
        self.no = messages.text("no", language)
    }

    /// The value `input` gives the question; `current` is the stored value,
    /// which keeps the texts of other languages and the parts not given.
    public func read(_ input: AnswerInput, current: AnswerValue) throws(AnswerReadError) -> AnswerValue {
        switch input {
        case .value(let value): try completed(value)
        case .text(let text): try read(text: text, current: current)
        case .parts(let parts): try read(parts, current: current)
        }
    }

    func read(text: String, current: AnswerValue) throws(AnswerReadError) -> AnswerValue {
        switch question.type {
        case .multipleChoice, .table, .indicatorData, .repeatGroup:
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .null }
            throw AnswerReadError(key: key, field: .value, value: text, reason: .notOneText(question.type))
        default:
            return try scalar(.text(text), type: question.type, choices: question.choices, current: current, field: .value)
        }
    }

    func read(_ parts: AnswerParts, current: AnswerValue) throws(AnswerReadError) -> AnswerValue {
        switch question.type {
        case .multipleChoice:
            let selected = parts.selected.filter { !$0.isEmpty }
            guard !selected.isEmpty else { return .null }
            var answer: [String: AnswerValue] = ["selected": .list(selected.map(AnswerValue.string))]
            let other = (parts.other ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if selected.contains("other") && !other.isEmpty { answer["other"] = .string(other) }
            return .object(answer)
        case .table:
            var rows: [String: AnswerValue] = [:]
            for row in question.rows {
                var cells: [String: AnswerValue] = [:]
                for column in question.columns {
                    guard let input = parts.cells[row.id]?[column.id] else { continue }
                    let value = try cell(input, row: row.id, column: column)
                    if value != .null { cells[column.id] = value }
                }
                if !cells.isEmpty { rows[row.id] = .object(cells) }
            }
            return rows.isEmpty ? .null : .object(rows)
        case .indicatorData:
            return try rows(parts.rows)
        case .link:
            let url = (parts.url ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let title = (parts.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !url.isEmpty || !title.isEmpty else { return .null }
            return .object(["url": .string(url), "title": title.isEmpty ? .null : .string(title)])
        default:
            return try scalar(parts.value ?? .text(""), type: question.type, choices: question.choices, current: current, field: .value)
        }
    }

    /// One value of `type`; an empty text clears it (for a text answer, only its text in `language`).
    func scalar(_ input: TypedInput, type: QuestionType, choices: [Choice], current: AnswerValue, field: AnswerReadError.Field) throws(AnswerReadError) -> AnswerValue {
        let text = input.text
        if text.isEmpty {
            return type == .text ? Self.setting(current, language, .null) : .null
        }
        switch type {
        case .text:
            return Self.setting(current, language, .string(text))
        case .number, .integer:
            return .number(try number(input, field: field))
        case .date:
            guard case .number(let serial) = input else { return .string(text) }
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            return .string(formatter.string(from: ExcelDate.date(fromSerial: serial)))
        case .yesNo:
            return .bool(try yesNo(text, field: field))
        case .singleChoice, .scale:
            if let choice = choices.first(where: { $0.value == text || $0.label.text(language) == text || $0.label.english == text }) {
                return .string(choice.value)
            }
            throw AnswerReadError(key: key, field: field, value: text, reason: .notAChoice(choices.map { $0.label.text(language) }))
        case .link:
            return Self.setting(current, "url", .string(text))
        default:
            return .string(text)
        }
    }

    /// A table cell of `column`'s type.
    func cell(_ input: TypedInput, row: String, column: TableColumn) throws(AnswerReadError) -> AnswerValue {
        try scalar(input, type: column.type, choices: column.choices, current: .null, field: .cell(row: row, column: column.id))
    }

    public func number(_ input: TypedInput, field: AnswerReadError.Field) throws(AnswerReadError) -> Double {
        switch input {
        case .number(let number): return number
        case .text(let text):
            do { return try notation.number(text) } catch {
                throw AnswerReadError(key: key, field: field, value: text.trimmingCharacters(in: .whitespacesAndNewlines), reason: .number(error))
            }
        }
    }

    /// Yes and no in the language, in English, as true/false or 1/0.
    func yesNo(_ text: String, field: AnswerReadError.Field) throws(AnswerReadError) -> Bool {
        let lower = text.lowercased()
        if [yes.lowercased(), "yes", "true", "1"].contains(lower) { return true }
        if [no.lowercased(), "no", "false", "0"].contains(lower) { return false }
        throw AnswerReadError(key: key, field: field, value: text, reason: .notYesNo(yes: yes, no: no))
    }

    static func setting(_ value: AnswerValue, _ key: String, _ member: AnswerValue) -> AnswerValue {
        var members: [String: AnswerValue] = [:]
        if case .object(let existing) = value { members = existing }
        members[key] = member == .null ? nil : member
        return members.isEmpty ? .null : .object(members)
    }
}
