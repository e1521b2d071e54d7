import SynergiaCore

/// A `title` of a framework file: a map of the UN languages
/// (`{en: "…", fr: "…", es: "…", zh: "…", ar: "…", ru: "…"}`) or, as older files
/// have it, a plain string read as English.
struct TitleText: Decodable {
    var text: LocalizedText

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let english = try? container.decode(String.self) {
            text = LocalizedText(en: english)
        } else {
            text = LocalizedText(try container.decode([String: String].self))
        }
    }

    var english: String { text.values["en"] ?? "" }

    /// English is required; a key that is not one of the six languages is a typo
    /// (`cn` for `zh`) that would otherwise leave a language silently in English.
    func check(at path: [YAMLDocument.PathElement], in document: YAMLDocument, problems: inout [DataFileProblem]) {
        if english.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(document.problem(at: path, "the title has no English text (en); English is required"))
        }
        for language in text.values.keys.sorted() where !LocalizedText.languages.contains(language) {
            problems.append(document.problem(at: path + [.key(language)],
                                             "'\(language)' is not one of the languages \(LocalizedText.languages.joined(separator: ", "))"))
        }
        for language in text.values.keys.sorted() where LocalizedText.languages.contains(language) && language != "en"
            && (text.values[language] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(document.problem(at: path + [.key(language)], "the \(language) title is empty; give the text or leave the language out"))
        }
    }
}
