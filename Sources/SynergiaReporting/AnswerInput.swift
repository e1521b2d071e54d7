import SynergiaCore

/// An answer as a person gives it, before `AnswerReader` makes it a value.
public enum AnswerInput: Sendable, Equatable {
    /// JSON, as the API and `synergia report answer --value` take it. Numbers
    /// may come as text ("1 234,5"); indicator-data rows are completed.
    case value(AnswerValue)
    /// One text for the whole answer, as `synergia report answer --text` takes it.
    case text(String)
    /// The fields of the web form or the cells of a workbook.
    case parts(AnswerParts)
}

/// One piece of typed input: text as typed, or a number a spreadsheet cell holds.
public enum TypedInput: Sendable, Equatable {
    case text(String)
    case number(Double)

    /// The text as typed, trimmed; a number as the export writes it.
    var text: String {
        switch self {
        case .text(let text): text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let number): AnswerShape.format(number)
        }
    }
}

/// An answer given part by part. Which parts count depends on the question's
/// type: `value` for one value, `selected` and `other` for a multiple choice,
/// `url` and `title` for a link, `cells` for a table, `rows` for indicator data.
public struct AnswerParts: Sendable, Equatable {
    public var value: TypedInput?
    public var selected: [String]
    public var other: String?
    public var url: String?
    public var title: String?
    /// Table cells by row id, then column id.
    public var cells: [String: [String: TypedInput]]
    /// Indicator-data rows by their position (from 0), each field by name.
    public var rows: [Int: [String: TypedInput]]

    public init(value: TypedInput? = nil, selected: [String] = [], other: String? = nil, url: String? = nil, title: String? = nil,
                cells: [String: [String: TypedInput]] = [:], rows: [Int: [String: TypedInput]] = [:]) {
        self.value = value
        self.selected = selected
        self.other = other
        self.url = url
        self.title = title
        self.cells = cells
        self.rows = rows
    }
}
