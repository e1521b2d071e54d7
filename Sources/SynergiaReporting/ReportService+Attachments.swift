import Foundation
import SynergiaCore
import SynergiaStore
import SynergiaXLSX

/// Files carried by a report's answers: attach, list, download, detach, and
/// the report bundled with its files. The web, the API and the CLI all come
/// through here; the rules are SynergiaCore's (`AttachmentRules`), the rows
/// and the folder (`attachmentFiles`) SynergiaStore's.
extension ReportService {
    public func attach(reportID: Int64, key: AnswerKey, fileName: String, data: Data, actor: ReportActor) async throws -> Attachment {
        try await attach(in: try await view(reportID: reportID), key: key, fileName: fileName, data: data, actor: actor)
    }

    /// Checks, in this order, the question, the person, the name, the size and the
    /// content; stages the file and records it. Nothing is left behind on a refusal.
    public func attach(in view: ReportView, key: AnswerKey, fileName: String, data: Data, actor: ReportActor) async throws -> Attachment {
        let (question, section) = try locate(key, in: view)
        guard AttachmentRules.acceptsFiles(question) else {
            let takers = view.template.questions.filter { AttachmentRules.acceptsFiles($0.question) }.map(\.question.id)
            throw DomainError.invalid("\(key) does not take files; questions of \(view.template.id) that do: \(takers.isEmpty ? "none" : takers.joined(separator: ", "))")
        }
        try checkMayEdit(section: section, view: view, actor: actor)
        let name = try AttachmentRules.fileName(fileName)
        let kind = try AttachmentRules.check(name: name, data: data, maximumBytes: maximumAttachmentBytes,
                                            archive: AttachmentContent.isZip(data) ? ArchiveListing.read(data) : nil)
        let sha256 = AttachmentFiles.sha256(data)
        let files = attachmentFiles
        let staged = try files.stage(data, sha256: sha256)
        do {
            return try await store.addAttachment(reportID: view.report.id,
                                                 NewAttachment(key: key.description, name: name, kind: kind, size: data.count, sha256: sha256),
                                                 context: actor.context, place: { try files.place(staged) })
        } catch {
            files.discard(staged)
            throw error
        }
    }

    public func detach(reportID: Int64, attachmentID: Int64, actor: ReportActor) async throws -> Attachment {
        try await detach(in: try await view(reportID: reportID), attachmentID: attachmentID, actor: actor)
    }

    /// Who may change the answer may detach its files; the content leaves the
    /// folder once no answer of any report carries it.
    public func detach(in view: ReportView, attachmentID: Int64, actor: ReportActor) async throws -> Attachment {
        guard let attachment = try await store.attachment(reportID: view.report.id, id: attachmentID) else {
            throw DomainError.notFound(Self.noSuchAttachment(attachmentID, reportID: view.report.id))
        }
        let key = AnswerKey(attachment.key) ?? AnswerKey(question: attachment.key)
        // A file of a question the installed template no longer asks is the focal point's to remove.
        let section = (try? locate(key, in: view).1) ?? ""
        try checkMayEdit(section: section, view: view, actor: actor)
        let files = attachmentFiles
        return try await store.removeAttachment(reportID: view.report.id, id: attachmentID, context: actor.context,
                                                remove: { files.remove(sha256: $0) })
    }

    public func attachments(reportID: Int64) async throws -> [Attachment] {
        try await store.attachments(reportID: reportID)
    }

    /// The attachment and its content, checked against the recorded checksum.
    public func download(reportID: Int64, attachmentID: Int64) async throws -> (attachment: Attachment, data: Data) {
        guard let attachment = try await store.attachment(reportID: reportID, id: attachmentID) else {
            throw DomainError.notFound(Self.noSuchAttachment(attachmentID, reportID: reportID))
        }
        return (attachment, try attachmentFiles.read(sha256: attachment.sha256))
    }

    /// The report's JSON export (`report.json`) and every file its answers carry,
    /// each as `files/<sha256>-<name>`, in one ZIP archive. Like the answers, the
    /// files of questions that are not relevant stay in the workspace, out of the export.
    public func exportZIP(reportID: Int64, language: String = "en") async throws -> Data {
        let document = ReportDocument(view: try await view(reportID: reportID), exportedAt: Date(), language: language)
        var parts: [(path: String, data: Data)] = [("report.json", try document.json())]
        var written: Set<String> = []
        for file in document.sections.flatMap(\.items).flatMap({ $0.attachments ?? [] }) {
            let path = Self.bundlePath(file)
            guard written.insert(path).inserted else { continue }
            parts.append((path, try attachmentFiles.read(sha256: file.sha256)))
        }
        return try ZipArchiveWriter.write(parts)
    }

    /// Where the ZIP export puts a file: its checksum keeps two files of one name apart.
    public static func bundlePath(_ file: AttachedFile) -> String {
        "files/\(file.sha256)-\(file.name)"
    }

    static func noSuchAttachment(_ id: Int64, reportID: Int64) -> String {
        "report \(reportID) has no attachment \(id); list the report's attachments to see their numbers"
    }
}
