import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives parse events with namespace prefixes stripped: Excel writes `<x:c>` in some
/// files and `<c>` in others, LibreOffice uses `<c>`, and strict OOXML changes the
/// namespace URIs, so only local names are reliable.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws(XLSXError)
    func end(_ name: String) throws(XLSXError)
    func text(_ text: String)
}

enum XMLEvents {
    static func parse(_ data: Data, part: String, handler: XMLEventHandler) throws(XLSXError) {
        // OOXML never uses a DTD; refusing one rules out entity-expansion and XXE attacks.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError(.unsupported("the part \"\(part)\" declares a DOCTYPE"))
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(part: part, handler: handler)
        parser.delegate = delegate
        // swift-corelibs-foundation runs libxml2 in recovery mode: parse() can return true
        // for a damaged document, so errors are collected by the delegate and the element
        // depth is checked at the end to catch documents cut short.
        let ok = parser.parse()
        if let error = delegate.error { throw error }
        if !ok || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw XLSXError(.malformedXML(part: part, line: parser.lineNumber, message: describe(code)))
        }
        if delegate.depth != 0 || !delegate.sawRoot {
            throw XLSXError(.malformedXML(part: part, line: parser.lineNumber, message: describe(5)))
        }
    }

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    // libxml2's codes, as surfaced by XMLParser; only the ones a damaged file tends to hit.
    fileprivate static func describe(_ code: Int) -> String {
        switch code {
        case 4, 5: return "the document is empty or ends too early"
        case 9: return "invalid character"
        case 23, 68, 73, 76, 77: return "a tag is not closed properly"
        case 26, 27: return "an unknown entity is used"
        case 39, 40, 41, 65: return "an attribute is malformed"
        default: return "XML syntax error \(code)"
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let part: String
        let handler: XMLEventHandler
        var error: XLSXError?
        var depth = 0
        var sawRoot = false

        init(part: String, handler: XMLEventHandler) {
            self.part = part
            self.handler = handler
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard error == nil else { return }
            depth += 1
            sawRoot = true
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict where !key.hasPrefix("xmlns") {
                attributes[XMLEvents.localName(key)] = value
            }
            do { try handler.start(XMLEvents.localName(elementName), attributes) } catch { fail(parser, error) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard error == nil else { return }
            depth -= 1
            do { try handler.end(XMLEvents.localName(elementName)) } catch { fail(parser, error) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if error == nil { handler.text(string) }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if error == nil { handler.text(String(decoding: CDATABlock, as: UTF8.self)) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard error == nil else { return }
            let code = (parseError as NSError).code
            error = XLSXError(.malformedXML(part: part, line: parser.lineNumber, message: XMLEvents.describe(code)))
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
            self.parser(parser, parseErrorOccurred: validationError)
        }

        private func fail(_ parser: XMLParser, _ error: XLSXError) {
            // Keep the handler's error; abortParsing makes parse() report a generic one.
            // Handlers report line 0 because only the parser knows where it is.
            if case let .malformedXML(part, 0, message) = error.kind {
                self.error = XLSXError(.malformedXML(part: part, line: parser.lineNumber, message: message))
            } else {
                self.error = error
            }
            parser.abortParsing()
        }
    }
}

/// A minimal element tree for the small parts (workbook, relationships, styles, shared
/// strings), where a tree is simpler than a state machine and size is bounded by the limits.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ key: String) -> String? { attributes[key] }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// All descendants with the given name, depth first, in document order.
    func descendants(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        for c in children {
            if c.name == name { found.append(c) }
            found += c.descendants(name)
        }
        return found
    }

    static func parse(_ data: Data, part: String) throws(XLSXError) -> XMLNode {
        let builder = TreeBuilder()
        try XMLEvents.parse(data, part: part, handler: builder)
        guard let root = builder.root else {
            throw XLSXError(.malformedXML(part: part, line: 1, message: "the document is empty"))
        }
        return root
    }

    private final class TreeBuilder: XMLEventHandler {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func start(_ name: String, _ attributes: [String: String]) {
            let node = XMLNode(name: name, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func end(_ name: String) { stack.removeLast() }

        func text(_ text: String) { stack.last?.text += text }
    }
}
