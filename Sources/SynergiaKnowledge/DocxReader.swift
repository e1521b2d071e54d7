import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SynergiaCore
import ZIPFoundation

/// Paragraphs and footnotes of a Word document: `word/document.xml` and
/// `word/footnotes.xml` inside the ZIP. Paragraph styles named Heading… or Title
/// mark headings. Word's automatic list numbering is not in the text and is not
/// rebuilt; numbers typed in the text are kept as labels.
///
/// SynergiaXLSX has a guarded ZIP reader too, but its messages speak of
/// workbooks; this one speaks of documents.
enum DocxReader {
    /// Inflated parts larger than this together are refused: a ZIP bomb, not a decision.
    static let maximumPartBytes = 200_000_000
    /// Elements nested deeper than this are refused: Word nests about 15 deep (tables in tables).
    static let maximumDepth = 256

    static func read(_ url: URL) throws -> [TextBlock] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DomainError.invalid("the DOCX file is damaged or not a Word document (its ZIP directory cannot be read); save it again from Word or LibreOffice as .docx")
        }
        // Bytes are counted as they are inflated: the sizes the archive declares can lie.
        var budget = maximumPartBytes
        guard let body = try part(archive, "word/document.xml", budget: &budget) else {
            throw DomainError.invalid("the file is a ZIP archive but not a Word document: word/document.xml is missing; save it again as .docx")
        }
        var blocks = try WordXML.blocks(body, part: "word/document.xml", footnotes: false)
        if let footnotes = try part(archive, "word/footnotes.xml", budget: &budget) {
            blocks += try WordXML.blocks(footnotes, part: "word/footnotes.xml", footnotes: true)
        }
        return blocks
    }

    private static func part(_ archive: Archive, _ path: String, budget: inout Int) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let tooLarge = DomainError.invalid("the DOCX file unpacks to more than \(maximumPartBytes / 1_000_000) MB of text parts (reached in \(path)); it cannot be imported")
        guard entry.uncompressedSize <= UInt64(budget) else { throw tooLarge }
        var data = Data()
        let limit = budget
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > limit { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            if data.count > limit { throw tooLarge }
            throw DomainError.invalid("the DOCX file is damaged: the part \(path) cannot be unpacked; save it again from Word or LibreOffice")
        }
        budget -= data.count
        return data
    }
}

/// WordprocessingML paragraphs (`w:p`) as blocks; in footnotes.xml each
/// `w:footnote` becomes one footnote block labelled with its id.
private final class WordXML: NSObject, XMLParserDelegate {
    private var blocks: [TextBlock] = []
    private let inFootnotes: Bool
    private var paragraph = "", style = "", inText = false
    private var footnoteID: String?, footnoteText: [String] = []
    private var depth = 0, tooDeep = false

    private init(footnotes: Bool) {
        inFootnotes = footnotes
    }

    static func blocks(_ data: Data, part: String, footnotes: Bool) throws -> [TextBlock] {
        // Word never writes a DTD; refusing one rules out entity-expansion attacks.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw DomainError.invalid("the DOCX part \(part) declares a DOCTYPE, which Word never does; the file cannot be imported")
        }
        let reader = WordXML(footnotes: footnotes)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        if reader.tooDeep {
            throw DomainError.invalid("the DOCX part \(part) nests elements more than \(DocxReader.maximumDepth) deep, which Word never does; open the document in Word or LibreOffice and save it again")
        }
        guard parsed, parser.parserError == nil else {
            throw DomainError.invalid("the DOCX part \(part) is damaged near line \(parser.lineNumber); open the document in Word or LibreOffice and save it again")
        }
        return reader.blocks
    }

    private static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        attributes.first { local($0.key) == name }?.value
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        depth += 1
        guard depth <= DocxReader.maximumDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        switch Self.local(elementName) {
        case "p":
            paragraph = ""
            style = ""
        case "pStyle": style = Self.attribute(attributes, "val") ?? ""
        case "t": inText = true
        case "tab": paragraph += "\t"
        case "br", "cr": paragraph += " "
        case "footnote":
            let type = Self.attribute(attributes, "type") ?? "normal"
            footnoteID = type == "normal" ? Self.attribute(attributes, "id") : nil
            footnoteText = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        switch Self.local(elementName) {
        case "t": inText = false
        case "p":
            let text = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return }
            if inFootnotes {
                footnoteText.append(text)
            } else {
                let lowered = style.lowercased()
                let isHeading = lowered.hasPrefix("heading") || lowered.hasPrefix("title") || lowered.hasPrefix("titre")
                blocks.append(TextBlock(text: text, role: isHeading ? .heading : .paragraph))
            }
        case "footnote":
            if let footnoteID, !footnoteText.isEmpty {
                blocks.append(TextBlock(text: footnoteText.joined(separator: " "), role: .footnote, label: footnoteID))
            }
            footnoteID = nil
        default: break
        }
    }
}
