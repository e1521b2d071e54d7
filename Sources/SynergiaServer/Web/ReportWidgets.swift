import Foundation
import SynergiaCore
import SynergiaReporting

/// The form controls of the question types that take more than one field:
/// a table is a grid of inputs named `cell.ROW.COLUMN`, read back into the
/// answer's object of rows and columns.
enum ReportWidgets {
    /// The form's fields for `question` as the parts of an answer; `AnswerReader` reads them.
    static func parts(_ form: FormFields, question: Question) -> AnswerParts {
        var parts = AnswerParts(value: form["value"].map(TypedInput.text), selected: form.all("value"), other: form["other"],
                                url: form["url"], title: form["title"])
        for row in question.rows {
            for column in question.columns {
                guard let text = form["cell.\(row.id).\(column.id)"] else { continue }
                parts.cells[row.id, default: [:]][column.id] = .text(text)
            }
        }
        for index in 0..<500 {
            guard form["row.\(index).year"] != nil else { break }
            for field in seriesFields + ["indicator"] {
                if let text = form["row.\(index).\(field)"] { parts.rows[index, default: [:]][field] = .text(text) }
            }
        }
        return parts
    }

    /// A refused input, placed the way the form shows it: a table cell by its
    /// row and column labels, an indicator-data field by its label and row.
    static func message(_ error: AnswerReadError, question: Question?, views: Views, language: String) -> String {
        switch error.field {
        case .value:
            return error.explanation
        case .cell(let rowID, let columnID):
            let row = question?.rows.first { $0.id == rowID }?.label.text(language) ?? rowID
            let column = question?.columns.first { $0.id == columnID }?.label.text(language) ?? columnID
            return "\(row), \(column): \(error.explanation)"
        case .data(let row, let field):
            return "\(views.text(field, language)) \(row): \(error.explanation)"
        }
    }

    /// A number as a form shows it: whole numbers without a decimal point.
    static func formText(_ n: Double) -> String { n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n) }

    /// The grid of a table question: each cell with its input name, kind and current text.
    static func tableGrid(_ question: Question, _ value: AnswerValue, anchor: String, language: String) -> QuestionRow.TableGrid {
        let columns = question.columns.map { QuestionRow.TableGrid.Column(label: $0.label.text(language), unit: $0.unit ?? "") }
        let rows = question.rows.map { row -> QuestionRow.TableGrid.Row in
            let cells = question.columns.map { column -> QuestionRow.Cell in
                var text = ""
                switch value[row.id][column.id] {
                case .number(let n): text = formText(n)
                case .string(let s): text = s
                case .bool(let b): text = b ? "yes" : "no"
                default: break
                }
                let kind: QuestionRow.Cell.Kind
                switch column.type {
                case .number, .integer: kind = .number
                case .yesNo: kind = .yesNo
                case .singleChoice: kind = .choice(column.choices.map { .init(value: $0.value, label: $0.label.text(language), selected: $0.value == text) })
                default: kind = .text
                }
                return QuestionRow.Cell(name: "cell.\(row.id).\(column.id)", id: "\(anchor)-\(row.id)-\(column.id)",
                                        label: "\(row.label.text(language)) — \(column.label.text(language))", value: text, kind: kind)
            }
            return .init(label: row.label.text(language), cells: cells)
        }
        return QuestionRow.TableGrid(columns: columns, rows: rows)
    }

    /// Fields of an indicator-data row, in the order the form shows them.
    static var seriesFields: [String] { AnswerReader.dataFields }
    /// Blank rows offered below the stored ones (forms work without JavaScript).
    static let blankSeriesRows = 3

    /// `labels`: the column names in the page's language, by field.
    /// A stored row's own indicator (questions over several indicators) rides along as a hidden field.
    static func seriesRows(_ value: AnswerValue, unit: String?, anchor: String, labels: [String: String]) -> [[QuestionRow.Cell]] {
        let stored = value.listValue ?? []
        return (stored + Array(repeating: AnswerValue.null, count: blankSeriesRows)).enumerated().map { index, row in
            let indicator = row["indicator"].stringValue.map {
                [QuestionRow.Cell(name: "row.\(index).indicator", id: "\(anchor)-\(index)-indicator", label: "", value: $0, kind: .hidden)]
            } ?? []
            return indicator + seriesFields.map { field -> QuestionRow.Cell in
                var text = ""
                switch row[field] {
                case .number(let n): text = formText(n)
                case .string(let s): text = s
                default: if field == "unit", row == .null { text = unit ?? "" }
                }
                return QuestionRow.Cell(name: "row.\(index).\(field)", id: "\(anchor)-\(index)-\(field)", label: "\(labels[field] ?? field) \(index + 1)",
                                        value: text, kind: field == "year" || field == "value" ? .number : .text)
            }
        }
    }
}
