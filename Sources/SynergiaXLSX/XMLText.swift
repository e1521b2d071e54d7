/// XML 1.0 escaping for the parts the writer produces, and the reverse of OOXML's own
/// `_xHHHH_` escape used by the reader.
enum XMLText {
    enum Mode {
        /// Cell text: characters XML 1.0 forbids (most C0 controls) are kept by encoding
        /// them as `_xHHHH_`, which Excel and LibreOffice decode back.
        case cellText
        /// Element text that is not cell content (formulas): forbidden characters are dropped.
        case text
        /// Attribute values: whitespace controls become character references so that
        /// attribute-value normalisation does not turn them into spaces.
        case attribute
    }

    static func escape(_ s: String, _ mode: Mode) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where mode == .attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n" where mode == .attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where mode == .attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case "_" where mode == .cellText && looksLikeEscape(scalars, at: i):
                // A literal "_x0041_" would otherwise be decoded to "A" on reading.
                out.append(contentsOf: "_x005F_".unicodeScalars)
            default:
                if isForbidden(c) {
                    if mode == .cellText {
                        out.append(contentsOf: encode(c).unicodeScalars)
                    }
                } else {
                    out.append(c)
                }
            }
            i += 1
        }
        return String(out)
    }

    /// Decodes `_xHHHH_` sequences in cell text read from a file.
    static func decodeOOXMLEscapes(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", looksLikeEscape(scalars, at: i),
               let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    private static func looksLikeEscape(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)..<(i + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func isForbidden(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    private static func encode(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }
}

/// Appends well-formed XML to a string. Attributes are ordered pairs so output is stable.
struct XMLBuilder {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
    }

    mutating func close(_ name: String) {
        output += "</" + name + ">"
    }

    mutating func leaf(_ name: String, _ attributes: [(String, String)] = []) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>"
    }

    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String, mode: XMLText.Mode = .text) {
        open(name, attributes)
        output += XMLText.escape(text, mode)
        close(name)
    }

    /// For text the caller already knows is safe (numbers, cell references).
    mutating func raw(_ text: String) {
        output += text
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes {
            output += " " + key + "=\"" + XMLText.escape(value, .attribute) + "\""
        }
    }
}
