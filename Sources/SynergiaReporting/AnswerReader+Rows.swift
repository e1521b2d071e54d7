import SynergiaCore

extension AnswerReader {
    /// Fields of an indicator-data row, in the order forms and workbooks show them.
    public static let dataFields = ["year", "value", "unit", "disaggregation", "source"]

    /// Indicator-data rows from their fields, in order. A row with neither a
    /// year nor a value is left out (forms and workbooks offer blank rows); the
    /// unit defaults to the question's, and the question's indicator, when it
    /// names one, is the row's indicator whatever the input said. `json`: see `completed`.
    func rows(_ input: [Int: [String: TypedInput]], extras: [Int: [String: AnswerValue]] = [:], json: Bool = false) throws(AnswerReadError) -> AnswerValue {
        var rows: [AnswerValue] = []
        for index in input.keys.sorted() {
            let fields = input[index]!.filter { !$0.value.text.isEmpty }
            guard fields["year"] != nil || fields["value"] != nil else { continue }
            var row = extras[index] ?? [:]
            for name in ["year", "value"] {
                guard let field = fields[name] else { continue }
                let place = AnswerReadError.Field.data(row: index + 1, field: name)
                row[name] = try json ? numberIfText(field, field: place) : .number(number(field, field: place))
            }
            for name in ["unit", "disaggregation", "source"] {
                if let field = fields[name] { row[name] = .string(field.text) }
            }
            if row["unit"] == nil, let unit = question.unit { row["unit"] = .string(unit) }
            if let indicator = question.indicator {
                row["indicator"] = .string(indicator)
            } else if let indicator = fields["indicator"] {
                // A question over several indicators (a target's data) keeps each row's own.
                row["indicator"] = .string(indicator.text)
            }
            rows.append(.object(row))
        }
        return rows.isEmpty ? .null : .list(rows)
    }

    /// A JSON value completed the way the other inputs are: numbers given as
    /// text read in `notation`, yes/no given as words, indicator-data rows
    /// rebuilt by `rows`. Text that is no number at all ("many") is JSON of
    /// the wrong type, not a typing slip: it is left for `AnswerShape`, whose
    /// message says which type the question expects.
    func completed(_ value: AnswerValue) throws(AnswerReadError) -> AnswerValue {
        switch (question.type, value) {
        case (.number, .string(let text)), (.integer, .string(let text)):
            return try numberIfText(.text(text), field: .value)
        case (.yesNo, .string(let text)):
            return (try? yesNo(text, field: .value)).map(AnswerValue.bool) ?? value
        case (.table, .object(let rows)):
            var completed = rows
            for (rowID, row) in rows {
                guard case .object(var cells) = row else { continue }
                for (columnID, cell) in cells {
                    guard case .string(let text) = cell, let column = question.columns.first(where: { $0.id == columnID }) else { continue }
                    switch column.type {
                    case .number, .integer: cells[columnID] = try numberIfText(.text(text), field: .cell(row: rowID, column: columnID))
                    case .yesNo: cells[columnID] = (try? yesNo(text, field: .value)).map(AnswerValue.bool) ?? cell
                    default: continue
                    }
                }
                completed[rowID] = .object(cells)
            }
            return .object(completed)
        case (.indicatorData, .list(let items)):
            guard items.allSatisfy({ if case .object = $0 { true } else { false } }) else { return value }
            var input: [Int: [String: TypedInput]] = [:]
            var extras: [Int: [String: AnswerValue]] = [:]
            for (index, item) in items.enumerated() {
                guard case .object(let members) = item else { continue }
                input[index] = [:]
                for (name, member) in members {
                    switch (Self.dataFields.contains(name), member) {
                    case (true, .number(let number)): input[index]![name] = .number(number)
                    case (true, .string(let text)): input[index]![name] = .text(text)
                    case (true, .null): break
                    default: extras[index, default: [:]][name] = member
                    }
                }
            }
            return try rows(input, extras: extras, json: true)
        default:
            return value
        }
    }

    /// The number a text stands for, or the text itself when it is no number at all.
    private func numberIfText(_ input: TypedInput, field: AnswerReadError.Field) throws(AnswerReadError) -> AnswerValue {
        do { return .number(try number(input, field: field)) } catch {
            guard error.reason == .number(.notANumber), case .text(let text) = input else { throw error }
            return .string(text)
        }
    }
}
