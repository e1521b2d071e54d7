import Foundation
import Hummingbird
import NIOCore
import SynergiaCore
import SynergiaReporting

/// Files carried by a report's answers over the API: the file is the request
/// body, its name the `name` query parameter.
enum AttachmentRoutes {
    /// An attachment as the API lists it.
    struct Entry: Encodable, Sendable {
        var id: Int64
        var key: String
        var name: String
        var type: String
        var size: Int
        var sha256: String
        var uploadedBy: Int64?
        var uploadedAt: Date
        /// Where the API serves its content.
        var href: String

        init(_ attachment: Attachment) {
            id = attachment.id; key = attachment.key; name = attachment.name; type = attachment.mediaType; size = attachment.size
            sha256 = attachment.sha256; uploadedBy = attachment.uploadedBy; uploadedAt = attachment.uploadedAt
            href = "/api/reports/\(attachment.reportID)/attachments/\(attachment.id)"
        }
    }

    static func add(to routes: SecuredRoutes, service: ReportService, maxUploadBytes: Int) {
        @Sendable func actor(_ access: Access) -> ReportActor { ReportActor(userID: access.signedIn.id, role: access.role, channel: .api) }

        routes.get("/api/reports/{id}/attachments", .report(.viewer, secretariatReads: true)) { _, _, access in
            JSONBody(try await service.attachments(reportID: access.report!.id).map(Entry.init))
        }
        routes.post("/api/reports/{id}/answers/{key}/attachments", .report(.contributor, secretariatReads: false)) { request, context, access in
            let keyText = try context.parameters.require("key")
            guard let key = AnswerKey(keyText) else { throw DomainError.invalid("'\(keyText)' is not an answer key") }
            guard let name = request.uri.queryParameters.get("name"), !name.isEmpty else {
                throw DomainError.invalid("name the file: send it as the request body with ?name=its-name.pdf")
            }
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: maxUploadBytes) } catch {
                throw HTTPError(.contentTooLarge, message: "'\(name)' is larger than \(maxUploadBytes / 1_000_000) MB (SYNERGIA_MAX_UPLOAD_MB); reduce it or split it")
            }
            let attachment = try await service.attach(in: try await service.view(of: access.report!, in: access.workspace!), key: key,
                                                      fileName: String(name), data: Data(buffer.readableBytesView), actor: actor(access))
            return EditedResponse(status: .created, response: JSONBody(Entry(attachment)))
        }
        routes.get("/api/reports/{id}/attachments/{attachment}", .report(.viewer, secretariatReads: true)) { _, context, access -> Response in
            let (attachment, data) = try await service.download(reportID: access.report!.id, attachmentID: try context.parameters.require("attachment", as: Int64.self))
            return AttachmentPages.fileResponse(attachment, data)
        }
        routes.on(.delete, "/api/reports/{id}/attachments/{attachment}", .report(.contributor, secretariatReads: false)) { _, context, access in
            let removed = try await service.detach(in: try await service.view(of: access.report!, in: access.workspace!),
                                                   attachmentID: try context.parameters.require("attachment", as: Int64.self), actor: actor(access))
            return JSONBody(Entry(removed))
        }
    }
}
