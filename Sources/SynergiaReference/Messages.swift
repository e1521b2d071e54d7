import Foundation
import SynergiaCore

/// The localisation catalogue (`data/locales/*.yaml`): every user-facing
/// string by key, in the languages Synergia ships. `messages.yaml` holds the
/// strings of exports and workbooks, `web.yaml` those of the web pages.
public struct Messages: Sendable {
    private let texts: [String: LocalizedText]

    public init(texts: [String: LocalizedText]) {
        self.texts = texts
    }

    public static func load(dataDirectory: URL) throws -> Messages {
        struct File: Decodable { var messages: [String: LocalizedText] }
        let folder = dataDirectory.appendingPathComponent("locales")
        var texts: [String: LocalizedText] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }).sorted() {
            let document = try YAMLDocument.load(folder.appendingPathComponent(name), displayName: "data/locales/\(name)")
            for (key, text) in try document.decode(File.self).messages {
                if texts[key] != nil { throw DataFileError([DataFileProblem(file: "data/locales/\(name)", line: nil, message: "message '\(key)' is defined twice")]) }
                texts[key] = text
            }
        }
        return Messages(texts: texts)
    }

    public var keys: [String] { texts.keys.sorted() }

    public func localizedText(_ key: String) -> LocalizedText? { texts[key] }

    /// Every text whose key starts with `prefix`, keyed without the prefix, in `language`.
    public func texts(prefix: String, language: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, text) in texts where key.hasPrefix(prefix) { out[String(key.dropFirst(prefix.count))] = text.text(language) }
        return out
    }

    /// The text for `key` in `language` (English when missing); the key itself when unknown, so a gap shows.
    public func text(_ key: String, _ language: String) -> String {
        texts[key]?.text(language) ?? key
    }
}
