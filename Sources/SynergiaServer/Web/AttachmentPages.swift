import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import SynergiaCore
import SynergiaReporting

/// The report page's files: upload under a question, download, remove.
enum AttachmentPages {
    static func add(to routes: SecuredRoutes, views: Views, reports: ReportService, maxUploadBytes: Int) {
        routes.post("/reports/{id}/attachments", .report(.contributor, secretariatReads: false)) { request, context, access in
            var request = request
            guard let form = try await AttachmentForm.read(&request, maxBytes: maxUploadBytes) else {
                throw DomainError.invalid("send the file with the report page's form (multipart/form-data: key and file)")
            }
            guard let keyText = form.key, let key = AnswerKey(keyText) else { throw DomainError.invalid("the form names no answer") }
            let view = try await reports.view(of: access.report!, in: access.workspace!)
            do {
                guard let data = form.data, !data.isEmpty, let name = form.fileName, !name.isEmpty else {
                    throw DomainError.invalid(views.text("attach_choose", context.language))
                }
                _ = try await reports.attach(in: view, key: key, fileName: name, data: data,
                                             actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            } catch let error as DomainError where error.kind == .invalid {
                return try await ReportPages.page(request, context, access, views: views, reports: reports, loaded: view, section: form.section,
                                                  status: .unprocessableContent, problem: (keyText, error.message))
            }
            return Views.redirect("/reports/\(view.report.id)?section=\(form.section ?? "")#\(ReportPages.anchorID(keyText))")
        }

        routes.get("/reports/{id}/attachments/{attachment}", .report(.viewer, secretariatReads: true)) { _, context, access -> Response in
            let (attachment, data) = try await reports.download(reportID: access.report!.id, attachmentID: try context.parameters.require("attachment", as: Int64.self))
            return fileResponse(attachment, data)
        }

        routes.post("/reports/{id}/attachments/{attachment}/delete", .report(.contributor, secretariatReads: false)) { request, context, access in
            let form = try await FormFields.read(request)
            let removed = try await reports.detach(in: try await reports.view(of: access.report!, in: access.workspace!),
                                                   attachmentID: try context.parameters.require("attachment", as: Int64.self),
                                                   actor: ReportActor(userID: access.signedIn.id, role: access.role, channel: .web))
            return Views.redirect("/reports/\(access.report!.id)?section=\(form["section"] ?? "")#\(ReportPages.anchorID(removed.key))")
        }
    }

    /// The file as a download (never shown inline: a PDF or an image opens from the person's own disk),
    /// with its checksum as `Repr-Digest` (RFC 9530) so a client can check what it received.
    static func fileResponse(_ attachment: Attachment, _ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = attachment.mediaType
        let ascii = String(attachment.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = attachment.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[HTTPField.Name("Repr-Digest")!] = "sha-256=:\(HexText.bytes(attachment.sha256).base64EncodedString()):"
        headers[.cacheControl] = "private, no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The files of one question row and whether the person may change them.
    static func files(for row: inout QuestionRow, item: ReportDocument.Item, view: ReportService.ReportView, editable: Bool) {
        row.files = (AnswerKey(item.key).flatMap { view.attachments[$0] } ?? []).map { attachment in
            QuestionRow.File(id: attachment.id, name: attachment.name, detail: "\(attachment.kind.extensions[0].uppercased()) · \(size(attachment.size))")
        }
        row.canAttach = editable && (view.template.question(item.question).map(AttachmentRules.acceptsFiles) ?? false)
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1_000_000) : bytes >= 1_000 ? "\(bytes / 1_000) kB" : "\(bytes) bytes"
    }
}

extension HexText {
    /// The bytes a hexadecimal text spells.
    static func bytes(_ text: String) -> Data {
        var data = Data()
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex), let byte = UInt8(text[index..<next], radix: 16) {
            data.append(byte)
            index = next
        }
        return data
    }
}
