import Foundation
import SynergiaCore
import SynergiaReference
import SynergiaXLSX

/// Writes a report as a workbook for offline work: one sheet per top-level
/// section, labels in the chosen language, shaded input cells (the rest is
/// protected), drop-downs for choices, input hints for units and ranges, and
/// the signed hidden sheet that maps every input cell back to its answer.
struct ReportWorkbookExport {
    /// Blank rows offered for new indicator data and new repeat entries.
    static let spareRows = 5
    static let spareEntries = 2

    let view: ReportService.ReportView
    let language: String
    let messages: Messages
    private var cells: [WorkbookMapping.Cell] = []
    private var sheet = Worksheet(name: "")

    init(view: ReportService.ReportView, language: String, messages: Messages) {
        self.view = view
        self.language = language
        self.messages = messages
    }

    mutating func workbook(secret: Data, exportedAt: Date) throws -> Workbook {
        var sheets: [Worksheet] = []
        var usedNames: Set<String> = [XLSXWriter.listSheetName, WorkbookMapping.sheetName]
        for section in view.template.sections {
            sheet = Worksheet(name: Self.sheetName(section, language: language, used: &usedNames))
            sheet.columnWidths = [1: 60, 2: 40, 3: 24, 4: 28, 5: 20, 6: 30]
            sheet.set(.string(section.title.text(language)), row: 1, column: 1, style: CellStyle(bold: true))
            sheet.set(.string(messages.text("workbook.instructions", language)), row: 2, column: 1, style: CellStyle(wrap: true, italic: true))
            _ = sheet.appendRow(["workbook.question", "workbook.answer", "workbook.hint", "workbook.status"].map { .string(messages.text($0, language)) }, style: CellStyle(bold: true))
            sheet.frozenRows = 3
            // Marks the sheet as part of the export, so a missing or renamed sheet is noticed on import.
            cells.append(WorkbookMapping.Cell(sheet: sheet.name, address: "A1", key: "", part: "sheet", version: 0, exported: ""))
            write(section)
            sheet.protection = SheetProtection()
            sheets.append(sheet)
        }
        let header = WorkbookMapping.Header(reportID: view.report.id, templateID: view.template.id, templateVersion: view.template.version,
                                            language: language, exportedAt: ISO8601DateFormatter().string(from: exportedAt))
        sheets.append(WorkbookMapping(header: header, cells: cells).worksheet(secret: secret))
        return Workbook(sheets: sheets)
    }

    private mutating func write(_ section: TemplateSection) {
        for question in section.questions {
            if question.type == .repeatGroup {
                writeRepeat(question)
            } else {
                write(question, key: AnswerKey(question: question.id))
            }
        }
        for child in section.sections {
            _ = sheet.appendRow([.string(child.title.text(language))], style: CellStyle(bold: true, shaded: false))
            write(child)
        }
    }

    private mutating func writeRepeat(_ group: Question) {
        _ = sheet.appendRow([.string(group.label.text(language))], style: CellStyle(bold: true))
        var entries = view.entries[group.id] ?? []
        if case .entries = group.repeatSource {
            let next = (entries.compactMap(Int.init).max() ?? 0) + 1
            entries += (next..<(next + Self.spareEntries)).map(String.init)
        }
        for entry in entries {
            _ = sheet.appendRow([.string("\(messages.text("workbook.entry", language)): \(entry)")], style: CellStyle(bold: true, italic: true))
            for child in group.children {
                write(child, key: AnswerKey(question: child.id, group: group.id, entry: entry))
            }
        }
    }

    private mutating func write(_ question: Question, key: AnswerKey) {
        let answer = view.answers[key]
        let value = answer?.value ?? .null
        let version = answer?.version ?? 0
        let status = answer?.toConfirm == true ? messages.text("workbook.to_confirm", language) : ""
        let label = question.label.text(language) + (question.required != nil ? " *" : "")
        switch question.type {
        case .multipleChoice:
            _ = sheet.appendRow([.string(label), .empty, .empty, .string(status)], style: CellStyle(wrap: true))
            let selected = Set((value["selected"].listValue ?? []).compactMap(\.stringValue))
            var options = question.choices.map { ($0.value, $0.label.text(language)) }
            if question.allowsOther { options.append(("other", messages.text("workbook.other", language))) }
            for (choice, text) in options {
                let row = sheet.appendRow([.string("    • " + text)], style: CellStyle(wrap: true))
                input(selected.contains(choice) ? .string(messages.text("yes", language)) : .empty, row: row, column: 2, key: key, part: "choice:\(choice)", version: version)
                validate(row: row, column: 2, .list([messages.text("yes", language), messages.text("no", language)]))
            }
            if question.allowsOther {
                let row = sheet.appendRow([.string("    " + messages.text("workbook.other", language))])
                input(value["other"].stringValue.map(CellValue.string) ?? .empty, row: row, column: 2, key: key, part: "other", version: version)
            }
        case .table:
            _ = sheet.appendRow([.string(label), .empty, .empty, .string(status)], style: CellStyle(wrap: true))
            _ = sheet.appendRow([.empty] + question.columns.map { .string($0.label.text(language) + ($0.unit.map { " (\($0))" } ?? "")) }, style: CellStyle(bold: true, wrap: true))
            for tableRow in question.rows {
                let row = sheet.appendRow([.string("    " + tableRow.label.text(language))], style: CellStyle(wrap: true))
                for (index, column) in question.columns.enumerated() {
                    let cell = value[tableRow.id][column.id]
                    input(cellValue(cell, type: column.type, choices: column.choices), row: row, column: index + 2, key: key, part: "cell:\(tableRow.id):\(column.id)", version: version)
                    validation(for: column.type, choices: column.choices, minimum: nil, maximum: nil, row: row, column: index + 2)
                }
            }
        case .indicatorData:
            _ = sheet.appendRow([.string(label), .empty, .string(question.unit ?? question.indicator ?? ""), .string(status)], style: CellStyle(wrap: true))
            let titles = messages.text("workbook.data_columns", language).split(separator: "|").map(String.init)
            _ = sheet.appendRow([.empty] + titles.map(CellValue.string), style: CellStyle(bold: true))
            let rows = value.listValue ?? []
            for index in 0..<(rows.count + Self.spareRows) {
                let existing = index < rows.count ? rows[index] : .null
                let row = sheet.appendRow([.empty])
                for (offset, field) in AnswerReader.dataFields.enumerated() {
                    let cell = existing[field]
                    input(cell.numberValue.map(CellValue.number) ?? cell.stringValue.map(CellValue.string) ?? .empty,
                          row: row, column: offset + 2, key: key, part: "data:\(index):\(field)", version: version)
                }
                validate(row: row, column: 2, .whole(min: 1900, max: 2100),
                         prompt: ExportWording(messages: messages, language: language).text("workbook.year_error", ["min": "1900", "max": "2100"]))
                validate(row: row, column: 3, .decimal(min: nil, max: nil), prompt: messages.text("workbook.number_hint", language))
            }
        case .repeatGroup:
            break
        default:
            let hint = hintText(question)
            let row = sheet.appendRow([.string(label), .empty, .string(hint), .string(status)], style: CellStyle(wrap: true))
            input(cellValue(value, type: question.type, choices: question.choices), row: row, column: 2, key: key, part: "value", version: version)
            validation(for: question.type, choices: question.choices, minimum: question.minimum, maximum: question.maximum, row: row, column: 2, prompt: hint)
        }
    }

    private func cellValue(_ value: AnswerValue, type: QuestionType, choices: [Choice]) -> CellValue {
        switch (type, value) {
        case (_, .null): .empty
        case (.text, _): value[language].stringValue.map(CellValue.string) ?? value["en"].stringValue.map(CellValue.string) ?? .empty
        case (.yesNo, .bool(let flag)): .string(messages.text(flag ? "yes" : "no", language))
        case (.singleChoice, .string(let choice)), (.scale, .string(let choice)):
            .string(choices.first { $0.value == choice }?.label.text(language) ?? choice)
        case (.link, _): value["url"].stringValue.map(CellValue.string) ?? .empty
        case (_, .number(let number)): .number(number)
        case (_, .string(let text)): .string(text)
        case (_, .bool(let flag)): .string(messages.text(flag ? "yes" : "no", language))
        default: .empty
        }
    }

    private mutating func validation(for type: QuestionType, choices: [Choice], minimum: Double?, maximum: Double?, row: Int, column: Int, prompt: String? = nil) {
        switch type {
        case .number: validate(row: row, column: column, .decimal(min: minimum, max: maximum), prompt: prompt)
        case .integer: validate(row: row, column: column, .whole(min: minimum.map { Int($0) }, max: maximum.map { Int($0) }), prompt: prompt)
        case .yesNo: validate(row: row, column: column, .list([messages.text("yes", language), messages.text("no", language)]), prompt: prompt)
        case .singleChoice, .scale: validate(row: row, column: column, .list(choices.map { $0.label.text(language) }), prompt: prompt)
        default: break
        }
    }

    private func hintText(_ question: Question) -> String {
        switch question.type {
        case .number, .integer:
            var hint = question.unit ?? messages.text("workbook.number_hint", language)
            let format = LocaleFormat(language: language)
            if let minimum = question.minimum, let maximum = question.maximum { hint += " [\(format.number(minimum))–\(format.number(maximum))]" }
            return hint
        case .date: return messages.text("workbook.date_hint", language)
        case .singleChoice, .scale, .yesNo: return messages.text("workbook.choose", language)
        default: return ""
        }
    }

    private mutating func input(_ value: CellValue, row: Int, column: Int, key: AnswerKey, part: String, version: Int) {
        sheet.set(value, row: row, column: column, style: .input)
        cells.append(WorkbookMapping.Cell(sheet: sheet.name, address: CellAddress(row: row, column: column).a1, key: key.description,
                                          part: part, version: version, exported: WorkbookMapping.text(value)))
    }

    private mutating func validate(row: Int, column: Int, _ kind: DataValidation.Kind, prompt: String? = nil) {
        let address = CellAddress(row: row, column: column)
        sheet.validations.append(DataValidation(range: CellRange(start: address, end: address), kind: kind,
                                                promptTitle: nil, prompt: prompt.flatMap { $0.isEmpty ? nil : String($0.prefix(250)) },
                                                errorTitle: nil, error: prompt.flatMap { $0.isEmpty ? nil : String($0.prefix(250)) }))
    }

    /// A sheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique in the workbook.
    static func sheetName(_ section: TemplateSection, language: String, used: inout Set<String>) -> String {
        let forbidden = Set("[]:*?/\\")
        let title = String(section.title.text(language).filter { !forbidden.contains($0) }).trimmingCharacters(in: .whitespaces)
        var name = String(title.prefix(31))
        if name.isEmpty || used.contains(name) { name = String("\(section.id) \(title)".prefix(31)) }
        var counter = 2
        while used.contains(name) {
            name = String(name.prefix(27)) + " (\(counter))"
            counter += 1
        }
        used.insert(name)
        return name
    }
}
