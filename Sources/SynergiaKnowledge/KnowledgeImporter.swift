import Crypto
import Foundation
import SynergiaCore
import SynergiaStore

/// The file formats the knowledge base imports.
public enum KnowledgeFileFormat: String, Sendable, CaseIterable {
    case text, html, docx, pdf, json

    /// By extension, else by the first bytes.
    static func detect(_ url: URL, _ data: Data) -> KnowledgeFileFormat {
        switch url.pathExtension.lowercased() {
        case "txt", "text": return .text
        case "html", "htm", "xhtml": return .html
        case "docx": return .docx
        case "pdf": return .pdf
        case "json": return .json
        default: break
        }
        if data.starts(with: Data("%PDF".utf8)) { return .pdf }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        let head = String(decoding: data.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if head.hasPrefix("{") { return .json }
        if head.hasPrefix("<") { return .html }
        return .text
    }
}

public struct KnowledgeImportOptions: Sendable {
    /// Wins over what the file says.
    public var metadata: DocumentMetadata
    /// An iconv encoding name for text and HTML files; detected when nil.
    public var encoding: String?
    /// Nil: from the extension, else the first bytes.
    public var format: KnowledgeFileFormat?
    public var maximumBytes: Int

    public static let defaultMaximumBytes = 50 * 1024 * 1024

    public init(metadata: DocumentMetadata = .init(), encoding: String? = nil, format: KnowledgeFileFormat? = nil,
                maximumBytes: Int = defaultMaximumBytes) {
        self.metadata = metadata
        self.encoding = encoding
        self.format = format
        self.maximumBytes = maximumBytes
    }
}

/// Reads a file into a document with its paragraphs and stores it in one
/// transaction. Every check runs before the store is touched, so a refused file
/// leaves nothing behind; the same bytes imported twice are reported, not stored.
///
/// The knowledge base's import service: `synergia kb import` calls it, and so
/// would any other adapter; searching, tagging and tracking have their own
/// services beside it (`KnowledgeSearchService`, `KnowledgeTaggingService`,
/// `DecisionTrackingService`).
///
///     let outcome = try await KnowledgeImporter(store: store).importFile(url, options: .init())
public struct KnowledgeImporter: Sendable {
    public let store: any KnowledgeRepository

    public init(store: any KnowledgeRepository) {
        self.store = store
    }

    /// A file already stored is reported before it is parsed, so re-running an
    /// import never fails on options the first run needed.
    public func importFile(_ url: URL, options: KnowledgeImportOptions) async throws -> KnowledgeImportOutcome {
        let data = try Self.load(url, options: options)
        let hash = Self.sha256(data)
        if let existing = try await store.knowledgeDocument(contentSHA256: hash) { return .duplicate(of: existing) }
        return try await store.importKnowledgeDocument(try Self.document(url, data: data, hash: hash, options: options))
    }

    /// The document as it would be stored; throws a `DomainError` naming the
    /// problem, or a `KnowledgeImportError` when an import option fixes it.
    public static func read(_ url: URL, options: KnowledgeImportOptions) throws -> NewKnowledgeDocument {
        let data = try load(url, options: options)
        return try document(url, data: data, hash: sha256(data), options: options)
    }

    static func sha256(_ data: Data) -> String {
        HexText.string(SHA256.hash(data: data))
    }

    /// The file's bytes, refused before reading when larger than the limit.
    static func load(_ url: URL, options: KnowledgeImportOptions) throws -> Data {
        let size: Int
        do {
            size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        } catch {
            throw DomainError.notFound("cannot read \(url.path): no such file, or it is not readable")
        }
        guard size <= options.maximumBytes else {
            throw KnowledgeImportError.tooLarge(fileName: url.lastPathComponent, bytes: size, limit: options.maximumBytes)
        }
        return try Data(contentsOf: url)
    }

    static func document(_ url: URL, data: Data, hash: String, options: KnowledgeImportOptions) throws -> NewKnowledgeDocument {
        var fromFile = DocumentMetadata()
        var paragraphs: [NewParagraph]
        switch options.format ?? KnowledgeFileFormat.detect(url, data) {
        case .json:
            let content = try InterchangeFormat.read(data)
            fromFile = content.metadata
            paragraphs = content.paragraphs
        case .pdf:
            paragraphs = ParagraphSplitter.paragraphs(ParagraphSplitter.blocks(pages: try PDFReader.pages(url), paged: true))
        case .docx:
            paragraphs = ParagraphSplitter.paragraphs(try DocxReader.read(url))
        case .html:
            let page = HTMLReader.read(try TextDecoding.decode(data, encoding: options.encoding ?? HTMLReader.declaredCharset(data)))
            fromFile.title = page.title
            paragraphs = ParagraphSplitter.paragraphs(page.blocks)
        case .text:
            let text = try TextDecoding.decode(data, encoding: options.encoding)
            paragraphs = ParagraphSplitter.paragraphs(ParagraphSplitter.blocks(pages: [text], paged: false))
        }
        guard !paragraphs.isEmpty else {
            throw DomainError.invalid("\(url.lastPathComponent) contains no text to import")
        }
        return try completed(options.metadata.over(fromFile), paragraphs: paragraphs, hash: hash, fileName: url.lastPathComponent)
    }

    /// Fills what the metadata leaves open from the symbol and the text, and checks the rest.
    static func completed(_ metadata: DocumentMetadata, paragraphs: [NewParagraph], hash: String, fileName: String) throws -> NewKnowledgeDocument {
        let symbol = try metadata.symbol.map(DocumentSymbol.parse)
        let sample = paragraphs.prefix(200).map(\.text).joined(separator: "\n")
        guard let language = metadata.language ?? LanguageGuess.guess(sample) else {
            throw KnowledgeImportError.languageUnknown(fileName: fileName)
        }
        let date = try metadata.date.map { try CalendarDay.validated($0, field: "the date") }
        let convention = (metadata.convention ?? metadata.meeting?.convention ?? symbol?.convention)?.uppercased()
        let body = (metadata.body ?? metadata.meeting?.body ?? symbol?.body)?.uppercased()
        var meeting = metadata.meeting
        if meeting == nil, let convention, let body, let session = symbol?.session {
            meeting = Meeting(convention: convention, body: body, session: session)
        }
        let title = metadata.title ?? paragraphs.first { $0.kind == .heading }?.text ?? fileName
        return NewKnowledgeDocument(
            kind: metadata.kind ?? symbol?.kind ?? .other, symbol: symbol?.text, title: String(title.prefix(500)), date: date,
            status: metadata.status, language: language, source: metadata.source, contentSHA256: hash,
            convention: convention, body: body, meeting: meeting, paragraphs: paragraphs)
    }
}
