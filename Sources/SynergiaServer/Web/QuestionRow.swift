import Foundation
import SynergiaCore

/// One question of the report form as the page shows it: its label, answer,
/// provenance, remarks and the control that edits it.
struct QuestionRow {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    /// One input of a table or of an indicator-data row.
    struct Cell {
        enum Kind { case text, number, yesNo, choice([Option]), hidden }
        var name: String
        var id: String
        var label: String
        var value: String
        var kind: Kind
    }

    struct TableGrid {
        struct Column { var label: String; var unit: String }
        struct Row { var label: String; var cells: [Cell] }
        var columns: [Column]
        var rows: [Row]
    }

    /// The input a question type needs; `none` for the types edited in the workbook only.
    enum Control {
        case none
        case text(String)
        case number(String)
        case date(String)
        case yesNo(String?)
        case choice([Option])
        case multiple([Option], other: (selected: Bool, text: String)?)
        case table(TableGrid)
        case series([[Cell]])
        case link(url: String, title: String)
    }

    struct Comment { var who: String; var at: String; var body: String; var requestsChange: Bool }
    struct Decision { var text: String; var href: String; var status: String }
    /// A file the answer carries: its download link and what it is.
    struct File { var id: Int64; var name: String; var detail: String }

    var key: String
    var anchor: String
    var label: String
    var unit: String = ""
    var version: Int
    /// The answer in words, for people who cannot edit it.
    var text: String = ""
    var answered: Bool = false
    var toConfirm: Bool = false
    var editable: Bool = false
    var readOnlyHint: Bool = false
    var provenance: String = ""
    var help: String = ""
    var issues: [String] = []
    var control: Control = .none
    var decisions: [Decision] = []
    var comments: [Comment] = []
    var canComment: Bool = false
    var files: [File] = []
    /// The question takes files and the person may attach and detach them.
    var canAttach: Bool = false
    /// The heading of a repeat group's next, still empty entry.
    var newEntry: String = ""
    var error: String = ""
    var stale: (mine: String, current: String)?
    /// For a question bound to a concept: how the answer stands with the register of facts (`FactRowHTML`).
    var fact: FactState?
}

extension QuestionRow.Control {
    /// The same control showing `text` instead of the stored answer (a stale edit kept for the person to save again).
    func showing(_ text: String) -> Self {
        switch self {
        case .text: return .text(text)
        case .number: return .number(text)
        case .date: return .date(text)
        default: return self
        }
    }
}
