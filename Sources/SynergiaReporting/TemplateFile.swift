import SynergiaCore

/// The YAML shape of `data/templates/*.yaml` (docs/templates.md).
struct TemplateFile: Decodable {
    struct Header: Decodable {
        var id: String
        var convention: String
        var cycle: LooseScalar
        var version: Int
        /// Earlier versions whose reports this version opens (docs/templates.md, "Versions").
        var opens_versions: [Int]?
        var previous: String?
        var languages: [String]
        var title: LocalizedText
        var source: String
    }

    var template: Header
    var sections: [SectionEntry]
}

struct SectionEntry: Decodable {
    var id: String
    var title: LocalizedText
    var help: LocalizedText?
    var external: [String: String]?
    var questions: [QuestionEntry]?
    var sections: [SectionEntry]?
}

struct QuestionEntry: Decodable {
    struct RepeatEntry: Decodable {
        var over: String
        var framework: String?
        var min: Int?
        var max: Int?
    }

    struct RowEntry: Decodable {
        var id: String
        var label: LocalizedText
    }

    struct ColumnEntry: Decodable {
        var id: String
        var label: LocalizedText
        var type: String
        var unit: String?
        var choices: [Choice]?
        var choice_list: String?
    }

    var id: String
    var type: String
    var label: LocalizedText
    var help: LocalizedText?
    var required: LooseScalar?
    var relevant: String?
    var constraint: String?
    var constraint_message: LocalizedText?
    var concept: String?
    var tags: [String]?
    var from: String?
    var unit: String?
    var min: LooseScalar?
    var max: LooseScalar?
    var choices: [Choice]?
    var choice_list: String?
    var other: Bool?
    var multiline: Bool?
    var rows: [RowEntry]?
    var columns: [ColumnEntry]?
    var `repeat`: RepeatEntry?
    var questions: [QuestionEntry]?
    var indicator: String?
    var external: [String: String]?
    var from_run: RunTableSourceEntry?
    var from_series: SeriesSourceEntry?
}

/// A YAML scalar kept as written: a number, a boolean or text.
enum LooseScalar: Decodable, Equatable {
    case bool(Bool)
    case number(Double)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var text: String {
        switch self {
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .text(let value): value
        }
    }
}

/// `data/templates/choice-lists.yaml`.
struct ChoiceListsFile: Decodable {
    struct List: Decodable {
        var id: String
        var choices: [Choice]
    }

    var lists: [List]
}

/// `data/concepts/*.yaml`.
struct ConceptsFile: Decodable {
    struct Series: Decodable {
        var indicator: String
        var disaggregation: String?
    }

    struct Entry: Decodable {
        var id: String
        var label: LocalizedText
        var type: String
        var unit: String?
        var choice_list: String?
        var series: Series?
    }

    var concepts: [Entry]
}
