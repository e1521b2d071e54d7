import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting

/// The page that shows what moving a report to a newer template version carries, renames,
/// recodes and drops, and lets the focal point create the migrated report.
enum MigrationPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService) {
        routes.get("/reports/{id}/migrate", .report(.viewer, secretariatReads: false)) { request, context, access in
            let template = request.uri.queryParameters.get("template").map { String($0) }.flatMap { $0.isEmpty ? nil : $0 }
            return try await page(request, context, access, views: views, reports: reports, template: template)
        }
        routes.post("/reports/{id}/migrate", .report(.focalPoint, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            let template = form["template"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                let (created, _) = try await reports.applyMigration(reportID: access.report!.id, toTemplate: template, toVersion: nil,
                                                                    actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
                return Views.redirect("/reports/\(created.id)")
            } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
                return try await page(request, context, access, views: views, reports: reports, template: template,
                                      status: error.kind == .invalid ? .unprocessableContent : .conflict, problem: error.message)
            }
        }
    }

    static func page(_ request: Request, _ context: AppContext, _ access: Access, views: Views, reports: ReportService, template: String?,
                     status: HTTPResponse.Status = .ok, problem: String? = nil) async throws -> Response {
        let language = context.language
        let report = access.report!
        let title = reports.catalog.templates[report.templateID]?.title.text(language) ?? report.templateID
        var values: [String: Any] = [
            "report": ["id": report.id, "title": title],
            "heading": views.text("migrate_title", language).replacingOccurrences(of: "{id}", with: String(report.id))
                .replacingOccurrences(of: "{from}", with: "\(report.templateID) \(views.text("version", language)) \(report.templateVersion)"),
            "templates": reports.catalog.templates.values.sorted { $0.id < $1.id }.map {
                ["id": $0.id, "label": "\($0.id) · \($0.version) · \($0.title.text(language))", "selected": $0.id == (template ?? report.templateID)]
            },
            "pageError": problem ?? "",
        ]
        do {
            let plan = try await reports.planMigration(reportID: report.id, toTemplate: template).plan
            let document = MigrationPlanDocument(reportID: report.id, plan: plan)
            func rows(_ rows: [MigrationPlanDocument.Row]) -> [[String: String]] {
                rows.map { ["old": $0.oldKey, "new": $0.newKey, "oldValue": $0.oldValue.description, "newValue": $0.newValue.description] }
            }
            values["plan"] = [
                "to": document.to, "toTemplate": plan.to.templateID, "steps": document.steps.joined(separator: ", "),
                "carried": rows(document.carried), "renamed": rows(document.renamed), "recoded": rows(document.recoded),
                "dropped": document.dropped.map { ["key": $0.key, "value": $0.value.description, "file": $0.removedBy] },
                "newQuestions": document.newQuestions.map { ["id": $0.id, "required": $0.required] },
                "refusals": document.refusals, "hasRefusals": !document.refusals.isEmpty,
                "counts": ["carried": document.carried.count, "renamed": document.renamed.count, "recoded": document.recoded.count,
                           "dropped": document.dropped.count, "newQuestions": document.newQuestions.count],
                "canApply": document.applicable && access.role == .focalPoint,
            ]
        } catch let error as DomainError where error.kind != .forbidden {
            values["planError"] = error.message
        }
        return views.page("report-migrate", title: views.text("migrate", language), context: context, request: request, status: status, values: values)
    }
}
