import Foundation
import SynergiaCore

/// The JSON interchange format of the knowledge base (docs/knowledge-base.md):
/// a document's fields and its paragraphs already split, for corpora prepared
/// by other tools. Errors name the field, e.g. `paragraphs[2].text`.
enum InterchangeFormat {
    static let formatName = "synergia-knowledge/1"

    struct Content {
        var metadata: DocumentMetadata
        var paragraphs: [NewParagraph]
    }

    private struct File: Decodable {
        var format: String
        var document: Document
        var paragraphs: [Paragraph]
    }

    private struct Document: Decodable {
        var kind: String
        var symbol: String?
        var title: String
        var date: String?
        var status: String?
        var language: String
        var source: String?
        var convention: String?
        var body: String?
        var meeting: MeetingFields?
    }

    private struct MeetingFields: Decodable {
        var convention: String
        var body: String
        var session: Int?
        var place: String?
        var startDate: String?
        var endDate: String?

        enum CodingKeys: String, CodingKey {
            case convention, body, session, place
            case startDate = "start_date", endDate = "end_date"
        }
    }

    private struct Paragraph: Decodable {
        var label: String?
        var kind: String?
        var page: Int?
        var text: String
        var language: String?
    }

    static func read(_ data: Data) throws -> Content {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw DomainError.invalid("the interchange file is malformed: \(describe(error)); see docs/knowledge-base.md for the format")
        }
        guard file.format == formatName else {
            throw DomainError.invalid("the interchange file is malformed: format: '\(file.format)' is not supported; write \"\(formatName)\"")
        }
        let document = file.document
        func checked<T>(_ field: String, _ parse: () throws -> T) throws -> T {
            do { return try parse() } catch let error as DomainError {
                throw DomainError.invalid("the interchange file is malformed: \(field): \(error.message)")
            }
        }
        let meeting = try document.meeting.map { fields in
            Meeting(convention: fields.convention, body: fields.body, session: fields.session, place: fields.place,
                    startDate: try fields.startDate.map { date in try checked("document.meeting.start_date") { try CalendarDay.validated(date, field: "the date") } },
                    endDate: try fields.endDate.map { date in try checked("document.meeting.end_date") { try CalendarDay.validated(date, field: "the date") } })
        }
        let metadata = DocumentMetadata(
            kind: try checked("document.kind") { try DocumentKind.parse(document.kind) }, symbol: document.symbol, title: document.title,
            date: try document.date.map { date in try checked("document.date") { try CalendarDay.validated(date, field: "the date") } },
            status: document.status, language: try checked("document.language") { try KnowledgeLanguage.parse(document.language) },
            source: document.source, convention: document.convention, body: document.body, meeting: meeting)
        let paragraphs = try file.paragraphs.enumerated().map { index, paragraph in
            let field = "paragraphs[\(index)]"
            // The same cleaning as extracted text: no control characters, no snippet markers.
            let text = ParagraphSplitter.cleaned(paragraph.text)
            guard !text.isEmpty else {
                throw DomainError.invalid("the interchange file is malformed: \(field).text is empty; remove the paragraph or give its text")
            }
            if let page = paragraph.page, page < 1 {
                throw DomainError.invalid("the interchange file is malformed: \(field).page is \(page); pages are numbered from 1")
            }
            return NewParagraph(
                label: paragraph.label, kind: try paragraph.kind.map { kind in
                    try checked("\(field).kind") {
                        guard let parsed = ParagraphKind(rawValue: kind) else {
                            throw DomainError.invalid("'\(kind)' is not a paragraph kind; use heading, paragraph or footnote")
                        }
                        return parsed
                    }
                } ?? .paragraph,
                page: paragraph.page, text: text,
                language: try paragraph.language.map { language in try checked("\(field).language") { try KnowledgeLanguage.parse(language) } })
        }
        return Content(metadata: metadata, paragraphs: paragraphs)
    }

    /// `paragraphs[2].text: missing`, in the file's own field names.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key -> String in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return "\(field) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) should be \(expected(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "it is not valid JSON (\(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription))"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)) is invalid (\(context.debugDescription))"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
