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
    /// Parses `data`, refusing it as soon as it passes a limit of `limits`; `maxElements`
    /// is the element budget of this part (streamed sheets get more than parts held whole).
    static func parse(_ data: Data, part: String, limits: XLSXLimits, maxElements: Int,
                      handler: XMLEventHandler) throws(XLSXError) {
        // OOXML never uses a DTD; refusing one rules out entity-expansion and XXE attacks.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError(.unsupported("the part \"\(part)\" declares a DOCTYPE"))
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(part: part, limits: limits, maxElements: maxElements, handler: handler)
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
        let limits: XLSXLimits
        let maxElements: Int
        let handler: XMLEventHandler
        var error: XLSXError?
        var depth = 0
        var sawRoot = false
        private var elements = 0
        private var textRunBytes = 0
        private var textBytes = 0

        init(part: String, limits: XLSXLimits, maxElements: Int, handler: XMLEventHandler) {
            self.part = part
            self.limits = limits
            self.maxElements = maxElements
            self.handler = handler
        }

        /// The first limit this element passes, as the end of a sentence about the part.
        private func limitPassed(by attributes: [String: String]) -> String? {
            if depth > limits.maxXMLDepth {
                return "nests elements more than \(limits.maxXMLDepth) deep"
            }
            if elements > maxElements {
                return "has more than \(maxElements) elements"
            }
            if let long = attributes.first(where: { $0.value.utf8.count > limits.maxAttributeBytes }) {
                return "has an attribute \"\(XMLEvents.localName(long.key))\" longer than \(limits.maxAttributeBytes) bytes"
            }
            return nil
        }

        private func countText(_ string: String, _ parser: XMLParser) {
            let bytes = string.utf8.count
            textRunBytes += bytes
            textBytes += bytes
            if textRunBytes > limits.maxTextBytes {
                fail(parser, XLSXError(.limitExceeded(part: part, detail: "has a text longer than \(limits.maxTextBytes) bytes near line \(parser.lineNumber)")))
            } else if textBytes > limits.maxTextBytesPerPart {
                fail(parser, XLSXError(.limitExceeded(part: part, detail: "has more than \(limits.maxTextBytesPerPart) bytes of text")))
            }
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard error == nil else { return }
            depth += 1
            elements += 1
            textRunBytes = 0
            sawRoot = true
            if let limit = limitPassed(by: attributeDict) {
                fail(parser, XLSXError(.limitExceeded(part: part, detail: limit)))
                return
            }
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict where !key.hasPrefix("xmlns") {
                attributes[XMLEvents.localName(key)] = value
            }
            do { try handler.start(XMLEvents.localName(elementName), attributes) } catch { fail(parser, error) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard error == nil else { return }
            depth -= 1
            textRunBytes = 0
            do { try handler.end(XMLEvents.localName(elementName)) } catch { fail(parser, error) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard error == nil else { return }
            countText(string, parser)
            if error == nil { handler.text(string) }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard error == nil else { return }
            let string = String(decoding: CDATABlock, as: UTF8.self)
            countText(string, parser)
            if error == nil { handler.text(string) }
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

        fileprivate func fail(_ parser: XMLParser, _ error: XLSXError) {
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
