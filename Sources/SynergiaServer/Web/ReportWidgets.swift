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

    /// A number as a form shows it: whole numbers without a decimal point.
    static func formText(_ n: Double) -> String { n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n) }

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
                case .number(let n): text = formText(n)
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

    /// Fields of an indicator-data row, in the order the form shows them.
    static let seriesFields = ["year", "value", "unit", "disaggregation", "source"]
    /// Blank rows offered below the stored ones (forms work without JavaScript).
    static let blankSeriesRows = 3

    /// Rows `row.N.FIELD`; a row with neither year nor value is left out.
    static func seriesValue(_ form: FormFields, defaultUnit: String?) throws -> AnswerValue {
        var rows: [AnswerValue] = []
        for index in 0..<500 {
            guard form["row.\(index).year"] != nil else { break }
            func text(_ field: String) -> String { (form["row.\(index).\(field)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            if text("year").isEmpty && text("value").isEmpty { continue }
            guard let year = Int(text("year")) else { throw DomainError.invalid("row \(index + 1): the year '\(text("year"))' is not a year") }
            let value: Double
            do { value = try number(text("value")) } catch { throw DomainError.invalid("row \(index + 1): '\(text("value"))' is not a number") }
            var row: [String: AnswerValue] = ["year": .number(Double(year)), "value": .number(value),
                                              "unit": .string(text("unit").isEmpty ? (defaultUnit ?? "") : text("unit"))]
            if !text("disaggregation").isEmpty { row["disaggregation"] = .string(text("disaggregation")) }
            if !text("source").isEmpty { row["source"] = .string(text("source")) }
            rows.append(.object(row))
        }
        return rows.isEmpty ? .null : .list(rows)
    }

    /// `labels`: the column names in the page's language, by field.
    static func seriesRows(_ value: AnswerValue, unit: String?, anchor: String, labels: [String: String]) -> [[String: Any]] {
        let stored = value.listValue ?? []
        return (stored + Array(repeating: AnswerValue.null, count: blankSeriesRows)).enumerated().map { index, row in
            ["cells": seriesFields.map { field -> [String: Any] in
                var text = ""
                switch row[field] {
                case .number(let n): text = formText(n)
                case .string(let s): text = s
                default: if field == "unit", row == .null { text = unit ?? "" }
                }
                return ["name": "row.\(index).\(field)", "id": "\(anchor)-\(index)-\(field)", "value": text,
                        "label": "\(labels[field] ?? field) \(index + 1)",
                        "numeric": field == "year" || field == "value"]
            }]
        }
    }
}
