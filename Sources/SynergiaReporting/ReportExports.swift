import Foundation
import SynergiaCore
import SynergiaStore
import SynergiaXLSX

extension ReportService {
    /// The report as JSON (schema synergia.report/1).
    public func exportJSON(reportID: Int64, language: String = "en") async throws -> Data {
        try ReportDocument(view: try await view(reportID: reportID), exportedAt: Date(), language: language).json()
    }

    /// The report as a workbook to fill in offline (see ReportWorkbookExport).
    public func exportWorkbook(reportID: Int64, language: String = "en") async throws -> Data {
        let view = try await view(reportID: reportID)
        guard LocalizedText.languages.contains(language) else {
            throw DomainError.invalid("language '\(language)' is not one of \(LocalizedText.languages.joined(separator: ", "))")
        }
        var export = ReportWorkbookExport(view: view, language: language, messages: messages)
        let workbook = try export.workbook(secret: try await store.installationSecret("xlsx-signing"), exportedAt: Date())
        return try XLSXWriter.write(workbook)
    }
}

/// Exports in a secretariat's own shape (docs/secretariat-exports.md).
extension ReportService {
    /// The report keyed by its template's system (`synergia.secretariat/1`).
    public func exportSecretariatJSON(reportID: Int64) async throws -> Data {
        let view = try await view(reportID: reportID)
        return try SecretariatDocument(view: view, keys: try ExternalKeys(template: view.template)).json()
    }

    /// The report as one CBD Online Reporting Tool `nationalReport7` document.
    public func exportORTJSON(reportID: Int64, language: String = "en") async throws -> Data {
        let view = try await view(reportID: reportID)
        let document = try ORTDocument.build(view: view, alpha2: try await ortGovernment(view), language: language)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// The ORT's indicator-data download: one row per indicator value.
    public func exportORTIndicatorCSV(reportID: Int64) async throws -> String {
        let view = try await view(reportID: reportID)
        let government = try await ortGovernment(view)
        var indicators: [String: Indicator] = [:]
        for question in view.template.questions.flatMap({ [$0.question] + $0.question.children }) where question.type == .indicatorData {
            for (key, _) in ReportDocument.keys(question, entries: view.entries) {
                for row in view.answers[key]?.value.listValue ?? [] {
                    guard let code = row["indicator"].stringValue ?? question.indicator, indicators[code] == nil else { continue }
                    indicators[code] = try await store.indicator(code)
                }
            }
        }
        let rows = ORTDownloadCSV.indicatorRows(view: view, government: government, indicators: indicators)
        return try Self.csv(ORTDownloadCSV.indicatorDataColumns) { write in
            for row in rows { try write(ORTDownloadCSV.indicatorDataColumns.map { row[$0] ?? "" }) }
        }
    }

    /// The ORT's binary-indicator download: one row per answered binary question.
    public func exportORTBinaryCSV(reportID: Int64) async throws -> String {
        let view = try await view(reportID: reportID)
        let rows = try ORTDownloadCSV.binaryRows(view: view, government: try await ortGovernment(view))
        return try Self.csv(ORTDownloadCSV.binaryIndicatorDataColumns) { write in
            for row in rows { try write(ORTDownloadCSV.binaryIndicatorDataColumns.map { row[$0] ?? "" }) }
        }
    }

    /// The tool names a Party by its lower-case ISO alpha-2 code (`ke`).
    func ortGovernment(_ view: ReportView) async throws -> String {
        guard let country = try await store.country(view.workspace.country) else {
            throw DomainError.notFound("country \(view.workspace.country) of workspace \(view.workspace.name) is not in the country list; run synergia reference seed")
        }
        return country.alpha2.lowercased()
    }
}
