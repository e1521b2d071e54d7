import Foundation
import Hummingbird
import SynergiaCore
import SynergiaReporting

/// Moving a report to a newer template version through the API: the plan (GET), then the
/// migrated report (POST, 201 with the new report and the plan it applied).
enum MigrationRoutes {
    struct Body: Decodable {
        var template: String?
        var version: Int?
    }

    struct Created: Encodable {
        var report: Report
        var plan: MigrationPlanDocument
    }

    static func add(to routes: SecuredRoutes, service: ReportService) {
        routes.get("/api/reports/{id}/migration", .report(.viewer, secretariatReads: false)) { request, _, access in
            let query = request.uri.queryParameters
            let template = query.get("template").map { String($0) }
            let version = try requestedVersion(query.get("version").map { String($0) })
            let migration = try await service.planMigration(reportID: access.report!.id, toTemplate: template, toVersion: version)
            return JSONBody(MigrationPlanDocument(reportID: access.report!.id, plan: migration.plan))
        }
        routes.post("/api/reports/{id}/migration", .report(.focalPoint, secretariatReads: false)) { request, context, access in
            let body = try await request.decode(as: Body.self, context: context)
            let actor = ReportActor(userID: access.signedIn.id, role: access.role, channel: .api)
            let applied = try await service.applyMigration(reportID: access.report!.id, toTemplate: body.template, toVersion: body.version, actor: actor)
            let created = Created(report: applied.report, plan: MigrationPlanDocument(reportID: access.report!.id, plan: applied.plan))
            return EditedResponse(status: .created, response: JSONBody(created))
        }
    }

    static func requestedVersion(_ text: String?) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let version = Int(text), version >= 1 else { throw DomainError.invalid("version '\(text)' is not a template version (1, 2, …)") }
        return version
    }
}
