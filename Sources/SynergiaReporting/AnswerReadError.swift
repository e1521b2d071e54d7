import SynergiaCore

/// Typed input that cannot become an answer, as facts: the answer key, the
/// field, the text given and why. The web form, the CLI, the JSON API and the
/// workbook import each name the place their own way (a labelled field, the
/// key, a sheet and cell) and share `explanation`.
public struct AnswerReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of the answer the text was for.
    public enum Field: Sendable, Equatable {
        /// The answer's one value.
        case value
        /// A table cell, by row and column id.
        case cell(row: String, column: String)
        /// A field of an indicator-data row; rows are numbered from 1.
        case data(row: Int, field: String)
    }

    public enum Reason: Sendable, Equatable {
        case number(NumberNotation.Problem)
        case notYesNo(yes: String, no: String)
        case notAChoice([String])
        /// Tables, indicator data and multiple choices are given part by part or as JSON.
        case notOneText(QuestionType)
    }

    public var key: AnswerKey
    public var field: Field
    public var value: String
    public var reason: Reason

    public init(key: AnswerKey, field: Field, value: String, reason: Reason) {
        self.key = key
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// Why the text was refused and how to write it, without the place.
    public var explanation: String {
        switch reason {
        case .number(.notANumber):
            "'\(value)' is not a number"
        case .number(.misgrouped):
            "'\(value)' is not a number: spaces (and commas in English) separate groups of three digits, as in 1 234 567"
        case .number(.ambiguous(let whole, let decimal)):
            "'\(value)' is ambiguous: write \(whole) for the whole number or \(decimal) for the decimal one"
        case .notYesNo(let yes, let no):
            "'\(value)' is neither \(yes) nor \(no)"
        case .notAChoice(let choices):
            "'\(value)' is not one of the listed choices (\(choices.joined(separator: ", ")))"
        case .notOneText(let type):
            "a \(type.rawValue) answer is not one text; give it as JSON"
        }
    }

    /// The place within the answer: "row 'r', column 'c'" or "row 2, value".
    public var fieldText: String? {
        switch field {
        case .value: nil
        case .cell(let row, let column): "row '\(row)', column '\(column)'"
        case .data(let row, let field): "row \(row), \(field)"
        }
    }

    /// The key, the field and the explanation, as the CLI and the API report it.
    public var description: String {
        "\(key)\(fieldText.map { ", \($0)" } ?? ""): \(explanation)"
    }
}
