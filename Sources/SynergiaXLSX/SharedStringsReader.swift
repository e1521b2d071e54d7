import Foundation

/// Streams the shared-string table (`xl/sharedStrings.xml`), the one package part that
/// grows with the data, so it is never held as a tree. Rich text is a list of runs whose
/// texts are joined; phonetic guides (`rPh`) are not part of the value.
final class SharedStringsReader: XMLEventHandler {
    private(set) var strings: [String] = []
    private var current: String?
    private var phoneticDepth = 0
    private var inText = false

    static func read(_ data: Data, part: String, limits: XLSXLimits) throws(XLSXError) -> [String] {
        let reader = SharedStringsReader()
        try XMLEvents.parse(data, part: part, limits: limits, maxElements: limits.maxElementsPerPart, handler: reader)
        return reader.strings
    }

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t" where current != nil && phoneticDepth == 0: inText = true
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "si":
            strings.append(XMLText.decodeOOXMLEscapes(current ?? ""))
            current = nil
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    func text(_ text: String) {
        if inText { current? += text }
    }
}
