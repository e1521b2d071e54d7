import Foundation

/// Checks that a value has the shape and range its question's type asks for.
/// An empty (null) value always has a valid shape: whether it may be empty is
/// the `required` rule's business.
public enum AnswerShape {
    /// Problems with `value` as an answer to `question`, as sentences naming the fix.
    public static func problems(_ value: AnswerValue, for question: Question) -> [String] {
        guard value != .null else { return [] }
        switch question.type {
        case .text:
            guard case .object(let texts) = value, texts.values.allSatisfy({ $0.stringValue != nil }) else {
                return ["expects text (one text per language)"]
            }
            let unknown = texts.keys.filter { !LocalizedText.languages.contains($0) }.sorted()
            return unknown.isEmpty ? [] : ["has text in unknown language(s) \(unknown.joined(separator: ", ")); use en, fr, es, zh, ar or ru"]
        case .number, .integer:
            return numberProblems(value, integer: question.type == .integer, minimum: question.minimum, maximum: question.maximum, unit: question.unit)
        case .date:
            guard let text = value.stringValue, let date = Self.date(text) else { return ["expects a date written YYYY-MM-DD"] }
            if let minimum = question.minimumDate, let low = Self.date(minimum), date < low { return ["must be on or after \(minimum)"] }
            if let maximum = question.maximumDate, let high = Self.date(maximum), date > high { return ["must be on or before \(maximum)"] }
            return []
        case .yesNo:
            guard case .bool = value else { return ["expects yes or no"] }
            return []
        case .singleChoice, .scale:
            return choiceProblems(value, choices: question.choices)
        case .multipleChoice:
            return multipleChoiceProblems(value, question: question)
        case .table:
            return tableProblems(value, question: question)
        case .repeatGroup:
            return ["is a repeat group: answer its questions entry by entry"]
        case .link:
            guard case .object(let members) = value, let url = members["url"]?.stringValue, !url.trimmingWhitespace.isEmpty else {
                return ["expects a link: a web address (https://…) or the name of an attached file"]
            }
            if url.contains("://"), !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                return ["the link must start with https:// or http://"]
            }
            return []
        case .indicatorData:
            return indicatorDataProblems(value)
        }
    }

    static func numberProblems(_ value: AnswerValue, integer: Bool, minimum: Double?, maximum: Double?, unit: String?) -> [String] {
        guard let number = value.numberValue, number.isFinite else {
            return [integer ? "expects a whole number" : "expects a number\(unit.map { " in \($0)" } ?? "")"]
        }
        if integer, number != number.rounded() { return ["expects a whole number, not \(number)"] }
        if let minimum, number < minimum { return ["must be at least \(format(minimum))\(unit.map { " \($0)" } ?? "")"] }
        if let maximum, number > maximum { return ["must be at most \(format(maximum))\(unit.map { " \($0)" } ?? "")"] }
        return []
    }

    static func choiceProblems(_ value: AnswerValue, choices: [Choice]) -> [String] {
        guard let selected = value.stringValue else { return ["expects one of the listed choices"] }
        guard choices.contains(where: { $0.value == selected }) else {
            return ["'\(selected)' is not a choice here; choose one of \(choices.map(\.value).joined(separator: ", "))"]
        }
        return []
    }

    static func multipleChoiceProblems(_ value: AnswerValue, question: Question) -> [String] {
        guard case .list(let items) = value["selected"] else { return ["expects a list of selected choices"] }
        var problems: [String] = []
        var allowed = Set(question.choices.map(\.value))
        if question.allowsOther { allowed.insert("other") }
        for item in items {
            guard let choice = item.stringValue, allowed.contains(choice) else {
                problems.append("'\(item.stringValue ?? "?")' is not a choice here; choose among \(allowed.sorted().joined(separator: ", "))")
                continue
            }
        }
        if items.contains(.string("other")), (value["other"].stringValue ?? "").trimmingWhitespace.isEmpty {
            problems.append("'other' is selected: say what it is")
        }
        return problems
    }

    static func tableProblems(_ value: AnswerValue, question: Question) -> [String] {
        guard case .object(let rows) = value else { return ["expects a table (a value per row and column)"] }
        var problems: [String] = []
        let rowIDs = Set(question.rows.map(\.id))
        for (rowID, rowValue) in rows.sorted(by: { $0.key < $1.key }) {
            guard rowIDs.contains(rowID) else { problems.append("has an unknown row '\(rowID)'"); continue }
            guard case .object(let cells) = rowValue else { problems.append("row '\(rowID)' is not a set of columns"); continue }
            for (columnID, cell) in cells.sorted(by: { $0.key < $1.key }) {
                guard let column = question.columns.first(where: { $0.id == columnID }) else {
                    problems.append("has an unknown column '\(columnID)' in row '\(rowID)'")
                    continue
                }
                guard cell != .null else { continue }
                let cellProblems: [String] = switch column.type {
                case .number, .integer: numberProblems(cell, integer: column.type == .integer, minimum: nil, maximum: nil, unit: column.unit)
                case .yesNo: cell.isBool ? [] : ["expects yes or no"]
                case .singleChoice: choiceProblems(cell, choices: column.choices)
                default: cell.stringValue == nil ? ["expects text"] : []
                }
                problems += cellProblems.map { "row '\(rowID)', column '\(columnID)': \($0)" }
            }
        }
        return problems
    }

    static func indicatorDataProblems(_ value: AnswerValue) -> [String] {
        guard case .list(let rows) = value else { return ["expects rows of year, value, unit, disaggregation and source"] }
        var problems: [String] = []
        var seen: Set<String> = []
        for (index, row) in rows.enumerated() {
            let place = "row \(index + 1)"
            guard let year = row["year"].numberValue, year == year.rounded(), (1900...2100).contains(year) else {
                problems.append("\(place): the year must be a whole number from 1900 to 2100")
                continue
            }
            if row["value"].numberValue.map({ !$0.isFinite }) ?? true { problems.append("\(place): the value must be a number") }
            if (row["unit"].stringValue ?? "").isEmpty { problems.append("\(place): the unit is empty") }
            // One answer may hold several indicators (a goal's headline indicators): a year repeats across them.
            let key = "\(row["indicator"].stringValue ?? "")|\(Int(year))|\(row["disaggregation"].stringValue ?? "")"
            if !seen.insert(key).inserted { problems.append("\(place): \(Int(year)) appears twice") }
        }
        return problems
    }

    static func date(_ text: String) -> Date? {
        guard text.count == 10, text.split(separator: "-").count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    public static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

extension AnswerValue {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
