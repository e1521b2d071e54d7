/// What free text a person may give: no invisible control or direction-changing
/// characters, and a length that fits the field. One rule for answers, indicator
/// observations and every file they are imported from.
///
/// Control characters corrupt exports and logs, and the bidirectional overrides
/// (U+202A–U+202E, U+2066–U+2069) make text display differently from what it says.
public enum TextInputRules {
    /// How long a field may be and whether it may span lines.
    public struct Field: Sendable, Equatable {
        public var maxCharacters: Int
        public var allowsLineBreaks: Bool

        /// A label that names a series: a disaggregation, a unit.
        public static let label = Field(maxCharacters: 200, allowsLineBreaks: false)
        /// One line of text: a source, a web address, a choice's "other".
        public static let line = Field(maxCharacters: 2_000, allowsLineBreaks: false)
        /// A short note that may span lines: a footnote, a table cell.
        public static let note = Field(maxCharacters: 2_000, allowsLineBreaks: true)
        /// An answer written as prose.
        public static let longText = Field(maxCharacters: 100_000, allowsLineBreaks: true)
    }

    /// The problem with `text` as the value of `name`, as a sentence naming the fix, or nil.
    /// Length counts Unicode scalars, so a pile of combining marks cannot pass as one character.
    public static func problem(_ text: String, field name: String, _ field: Field) -> String? {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if let refused = refusal(scalar, field) {
                return "\(name) contains \(refused) at character \(count); delete it (retyping the text or pasting it as plain text removes it)"
            }
        }
        if count > field.maxCharacters {
            return "\(name) has \(count) characters, more than the \(field.maxCharacters) allowed; shorten it"
        }
        return nil
    }

    /// The problems with an indicator observation's text fields.
    public static func observationProblems(unit: String, disaggregation: String, source: String) -> [String] {
        [problem(unit, field: "the unit", .label),
         problem(disaggregation, field: "the disaggregation", .label),
         problem(source, field: "the source", .line)].compactMap { $0 }
    }

    /// The character described for a person, or nil when it is allowed in `field`.
    static func refusal(_ scalar: Unicode.Scalar, _ field: Field) -> String? {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09, 0x2028, 0x2029:
            return field.allowsLineBreaks ? nil : "a line break or tab (\(code(scalar)))"
        // Joiners and direction marks are part of ordinary Persian, Arabic, Hebrew and emoji text.
        case 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x00AD:
            return nil
        case 0x202A...0x202E, 0x2066...0x2069:
            return "the invisible direction-changing character \(code(scalar))\(name(scalar))"
        default:
            switch scalar.properties.generalCategory {
            case .control: return "the control character \(code(scalar))"
            case .format: return "the invisible formatting character \(code(scalar))\(name(scalar))"
            default: return nil
            }
        }
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func name(_ scalar: Unicode.Scalar) -> String {
        scalar.properties.name.map { " (\($0))" } ?? ""
    }
}
