/// Titles of goals, targets and indicators in the six UN languages. The English
/// title stays a field of its own (`title`), so the JSON API and every English
/// consumer read what they always read; `titles` adds the other languages.
extension LocalizedText {
    /// `titles` with `english` as its English text, whatever `titles` said in English.
    public static func titles(english: String, _ titles: LocalizedText?) -> LocalizedText {
        var values = titles?.values ?? [:]
        values["en"] = english
        return LocalizedText(values)
    }

    /// The languages of `LocalizedText.languages` this text has no non-empty entry for.
    public var missingLanguages: [String] {
        Self.languages.filter { (values[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

/// The fields of goals, targets and indicators as JSON names them; `titles` may be
/// absent from JSON written before titles had languages.
enum FrameworkItemKey: String, CodingKey {
    case code, framework, goal, number, kind, title, titles, text, unit, targets, source
}

extension Goal {
    /// The title in `language`, in English where that language has none.
    public func title(in language: String) -> String { titles.text(language) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FrameworkItemKey.self)
        self.init(code: try container.decode(String.self, forKey: .code), framework: try container.decode(String.self, forKey: .framework),
                  title: try container.decode(String.self, forKey: .title),
                  titles: try container.decodeIfPresent(LocalizedText.self, forKey: .titles),
                  text: try container.decodeIfPresent(String.self, forKey: .text), source: try container.decode(String.self, forKey: .source))
    }
}

extension GlobalTarget {
    /// The title in `language`, in English where that language has none.
    public func title(in language: String) -> String { titles.text(language) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FrameworkItemKey.self)
        self.init(code: try container.decode(String.self, forKey: .code), framework: try container.decode(String.self, forKey: .framework),
                  goal: try container.decodeIfPresent(String.self, forKey: .goal), number: try container.decode(String.self, forKey: .number),
                  title: try container.decode(String.self, forKey: .title),
                  titles: try container.decodeIfPresent(LocalizedText.self, forKey: .titles),
                  text: try container.decodeIfPresent(String.self, forKey: .text), source: try container.decode(String.self, forKey: .source))
    }
}

extension Indicator {
    /// The title in `language`, in English where that language has none.
    public func title(in language: String) -> String { titles.text(language) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FrameworkItemKey.self)
        self.init(code: try container.decode(String.self, forKey: .code), framework: try container.decodeIfPresent(String.self, forKey: .framework),
                  kind: try container.decode(Kind.self, forKey: .kind), title: try container.decode(String.self, forKey: .title),
                  titles: try container.decodeIfPresent(LocalizedText.self, forKey: .titles),
                  unit: try container.decode(String.self, forKey: .unit), targets: try container.decode([String].self, forKey: .targets),
                  source: try container.decode(String.self, forKey: .source))
    }
}
