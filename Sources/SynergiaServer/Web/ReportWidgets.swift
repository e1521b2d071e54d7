import Foundation
import SynergiaCore

/// The form controls of the question types that take more than one field:
/// a table is a grid of inputs named `cell.ROW.COLUMN`, read back into the
/// answer's object of rows and columns.
enum ReportWidgets {
    /// A number as people type it: "1 234,5", "1,234.5", "12.5".
    static func number(_ raw: String) throws -> Double {
        let normalized = raw.contains(".") ? raw.replacingOccurrences(of: ",", with: "") : raw.replacingOccurrences(of: ",", with: ".")
        guard let number = Double(normalized.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")) else {
            throw DomainError.invalid("'\(raw)' is not a number")
        }
        return number
    }

    static func tableValue(_ question: Question, _ form: FormFields) throws -> AnswerValue {
        var rows: [String: AnswerValue] = [:]
        for row in question.rows {
            var cells: [String: AnswerValue] = [:]
            for column in question.columns {
                let raw = (form["cell.\(row.id).\(column.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !raw.isEmpty else { continue }
                switch column.type {
                case .number, .integer:
                    do { cells[column.id] = .number(try number(raw)) } catch {
                        throw DomainError.invalid("\(row.label.text("en")), \(column.label.text("en")): '\(raw)' is not a number")
                    }
                case .yesNo: cells[column.id] = .bool(raw == "yes")
                default: cells[column.id] = .string(raw)
                }
            }
            if !cells.isEmpty { rows[row.id] = .object(cells) }
        }
        return rows.isEmpty ? .null : .object(rows)
    }

    /// Rows of the grid for the template: each cell with its input name, kind and current text.
    static func tableRows(_ question: Question, _ value: AnswerValue, anchor: String, language: String) -> [String: Any] {
        let header = question.columns.map { column -> [String: Any] in
            ["label": column.label.text(language), "unit": column.unit ?? ""]
        }
        let rows = question.rows.map { row -> [String: Any] in
            let cells = question.columns.map { column -> [String: Any] in
                let cell = value[row.id][column.id]
                var text = ""
                switch cell {
                case .number(let n): text = n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
                case .string(let s): text = s
                case .bool(let b): text = b ? "yes" : "no"
                default: break
                }
                return [
                    "name": "cell.\(row.id).\(column.id)", "id": "\(anchor)-\(row.id)-\(column.id)",
                    "label": "\(row.label.text(language)) — \(column.label.text(language))", "value": text,
                    "isNumber": column.type == .number || column.type == .integer, "isYesNo": column.type == .yesNo,
                    "yes": text == "yes", "no": text == "no",
                    "isChoice": column.type == .singleChoice,
                    "isText": ![.number, .integer, .yesNo, .singleChoice].contains(column.type),
                    "choices": column.choices.map { ["value": $0.value, "label": $0.label.text(language), "selected": $0.value == text] },
                ]
            }
            return ["label": row.label.text(language), "cells": cells]
        }
        return ["columns": header, "rows": rows]
    }
}
