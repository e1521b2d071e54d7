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
