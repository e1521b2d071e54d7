import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaReporting
import SynergiaStore
import SynergiaXLSX

/// The reporting API: an API token (`Authorization: Bearer`, see `synergia
/// user token`) or a browser session, and a role in the report's workspace.
enum ReportRoutes {
    static func add(to routes: SecuredRoutes, service: ReportService, maxUploadBytes: Int) {
        let store = service.store
        @Sendable func actor(_ access: Access) -> ReportActor { ReportActor(userID: access.signedIn.id, role: access.role, channel: .api) }

        routes.get("/api/templates", .signedIn) { _, _, _ in
            JSONBody(service.catalog.templates.values.sorted { $0.id < $1.id }.map {
                TemplateSummary(id: $0.id, convention: $0.convention, cycle: $0.cycle, version: $0.version, title: $0.title,
                                sections: $0.allSections.map { TemplateSummary.Section(id: $0.section.id, title: $0.section.title) })
            })
        }
        routes.get("/api/workspaces/{country}/reports", .workspace(.viewer)) { _, _, access in
            JSONBody(try await store.reports(workspaceID: access.workspace!.id))
        }
        routes.post("/api/workspaces/{country}/reports", .workspace(.contributor)) { request, context, access in
            struct Body: Decodable { var template: String }
            let body = try await request.decode(as: Body.self, context: context)
            return JSONBody(try await service.create(workspace: access.workspace!, templateID: body.template, actor: actor(access)))
        }
        routes.get("/api/workspaces/{country}/conflicts", .workspace(.viewer)) { _, _, access in
            JSONBody(try await service.conflicts(workspaceID: access.workspace!.id))
        }
        routes.get("/api/reports/{id}", .report(.viewer, secretariatReads: true)) { request, _, access in
            let language = request.uri.queryParameters.get("language") ?? "en"
            return JSONBody(ReportDocument(view: try await service.view(reportID: access.report!.id), exportedAt: Date(), language: language))
        }
        routes.put("/api/reports/{id}/answers/{key}", .report(.contributor, secretariatReads: false)) { request, context, access in
            /// `language` is the one `value`'s numbers written as text ("1 234,5") and a text answer are in; English by default.
            /// `keepLocal`: for a question bound to a concept, the value stays in this report only (the register of facts is not changed).
            struct Body: Decodable { var value: AnswerValue?; var version: Int?; var confirm: Bool?; var language: String?; var keepLocal: Bool? }
            let keyText = try context.parameters.require("key")
            guard let key = AnswerKey(keyText.removingPercentEncoding ?? keyText) else { throw DomainError.invalid("'\(keyText)' is not an answer key") }
            let body = try await request.decode(as: Body.self, context: context)
            let edit = AnswerEdit(key: key, input: .value(body.value ?? .null), language: body.language ?? "en", expectedVersion: body.version,
                                  confirmOnly: body.confirm ?? false, keepLocal: body.keepLocal ?? false)
            do {
                return JSONBody(try await service.answer(reportID: access.report!.id, [edit], actor: actor(access)))
            } catch let error as AnswerReadError {
                throw DomainError.invalid(error.description)
            }
        }
        routes.post("/api/reports/{id}/transitions", .report(.contributor, secretariatReads: false)) { request, context, access in
            struct Body: Decodable { var action: ReportTransition; var version: Int; var reason: String? }
            let body = try await request.decode(as: Body.self, context: context)
            let language = request.uri.queryParameters.get("language") ?? "en"
            return JSONBody(try await service.transitionWithChecks(reportID: access.report!.id, body.action, expectedVersion: body.version, reason: body.reason,
                                                                   actor: actor(access), language: language))
        }
        routes.get("/api/reports/{id}/checks", .report(.viewer, secretariatReads: false)) { request, _, access in
            let language = request.uri.queryParameters.get("language") ?? "en"
            return JSONBody(try await service.crossConventionChecks(for: access.report!, language: language))
        }
        routes.post("/api/reports/{id}/prefill", .report(.contributor, secretariatReads: false)) { _, _, access in
            let outcome = try await service.prefill(reportID: access.report!.id, actor: actor(access))
            return JSONBody(PrefillResponse(added: outcome.answers.count, filled: outcome.answers.map(\.change.key.description), gaps: outcome.gaps))
        }
        routes.get("/api/reports/{id}/comments", .report(.viewer, secretariatReads: false)) { _, _, access in
            JSONBody(try await store.comments(reportID: access.report!.id))
        }
        routes.post("/api/reports/{id}/comments", .report(.contributor, secretariatReads: false)) { request, context, access in
            struct Body: Decodable { var key: String; var body: String; var requestChange: Bool? }
            let body = try await request.decode(as: Body.self, context: context)
            guard let key = AnswerKey(body.key) else { throw DomainError.invalid("'\(body.key)' is not an answer key") }
            return JSONBody(try await service.comment(reportID: access.report!.id, key: key, body: body.body, requestsChange: body.requestChange ?? false,
                                                      actor: actor(access)))
        }
        routes.get("/api/reports/{id}/audit", .report(.viewer, secretariatReads: false)) { _, _, access in
            JSONBody(try await store.audit(reportID: access.report!.id))
        }
        routes.get("/api/reports/{id}/export/{format}", .report(.viewer, secretariatReads: true)) { request, context, access -> Response in
            let report = access.report!
            let language = request.uri.queryParameters.get("language") ?? "en"
            let format = try context.parameters.require("format")
            let (data, type): (Data, String) = switch format {
            case "json": (try await service.exportJSON(reportID: report.id, language: language), "application/json")
            case "html": (Data(try await service.exportHTML(reportID: report.id, language: language).utf8), "text/html; charset=utf-8")
            case "pdf": (try await service.exportPDF(reportID: report.id, language: language), "application/pdf")
            case "xlsx": (try await service.exportWorkbook(reportID: report.id, language: language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            case "csv": (Data(try await service.exportCSV(reportID: report.id, language: language).utf8), "text/csv; charset=utf-8")
            case "zip": (try await service.exportZIP(reportID: report.id, language: language), "application/zip")
            case "ort-json": (try await service.exportORTJSON(reportID: report.id, language: language), "application/json")
            case "ort-indicator-csv": (Data(try await service.exportORTIndicatorCSV(reportID: report.id).utf8), "text/csv; charset=utf-8")
            case "ort-binary-csv": (Data(try await service.exportORTBinaryCSV(reportID: report.id).utf8), "text/csv; charset=utf-8")
            case "secretariat-json": (try await service.exportSecretariatJSON(reportID: report.id), "application/json")
            default: throw DomainError.notFound("export format '\(format)' is not one of json, html, pdf, xlsx, csv, zip, ort-json, ort-indicator-csv, ort-binary-csv, secretariat-json")
            }
            var headers = HTTPFields()
            headers[.contentType] = type
            let fileName = format.hasSuffix("-csv") ? "report-\(report.id)-\(format.dropLast(4)).csv"
                : format.hasSuffix("-json") ? "report-\(report.id)-\(format.dropLast(5)).json" : "report-\(report.id).\(format)"
            headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        routes.post("/api/reports/{id}/import-xlsx", .report(.contributor, secretariatReads: false)) { request, _, access in
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: maxUploadBytes) } catch {
                throw HTTPError(.contentTooLarge, message: "the workbook is larger than \(maxUploadBytes / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB)")
            }
            // One load of the report for the plan and, with apply=true, its changes.
            let view = try await service.view(reportID: access.report!.id)
            let plan = try await service.planWorkbookImport(in: view, data: Data(buffer.readableBytesView), limits: XLSXLimits(maxFileBytes: maxUploadBytes))
            if request.uri.queryParameters.get("apply") == "true" {
                _ = try await service.applyWorkbookImport(plan, in: view, actor: actor(access))
            }
            return JSONBody(plan)
        }
        routes.post("/api/reports/{id}/import-secretariat", .report(.contributor, secretariatReads: false)) { request, _, access in
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: maxUploadBytes) } catch {
                throw HTTPError(.contentTooLarge, message: "the document is larger than \(maxUploadBytes / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB)")
            }
            let view = try await service.view(reportID: access.report!.id)
            let plan = try await service.planSecretariatImport(in: view, data: Data(buffer.readableBytesView))
            if request.uri.queryParameters.get("apply") == "true" {
                _ = try await service.applySecretariatImport(plan, in: view, overwrite: request.uri.queryParameters.get("overwrite") == "true", actor: actor(access))
            }
            return JSONBody(plan)
        }
        routes.get("/api/templates/{id}/secretariat.csv", .secretariat) { request, context, _ -> Response in
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

/// What `POST /api/reports/{id}/prefill` did: how many answers were filled (`added`), their
/// keys, and the questions a series could not fill, with why (`gaps`).
struct PrefillResponse: Encodable {
    var added: Int
    var filled: [String]
    var gaps: [PrefillGap]
}
