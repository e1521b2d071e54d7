import SynergiaCore

/// Why a report is shown read-only: it was made with a version of its template that the installed
/// version neither is nor lists in `opens_versions`. It names both versions and the way forward
/// (moving the report with a declared migration), so the report is never an error page.
public struct VersionNotice: Sendable, Equatable {
    public var reportID: Int64
    public var templateID: String
    public var reportVersion: Int
    public var installedVersion: Int
    /// The earlier versions the installed one opens.
    public var opensVersions: [Int]

    /// Nil when the installed template opens the report.
    public init?(report: Report, installed template: ReportTemplate) {
        guard template.version != report.templateVersion, !template.opensVersions.contains(report.templateVersion) else { return nil }
        reportID = report.id
        templateID = template.id
        reportVersion = report.templateVersion
        installedVersion = template.version
        opensVersions = template.opensVersions.sorted()
    }

    /// The refusal of anything but reading: answering, exporting, moving through review.
    public var refusal: DomainError {
        .conflict("report \(reportID) was made with \(templateID) version \(reportVersion) but version \(installedVersion) is installed, which does not open reports of version \(reportVersion)",
                  remedy: .migrateReport(reportID: reportID))
    }
}

extension ReportService {
    /// The report as a page shows it: editable as usual, or read-only with a `VersionNotice`
    /// when the installed template does not open its version (its answers shown where the
    /// installed version asks the same question id).
    public func readableView(of report: Report, in workspace: Workspace) async throws -> ReportView {
        let template = try catalog.template(report.templateID)
        var view = try await load(report, in: workspace, template: template)
        view.versionNotice = VersionNotice(report: report, installed: template)
        return view
    }
}
