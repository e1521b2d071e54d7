import Foundation
import SynergiaCore

/// The localisation catalogue (`data/locales/messages.yaml`): every
/// user-facing string by key, in the languages Synergia ships.
public struct Messages: Sendable {
    private let texts: [String: LocalizedText]

    public init(texts: [String: LocalizedText]) {
        self.texts = texts
    }

    public static func load(dataDirectory: URL) throws -> Messages {
        struct File: Decodable { var messages: [String: LocalizedText] }
        let document = try YAMLDocument.load(dataDirectory.appendingPathComponent("locales/messages.yaml"), displayName: "data/locales/messages.yaml")
        return Messages(texts: try document.decode(File.self).messages)
    }

    /// The text for `key` in `language` (English when missing); the key itself when unknown, so a gap shows.
    public func text(_ key: String, _ language: String) -> String {
        texts[key]?.text(language) ?? key
    }
}
