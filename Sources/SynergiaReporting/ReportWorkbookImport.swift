import Crypto
import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore
import SynergiaXLSX

/// What importing a filled-in workbook would change, shown to the person
/// before anything is stored.
public struct WorkbookImportPlan: Sendable, Codable {
    public struct Change: Sendable, Codable, Equatable {
        public var key: String
        public var location: String
        public var old: AnswerValue
        public var new: AnswerValue
        public var expectedVersion: Int?
    }

    /// An answer changed both in the workbook and online since the export: not applied.
    public struct Conflict: Sendable, Codable, Equatable {
        public var key: String
        public var location: String
        public var workbook: AnswerValue
        public var current: AnswerValue
        public var exportedVersion: Int
        public var currentVersion: Int
    }

    public var reportID: Int64
    public var fileSHA256: String
    public var changes: [Change]
    public var conflicts: [Conflict]
}

extension ReportService {
    /// Reads and checks a workbook exported from `reportID`. Everything is
    /// validated first (workbook, signature, report, template version, sheets,
    /// formulas, each value); any problem refuses the whole file with every
    /// problem named by its cell.
    public func planWorkbookImport(reportID: Int64, data: Data, limits: XLSXLimits = XLSXLimits()) async throws -> WorkbookImportPlan {
        let workbook: Workbook
        do { workbook = try XLSXReader.read(data, limits: limits) } catch { throw DomainError.invalid(error.description) }
        guard let hidden = workbook[WorkbookMapping.sheetName] else {
            throw DomainError.invalid("this workbook was not exported by Synergia (its hidden sheet is missing); export the report as XLSX and fill in that file")
        }
        let mapping = try WorkbookMapping.read(hidden, secret: try await store.installationSecret("xlsx-signing"))
        let view = try await view(reportID: reportID)
        guard mapping.header.reportID == reportID else {
            throw DomainError.invalid("this workbook was exported from report \(mapping.header.reportID), not report \(reportID); import it into that report")
        }
        guard mapping.header.templateID == view.template.id, mapping.header.templateVersion == view.template.version else {
            throw DomainError.invalid("this workbook was made for \(mapping.header.templateID) version \(mapping.header.templateVersion); the report now uses \(view.template.id) version \(view.template.version). Export it again")
        }
        let language = mapping.header.language
        var problems: [String] = []
        let expectedSheets = Set(mapping.cells.map(\.sheet))
        for name in workbook.sheetNames where !expectedSheets.contains(name) && name != WorkbookMapping.sheetName && !name.hasPrefix(XLSXWriter.listSheetName) {
            problems.append("sheet '\(name)' was not in the exported workbook; remove it (Synergia reads only the sheets it wrote)")
        }
        for name in expectedSheets.sorted() where workbook[name] == nil {
            problems.append("sheet '\(name)' is missing or was renamed; restore it from the exported file")
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems.joined(separator: "\n")) }

        var byKey: [String: [(cell: WorkbookMapping.Cell, value: CellValue)]] = [:]
        var order: [String] = []
        for cell in mapping.cells where cell.part != "sheet" {
            let value = workbook[cell.sheet]![cell.address]
            if case .formula = value {
                problems.append("\(cell.sheet)!\(cell.address) holds a formula; type the value itself")
                continue
            }
            if byKey[cell.key] == nil { order.append(cell.key) }
            byKey[cell.key, default: []].append((cell, value))
        }

        var changes: [WorkbookImportPlan.Change] = []
        var conflicts: [WorkbookImportPlan.Conflict] = []
        for keyText in order {
            let cells = byKey[keyText]!
            let changed = cells.filter { WorkbookMapping.text($0.value) != $0.cell.exported }
            guard !changed.isEmpty, let key = AnswerKey(keyText) else { continue }
            let location = "\(changed[0].cell.sheet)!\(changed[0].cell.address)"
            let question: Question
            do { question = try locate(key, in: view).0 } catch {
                problems.append("\(location): \(error)")
                continue
            }
            let current = view.answers[key]
            var value = current?.value ?? .null
            var reader = CellReader(question: question, language: language, messages: messages)
            for (cell, cellValue) in cells {
                do { try reader.apply(cellValue, part: cell.part, to: &value) } catch {
                    problems.append("\(cell.sheet)!\(cell.address): \(error.message)")
                }
            }
            value = reader.finish(value)
            let exportedVersion = changed[0].cell.version
            if (current?.version ?? 0) != exportedVersion {
                conflicts.append(.init(key: keyText, location: location, workbook: value, current: current?.value ?? .null,
                                       exportedVersion: exportedVersion, currentVersion: current?.version ?? 0))
                continue
            }
            let shape = AnswerShape.problems(value, for: question) + AnswerTextRules.problems(value, for: question)
            if !shape.isEmpty {
                problems.append("\(location) (\(keyText)): \(shape.joined(separator: "; "))")
                continue
            }
            if value != (current?.value ?? .null) {
                changes.append(.init(key: keyText, location: location, old: current?.value ?? .null, new: value,
                                     expectedVersion: current?.version))
            }
        }
        guard problems.isEmpty else {
            throw DomainError.invalid("nothing was imported; fix these cells and import again:\n" + problems.prefix(50).joined(separator: "\n") + (problems.count > 50 ? "\n… and \(problems.count - 50) more" : ""))
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return WorkbookImportPlan(reportID: reportID, fileSHA256: hash, changes: changes, conflicts: conflicts)
    }

    /// Applies a plan's changes in one transaction (conflicts are left alone);
    /// an answer changed since the plan was made refuses the whole import.
    public func applyWorkbookImport(_ plan: WorkbookImportPlan, actor: ReportActor) async throws -> [Answer] {
        guard !plan.changes.isEmpty else { return [] }
        var actor = actor
        actor.channel = .xlsx
        let edits = plan.changes.compactMap { change in
            AnswerKey(change.key).map { AnswerEdit(key: $0, value: change.new, expectedVersion: change.expectedVersion) }
        }
        return try await answer(reportID: plan.reportID, edits, actor: actor, fileSHA256: plan.fileSHA256)
    }
}

/// Reads input cells back into an answer value, part by part.
struct CellReader {
    struct Problem: Error { var message: String }

    let question: Question
    let language: String
    let messages: Messages
    private var dataRows: [Int: [String: AnswerValue]] = [:]
    private var touchedData = false

    init(question: Question, language: String, messages: Messages) {
        self.question = question
        self.language = language
        self.messages = messages
    }

    mutating func apply(_ cell: CellValue, part: String, to value: inout AnswerValue) throws(Problem) {
        let text = WorkbookMapping.text(cell).trimmingCharacters(in: .whitespacesAndNewlines)
        let pieces = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch pieces[0] {
        case "value":
            value = try scalar(cell, text: text, type: question.type, choices: question.choices, current: value)
        case "choice":
            var selected = (value["selected"].listValue ?? []).compactMap(\.stringValue)
            let on = try yesNo(text) ?? false
            selected.removeAll { $0 == pieces[1] }
            if on { selected.append(pieces[1]) }
            let order = question.choices.map(\.value) + ["other"]
            selected.sort { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
            value = Self.setting(value, "selected", .list(selected.map(AnswerValue.string)))
        case "other":
            value = Self.setting(value, "other", text.isEmpty ? .null : .string(text))
        case "cell":
            guard let column = question.columns.first(where: { $0.id == pieces[2] }) else { return }
            let cellValue = try scalar(cell, text: text, type: column.type, choices: column.choices, current: .null)
            let row = Self.setting(value[pieces[1]], pieces[2], cellValue)
            value = Self.setting(value, pieces[1], row)
        case "data":
            touchedData = true
            guard let index = Int(pieces[1]) else { return }
            let field = pieces[2]
            let fieldValue: AnswerValue
            if field == "year" || field == "value" {
                guard !text.isEmpty else { return }
                guard let number = cell.numberValue ?? Double(text) else { throw Problem(message: "the \(field) must be a number, not '\(text)'") }
                fieldValue = .number(number)
            } else {
                fieldValue = text.isEmpty ? .null : .string(text)
            }
            dataRows[index, default: [:]][field] = fieldValue
        default:
            return
        }
    }

    /// Indicator data rows are rebuilt from the cells; empty rows are dropped.
    func finish(_ value: AnswerValue) -> AnswerValue {
        guard touchedData else { return value }
        let rows = dataRows.keys.sorted().compactMap { index -> AnswerValue? in
            let fields = dataRows[index]!.filter { $0.value != .null }
            guard !fields.isEmpty else { return nil }
            var row = fields
            if row["unit"] == nil, let unit = question.unit { row["unit"] = .string(unit) }
            if let indicator = question.indicator { row["indicator"] = .string(indicator) }
            return .object(row)
        }
        return rows.isEmpty ? .null : .list(rows)
    }

    private func scalar(_ cell: CellValue, text: String, type: QuestionType, choices: [Choice], current: AnswerValue) throws(Problem) -> AnswerValue {
        if text.isEmpty {
            if type == .text { return Self.setting(current, language, .null).isAnswered ? Self.setting(current, language, .null) : .null }
            return .null
        }
        switch type {
        case .text:
            return Self.setting(current == .null ? .object([:]) : current, language, .string(text))
        case .number, .integer:
            guard let number = cell.numberValue ?? Double(text.replacingOccurrences(of: " ", with: "")) else {
                throw Problem(message: "'\(text)' is not a number")
            }
            return .number(number)
        case .date:
            if let serial = cell.numberValue {
                let formatter = DateFormatter()
                formatter.dateFormat = "yyyy-MM-dd"
                formatter.timeZone = TimeZone(identifier: "UTC")
                return .string(formatter.string(from: ExcelDate.date(fromSerial: serial)))
            }
            return .string(text)
        case .yesNo:
            guard let flag = try yesNo(text) else { return .null }
            return .bool(flag)
        case .singleChoice, .scale:
            if let choice = choices.first(where: { $0.label.text(language) == text || $0.value == text || $0.label.english == text }) {
                return .string(choice.value)
            }
            throw Problem(message: "'\(text)' is not one of the listed choices; pick one from the drop-down")
        case .link:
            return Self.setting(current == .null ? .object([:]) : current, "url", .string(text))
        default:
            return .string(text)
        }
    }

    private func yesNo(_ text: String) throws(Problem) -> Bool? {
        if text.isEmpty { return nil }
        let lower = text.lowercased()
        if [messages.text("yes", language).lowercased(), "yes", "true", "1"].contains(lower) { return true }
        if [messages.text("no", language).lowercased(), "no", "false", "0"].contains(lower) { return false }
        throw Problem(message: "'\(text)' is neither \(messages.text("yes", language)) nor \(messages.text("no", language))")
    }

    static func setting(_ value: AnswerValue, _ key: String, _ member: AnswerValue) -> AnswerValue {
        var members: [String: AnswerValue] = [:]
        if case .object(let existing) = value { members = existing }
        members[key] = member == .null ? nil : member
        return members.isEmpty ? .null : .object(members)
    }
}
