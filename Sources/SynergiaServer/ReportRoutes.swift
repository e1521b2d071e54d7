import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaXLSX

/// The reporting API. Every route needs `Authorization: Bearer <token>` (see
/// `synergia user token`) and a role in the workspace of the report it touches.
enum ReportRoutes {
    static func add(to api: RouterGroup<APIContext>, service: ReportService, maxUploadBytes: Int) {
        let store = service.store

        @Sendable func caller(_ request: Request) async throws -> User {
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                  let user = try await store.user(token: String(header.dropFirst("Bearer ".count))) else {
                throw HTTPError(.unauthorized, message: "send an API token as `Authorization: Bearer …` (create one with `synergia user token`)")
            }
            return user
        }
        /// The caller as an actor in `workspaceID`; members of other workspaces are refused.
        @Sendable func actor(_ request: Request, workspaceID: Int64) async throws -> ReportActor {
            let user = try await caller(request)
            guard let role = try await store.role(userID: user.id, workspaceID: workspaceID) else {
                throw HTTPError(.forbidden, message: "you are not a member of this workspace")
            }
            return ReportActor(userID: user.id, role: role, channel: .api)
        }
        @Sendable func report(_ context: APIContext) async throws -> Report {
            let id = try context.parameters.require("id", as: Int64.self)
            guard let report = try await store.report(id: id) else { throw DomainError.notFound("report \(id) does not exist") }
            return report
        }
        @Sendable func workspace(_ context: APIContext) async throws -> Workspace {
            let code = try context.parameters.require("country")
            guard let workspace = try await store.workspace(country: code) else { throw DomainError.notFound("no workspace for '\(code)'") }
            return workspace
        }

        api.get("templates") { request, _ in
            _ = try await caller(request)
            return JSONBody(service.catalog.templates.values.sorted { $0.id < $1.id }.map {
                TemplateSummary(id: $0.id, convention: $0.convention, cycle: $0.cycle, version: $0.version, title: $0.title,
                                sections: $0.allSections.map { TemplateSummary.Section(id: $0.section.id, title: $0.section.title) })
            })
        }
        api.get("workspaces/{country}/reports") { request, context in
            let workspace = try await workspace(context)
            _ = try await actor(request, workspaceID: workspace.id)
            return JSONBody(try await store.reports(workspaceID: workspace.id))
        }
        api.post("workspaces/{country}/reports") { request, context in
            struct Body: Decodable { var template: String }
            let workspace = try await workspace(context)
            let body = try await request.decode(as: Body.self, context: context)
            return JSONBody(try await service.create(workspace: workspace, templateID: body.template, actor: try await actor(request, workspaceID: workspace.id)))
        }
        api.get("workspaces/{country}/conflicts") { request, context in
            let workspace = try await workspace(context)
            _ = try await actor(request, workspaceID: workspace.id)
            return JSONBody(try await service.conflicts(workspaceID: workspace.id))
        }
        api.get("reports/{id}") { request, context in
            let report = try await report(context)
            _ = try await actor(request, workspaceID: report.workspaceID)
            let language = request.uri.queryParameters.get("language") ?? "en"
            return JSONBody(ReportDocument(view: try await service.view(reportID: report.id), exportedAt: Date(), language: language))
        }
        api.put("reports/{id}/answers/{key}") { request, context in
            struct Body: Decodable { var value: AnswerValue?; var version: Int?; var confirm: Bool? }
            let report = try await report(context)
            let actor = try await actor(request, workspaceID: report.workspaceID)
            let keyText = try context.parameters.require("key")
            guard let key = AnswerKey(keyText.removingPercentEncoding ?? keyText) else { throw DomainError.invalid("'\(keyText)' is not an answer key") }
            let body = try await request.decode(as: Body.self, context: context)
            let saved = try await service.answer(reportID: report.id, [AnswerEdit(key: key, value: body.value ?? .null, expectedVersion: body.version, confirmOnly: body.confirm ?? false)], actor: actor)
            return JSONBody(saved)
        }
        api.post("reports/{id}/transitions") { request, context in
            struct Body: Decodable { var action: ReportTransition; var version: Int; var reason: String? }
            let report = try await report(context)
            let body = try await request.decode(as: Body.self, context: context)
            return JSONBody(try await service.transition(reportID: report.id, body.action, expectedVersion: body.version, reason: body.reason,
                                                         actor: try await actor(request, workspaceID: report.workspaceID)))
        }
        api.get("reports/{id}/comments") { request, context in
            let report = try await report(context)
            _ = try await actor(request, workspaceID: report.workspaceID)
            return JSONBody(try await store.comments(reportID: report.id))
        }
        api.post("reports/{id}/comments") { request, context in
            struct Body: Decodable { var key: String; var body: String; var requestChange: Bool? }
            let report = try await report(context)
            let body = try await request.decode(as: Body.self, context: context)
            guard let key = AnswerKey(body.key) else { throw DomainError.invalid("'\(body.key)' is not an answer key") }
            return JSONBody(try await service.comment(reportID: report.id, key: key, body: body.body, requestsChange: body.requestChange ?? false,
                                                      actor: try await actor(request, workspaceID: report.workspaceID)))
        }
        api.get("reports/{id}/audit") { request, context in
            let report = try await report(context)
            _ = try await actor(request, workspaceID: report.workspaceID)
            return JSONBody(try await store.audit(reportID: report.id))
        }
        api.get("reports/{id}/export/{format}") { request, context -> Response in
            let report = try await report(context)
            _ = try await actor(request, workspaceID: report.workspaceID)
            let language = request.uri.queryParameters.get("language") ?? "en"
            let format = try context.parameters.require("format")
            let (data, type): (Data, String) = switch format {
            case "json": (try await service.exportJSON(reportID: report.id, language: language), "application/json")
            case "html": (Data(try await service.exportHTML(reportID: report.id, language: language).utf8), "text/html; charset=utf-8")
            case "pdf": (try await service.exportPDF(reportID: report.id, language: language), "application/pdf")
            case "xlsx": (try await service.exportWorkbook(reportID: report.id, language: language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            case "csv": (Data(try await service.exportCSV(reportID: report.id, language: language).utf8), "text/csv; charset=utf-8")
            default: throw DomainError.notFound("export format '\(format)' is not one of json, html, pdf, xlsx, csv")
            }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.contentDisposition] = "attachment; filename=\"report-\(report.id).\(format)\""
            headers[.init("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        api.post("reports/{id}/import-xlsx") { request, context in
            let report = try await report(context)
            let actor = try await actor(request, workspaceID: report.workspaceID)
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: maxUploadBytes) } catch {
                throw HTTPError(.contentTooLarge, message: "the workbook is larger than \(maxUploadBytes / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB)")
            }
            let plan = try await service.planWorkbookImport(reportID: report.id, data: Data(buffer.readableBytesView), limits: XLSXLimits(maxFileBytes: maxUploadBytes))
            if request.uri.queryParameters.get("apply") == "true" {
                _ = try await service.applyWorkbookImport(plan, actor: actor)
            }
            return JSONBody(plan)
        }
        api.get("templates/{id}/secretariat.csv") { request, context -> Response in
            _ = try await caller(request)
            let csv = try await service.secretariatCSV(templateID: try context.parameters.require("id"), counts: request.uri.queryParameters.get("counts") == "true")
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }
}

struct TemplateSummary: Codable, Sendable {
    struct Section: Codable, Sendable {
        var id: String
        var title: LocalizedText
    }

    var id: String
    var convention: String
    var cycle: String
    var version: Int
    var title: LocalizedText
    var sections: [Section]
}
