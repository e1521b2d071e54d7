import SynergiaCore

/// An answer as one line of readable text, for CSV cells and printed reports.
public enum AnswerText {
    /// With the plain words and numbers of data files (`yes`, `1234.5`).
    public static func plain(_ value: AnswerValue, question: Question, language: String) -> String {
        line(value, question: question, language: language, wording: nil)
    }

    /// Entirely in the wording's language: its yes and no, its numbers (`1 234,5`).
    public static func plain(_ value: AnswerValue, question: Question, wording: ExportWording) -> String {
        line(value, question: question, language: wording.language, wording: wording)
    }

    static func line(_ value: AnswerValue, question: Question, language: String, wording: ExportWording?) -> String {
        func scalar(_ value: AnswerValue) -> String { AnswerText.scalar(value, wording: wording) }
        switch (question.type, value) {
        case (_, .null): return ""
        case (.text, .object(let texts)):
            return texts[language]?.stringValue ?? texts["en"]?.stringValue ?? texts.values.compactMap(\.stringValue).first ?? ""
        case (.yesNo, .bool(let flag)): return wording?.yesNo(flag) ?? (flag ? "yes" : "no")
        case (.singleChoice, .string(let choice)), (.scale, .string(let choice)):
            return question.choices.first { $0.value == choice }?.label.text(language) ?? choice
        case (.multipleChoice, _):
            let labels = (value["selected"].listValue ?? []).compactMap(\.stringValue).map { choice in
                guard choice == "other" else { return question.choices.first { $0.value == choice }?.label.text(language) ?? choice }
                let other = value["other"].stringValue ?? ""
                return wording?.text("export.other", ["text": other]) ?? "other: \(other)"
            }
            return labels.joined(separator: "; ")
        case (.date, .string(let day)) where wording != nil:
            let parts = day.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let wording else { return day }
            return wording.format.longDate(year: parts[0], month: parts[1], day: parts[2])
        case (.link, _):
            return [value["title"].stringValue, value["url"].stringValue].compactMap { $0 }.joined(separator: " — ")
        case (.table, .object(let rows)):
            return question.rows.compactMap { row in
                guard case .object(let cells)? = rows[row.id] else { return nil }
                let parts = question.columns.compactMap { column in
                    cells[column.id].map { "\(column.label.text(language)): \(scalar($0))" }
                }
                return "\(row.label.text(language)): " + parts.joined(separator: ", ")
            }.joined(separator: " | ")
        case (.indicatorData, .list(let rows)):
            return rows.map { row in
                "\(year(row["year"], wording: wording)): \(scalar(row["value"])) \(row["unit"].stringValue ?? "")".trimmingCharacters(in: .whitespaces)
            }.joined(separator: "; ")
        default:
            return scalar(value)
        }
    }

    static func scalar(_ value: AnswerValue, wording: ExportWording? = nil) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): wording?.yesNo(flag) ?? (flag ? "yes" : "no")
        case .number(let number): wording?.format.number(number) ?? AnswerShape.format(number)
        case .string(let text): text
        case .list(let items): items.map { scalar($0, wording: wording) }.joined(separator: "; ")
        case .object(let members): members.keys.sorted().map { "\($0)=\(scalar(members[$0]!, wording: wording))" }.joined(separator: ", ")
        }
    }

    /// A year of indicator data, never grouped as a number would be.
    static func year(_ value: AnswerValue, wording: ExportWording?) -> String {
        if let number = value.numberValue, number == number.rounded(), abs(number) < 100_000 { return String(Int(number)) }
        return scalar(value, wording: wording)
    }
}
