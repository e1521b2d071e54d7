import SynergiaCore

/// An answer as one line of readable text, for CSV cells and printed reports.
public enum AnswerText {
    public static func plain(_ value: AnswerValue, question: Question, language: String) -> String {
        switch (question.type, value) {
        case (_, .null): return ""
        case (.text, .object(let texts)):
            return texts[language]?.stringValue ?? texts["en"]?.stringValue ?? texts.values.compactMap(\.stringValue).first ?? ""
        case (.yesNo, .bool(let flag)): return flag ? "yes" : "no"
        case (.singleChoice, .string(let choice)), (.scale, .string(let choice)):
            return question.choices.first { $0.value == choice }?.label.text(language) ?? choice
        case (.multipleChoice, _):
            let labels = (value["selected"].listValue ?? []).compactMap(\.stringValue).map { choice in
                choice == "other" ? "other: \(value["other"].stringValue ?? "")" : question.choices.first { $0.value == choice }?.label.text(language) ?? choice
            }
            return labels.joined(separator: "; ")
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
                "\(scalar(row["year"])): \(scalar(row["value"])) \(row["unit"].stringValue ?? "")".trimmingCharacters(in: .whitespaces)
            }.joined(separator: "; ")
        default:
            return scalar(value)
        }
    }

    static func scalar(_ value: AnswerValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "yes" : "no"
        case .number(let number): AnswerShape.format(number)
        case .string(let text): text
        case .list(let items): items.map(scalar).joined(separator: "; ")
        case .object(let members): members.keys.sorted().map { "\($0)=\(scalar(members[$0]!))" }.joined(separator: ", ")
        }
    }
}
