import Foundation
import SynergiaCore
import SynergiaStore

/// A report and the plan that would carry its answers to a newer form, with the answers' versions
/// as the plan read them (an apply refuses a source changed since).
public struct ReportMigration: Sendable {
    public var report: Report
    public var plan: MigrationPlan
    var answerVersions: [AnswerKey: Int]
}

/// Moving a report to a newer version of its template, or to the next cycle's template: the plan
/// first, then, when asked and when nothing refuses, a new draft report at the newer form. The
/// report moved from is left as it was (answers, state, snapshots), so that what was submitted
/// stays what it was; its audit trail names the new report. Web, API and CLI call only this.
extension ReportService {
    /// The plan for `reportID`: to `templateID` (default: the report's own) at its installed
    /// version; `version`, when given, must be that installed version.
    public func planMigration(reportID: Int64, toTemplate templateID: String? = nil, toVersion version: Int? = nil) async throws -> ReportMigration {
        guard let report = try await store.report(id: reportID) else { throw DomainError.notFound("report \(reportID) does not exist") }
        let target = try catalog.template(templateID ?? report.templateID)
        if let version, version != target.version {
            throw DomainError.invalid("\(target.id) version \(version) is not installed; the installed version is \(target.version)")
        }
        let from = TemplateMigration.Form(templateID: report.templateID, version: report.templateVersion)
        let to = TemplateMigration.Form(templateID: target.id, version: target.version)
        if from == to { throw DomainError.conflict("report \(reportID) is already at \(to)") }
        if from.templateID == to.templateID, from.version > to.version {
            throw DomainError.conflict("report \(reportID) was made with \(from), which is newer than the installed \(to)")
        }
        let steps: [TemplateMigration]
        if let path = TemplateMigration.path(from: from, to: to, among: catalog.migrations) {
            steps = path
        } else if from.templateID == to.templateID, target.opensVersions.contains(from.version) {
            // The newer version opens the older one as it is: its answers move by question id.
            steps = []
        } else {
            let declared = catalog.migrations.map { "\($0.from) → \($0.to)" }.sorted()
            throw DomainError.notFound("no migration from \(from) to \(to) is declared in data/templates/migrations/ (declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))")
        }
        let answers = try await store.answers(reportID: reportID)
        let plan = MigrationPlanner.plan(answers: answers, from: from, steps: steps, target: target)
        return ReportMigration(report: report, plan: plan,
                               answerVersions: Dictionary(answers.map { ($0.key, $0.version) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Plans again and, when the plan has no refusal, creates the migrated report (a draft)
    /// with every carried answer marked as migrated from the source report and its version.
    public func applyMigration(reportID: Int64, toTemplate templateID: String? = nil, toVersion version: Int? = nil,
                               actor: ReportActor) async throws -> (report: Report, plan: MigrationPlan) {
        let migration = try await planMigration(reportID: reportID, toTemplate: templateID, toVersion: version)
        guard actor.role == .focalPoint else {
            throw DomainError(.forbidden, "moving a report to a newer form needs the role focal point; you are \(actor.role?.rawValue ?? "not a member")")
        }
        let plan = migration.plan
        guard plan.isApplicable else {
            throw DomainError.invalid("report \(reportID) cannot move to \(plan.to): \(plan.refusals.joined(separator: "; "))")
        }
        let context = actor.context
        let source = migration.report
        let rows = plan.answers.map { answer in
            var provenance = AnswerProvenance(kind: .migrated, channel: actor.channel, userID: actor.userID, at: context.at,
                                              sourceReportID: source.id, sourceTemplateID: source.templateID)
            provenance.sourceTemplateVersion = source.templateVersion
            return MigratedAnswerRow(key: answer.newKey, concept: answer.concept, value: answer.newValue, toConfirm: answer.toConfirm,
                                     provenance: provenance, sourceKey: answer.oldKey)
        }
        let created = try await store.createMigratedReport(from: source, sourceAnswerVersions: migration.answerVersions,
                                                           templateID: plan.to.templateID, templateVersion: plan.to.version,
                                                           answers: rows, context: context)
        return (created, plan)
    }
}
