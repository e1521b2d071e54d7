import Crypto
import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaStore
import SynergiaXLSX

/// What importing a filled-in workbook would change, shown to the person
/// before anything is stored.
public struct WorkbookImportPlan: Sendable, Codable {
    public typealias Change = ImportChange

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
        try await planWorkbookImport(in: try await view(reportID: reportID), data: data, limits: limits)
    }

    /// `planWorkbookImport(reportID:)` on a report view the caller already holds.
    public func planWorkbookImport(in view: ReportView, data: Data, limits: XLSXLimits = XLSXLimits()) async throws -> WorkbookImportPlan {
        let reportID = view.report.id
        let workbook: Workbook
        do { workbook = try XLSXReader.read(data, limits: limits) } catch { throw DomainError.invalid(error.description) }
        guard let hidden = workbook[WorkbookMapping.sheetName] else {
            throw DomainError.invalid("this workbook was not exported by Synergia (its hidden sheet is missing); export the report as XLSX and fill in that file")
        }
        let mapping = try WorkbookMapping.read(hidden, secret: try await store.installationSecret("xlsx-signing"))
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
            var reader = CellReader(AnswerReader(question: question, key: key, language: language, messages: messages))
            for (cell, cellValue) in cells {
                do { try reader.apply(cellValue, part: cell.part, to: &value) } catch {
                    problems.append("\(cell.sheet)!\(cell.address): \(error.explanation)")
                }
            }
            do { value = try reader.finish(value) } catch {
                problems.append("\(location): \(error.explanation)")
                continue
            }
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
            throw ImportChange.refusal(problems, fix: "cells")
        }
        let hash = HexText.string(SHA256.hash(data: data))
        return WorkbookImportPlan(reportID: reportID, fileSHA256: hash, changes: changes, conflicts: conflicts)
    }

    /// Applies a plan's changes in one transaction (conflicts are left alone);
    /// an answer changed since the plan was made refuses the whole import.
    public func applyWorkbookImport(_ plan: WorkbookImportPlan, actor: ReportActor) async throws -> [Answer] {
        guard !plan.changes.isEmpty else { return [] }
        return try await applyWorkbookImport(plan, in: try await view(reportID: plan.reportID), actor: actor)
    }

    /// `applyWorkbookImport(_:actor:)` on the report view the plan was made from.
    public func applyWorkbookImport(_ plan: WorkbookImportPlan, in view: ReportView, actor: ReportActor) async throws -> [Answer] {
        guard !plan.changes.isEmpty else { return [] }
        guard plan.reportID == view.report.id else {
            throw DomainError.invalid("this import plan is for report \(plan.reportID), not report \(view.report.id)")
        }
        var actor = actor
        actor.channel = .xlsx
        return try await answer(in: view, plan.changes.compactMap(\.edit), actor: actor, fileSHA256: plan.fileSHA256)
    }
}

/// Reads input cells back into an answer value, part by part, with the
/// question's `AnswerReader`: a cell means what the same text means in the form.
struct CellReader {
    let reader: AnswerReader
    private var dataRows: [Int: [String: TypedInput]] = [:]
    private var touchedData = false

    init(_ reader: AnswerReader) {
        self.reader = reader
    }

    mutating func apply(_ cell: CellValue, part: String, to value: inout AnswerValue) throws(AnswerReadError) {
        // Only a numeric cell is a number as it stands; text typed in a cell is read like text typed in the form.
        let input: TypedInput = if case .number(let number) = cell { .number(number) } else { .text(WorkbookMapping.text(cell)) }
        let question = reader.question
        let pieces = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch pieces[0] {
        case "value":
            value = try reader.scalar(input, type: question.type, choices: question.choices, current: value, field: .value)
        case "choice":
            var selected = (value["selected"].listValue ?? []).compactMap(\.stringValue)
            let on = input.text.isEmpty ? false : try reader.yesNo(input.text, field: .value)
            selected.removeAll { $0 == pieces[1] }
            if on { selected.append(pieces[1]) }
            let order = question.choices.map(\.value) + ["other"]
            selected.sort { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
            value = AnswerReader.setting(value, "selected", .list(selected.map(AnswerValue.string)))
        case "other":
            value = AnswerReader.setting(value, "other", input.text.isEmpty ? .null : .string(input.text))
        case "cell":
            guard let column = question.columns.first(where: { $0.id == pieces[2] }) else { return }
            let row = AnswerReader.setting(value[pieces[1]], pieces[2], try reader.cell(input, row: pieces[1], column: column))
            value = AnswerReader.setting(value, pieces[1], row)
        case "data":
            touchedData = true
            guard let index = Int(pieces[1]), AnswerReader.dataFields.contains(pieces[2]) else { return }
            var field = input
            // Numbers are read here, where the cell is known, so a refusal names it.
            if ["year", "value"].contains(pieces[2]), !input.text.isEmpty {
                field = .number(try reader.number(input, field: .data(row: index + 1, field: pieces[2])))
            }
            dataRows[index, default: [:]][pieces[2]] = field
        default:
            return
        }
    }

    /// Indicator data rows are rebuilt from the cells (`AnswerReader.rows`).
    func finish(_ value: AnswerValue) throws(AnswerReadError) -> AnswerValue {
        guard touchedData else { return value }
        return try reader.rows(dataRows)
    }
}
