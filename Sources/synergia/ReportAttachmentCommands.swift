import ArgumentParser
import Foundation
import SynergiaCore
import SynergiaReporting
import SynergiaStore

/// `synergia report attach | attachments | detach`: files carried by answers,
/// kept in the attachments folder beside the database (or SYNERGIA_ATTACHMENTS_DIR).
struct ReportAttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach a file to an answer (a link question).",
        discussion: "Accepted: PDF, PNG, JPEG, XLSX, ODS, CSV, GeoPackage (.gpkg), a zipped shapefile (.zip with .shp, .shx and .dbf), GeoJSON and KML, each checked by its content. The file is stored under its SHA-256 in the attachments folder: beside a SQLite database (var/synergia.sqlite → var/synergia-files), var/attachments for PostgreSQL, or SYNERGIA_ATTACHMENTS_DIR.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "Report id.") var report: Int64
    @Argument(help: "Answer key of a link question, e.g. other_documents.") var key: String
    @Argument(help: "The file to attach.") var file: String
    @Option(help: "The name the report shows (default: the file's own name).") var name: String?
    @Option(help: "Largest file accepted, in MB (default: SYNERGIA_MAX_UPLOAD_MB or 20).") var maxSize: Int?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            guard let key = AnswerKey(self.key) else { throw DomainError.invalid("'\(self.key)' is not an answer key (question or group[entry].question)") }
            let url = URL(fileURLWithPath: file)
            let shownName = name ?? url.lastPathComponent
            let attachment = try await withReporting(store) { service in
                var service = service
                if let maxSize { service.maximumAttachmentBytes = maxSize * 1_000_000 }
                // Refused before reading a file larger than the limit into memory.
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                guard let size else { throw DomainError.notFound("\(file): no such file") }
                if size > service.maximumAttachmentBytes {
                    throw DomainError.invalid("'\(shownName)' has \(size) bytes, more than the \(service.maximumAttachmentBytes / 1_000_000) MB a file may have; reduce it or split it, or raise the limit with --max-size")
                }
                return try await service.attach(reportID: report, key: key, fileName: shownName, data: try Data(contentsOf: url),
                                                actor: try await actor.resolve(service, report: report))
            }
            if output.json { return try printJSON(attachment) }
            print("Attached \(attachment.name) to \(attachment.key) as attachment \(attachment.id) (\(attachment.mediaType), \(attachment.size) bytes, sha256 \(attachment.sha256)).")
        }
    }
}

struct ReportAttachmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attachments", abstract: "List the files a report's answers carry, or save one.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Report id.") var report: Int64
    @Option(help: "Save this attachment (its number in the list) to --out.") var save: Int64?
    @Option(help: "Where --save writes the file.") var out: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await userFacing {
            if let save {
                guard let out else { throw ValidationError("give --out with --save") }
                let (attachment, data) = try await withReporting(store) { try await $0.download(reportID: report, attachmentID: save) }
                try data.write(to: URL(fileURLWithPath: out))
                return print("Wrote \(out) (\(attachment.name), \(data.count) bytes, sha256 \(attachment.sha256) checked).")
            }
            let attachments = try await withReporting(store) { try await $0.attachments(reportID: report) }
            if output.json { return try printJSON(attachments) }
            printTable(["id", "key", "name", "type", "bytes", "sha256", "when"], attachments.map {
                [String($0.id), $0.key, $0.name, $0.mediaType, String($0.size), $0.sha256, ISO8601DateFormatter().string(from: $0.uploadedAt)]
            })
        }
    }
}

struct ReportDetachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detach", abstract: "Remove a file from its answer (the stored file goes once no answer carries it).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "Report id.") var report: Int64
    @Argument(help: "Attachment number (see `synergia report attachments`).") var attachment: Int64

    func run() async throws {
        try await userFacing {
            let removed = try await withReporting(store) { service in
                try await service.detach(reportID: report, attachmentID: attachment, actor: try await actor.resolve(service, report: report))
            }
            print("Detached \(removed.name) from \(removed.key).")
        }
    }
}
