/// Text in the UN languages a template is written in; English is always there.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    public init(en: String) {
        self.values = ["en": en]
    }

    /// The text in `language`, falling back to English.
    public func text(_ language: String) -> String {
        values[language] ?? values["en"] ?? values.values.sorted().first ?? ""
    }

    public var english: String { text("en") }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    public static let languages = ["en", "fr", "es", "zh", "ar", "ru"]
}
