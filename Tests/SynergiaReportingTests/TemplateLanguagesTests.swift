import Foundation
import Testing
import Yams
import SynergiaCore
import SynergiaTestSupport

/// Every text a person reads in a report form — labels, help, hints, choices, titles,
/// validation messages — in all six UN languages, in every file the forms are built from.
@Suite struct TemplateLanguagesTests {
    /// The files of the forms: templates, shared choice lists, migrations and concepts.
    static func formFiles() throws -> [URL] {
        let data = TestDatabase.dataDirectory
        let folders = [data.appendingPathComponent("templates"), data.appendingPathComponent("templates/migrations"), data.appendingPathComponent("concepts")]
        return try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "yaml" }
        }.sorted { $0.path < $1.path }
    }

    /// Places (`sections[2].questions[0].label`) of the text maps lacking a language, with the languages missing.
    static func collectGaps(in node: Node, at path: String, into gaps: inout [String]) {
        switch node {
        case .mapping(let mapping):
            let keys = mapping.keys.compactMap(\.string)
            if keys.contains("en"), case .scalar? = mapping["en"] {
                var texts: [String: String] = [:]
                for (key, value) in mapping { if let language = key.string, let text = value.string { texts[language] = text } }
                let missing = LocalizedText(texts).missingLanguages
                if !missing.isEmpty { gaps.append("\(path) lacks \(missing.joined(separator: ", "))") }
                return
            }
            for (key, value) in mapping { collectGaps(in: value, at: path.isEmpty ? (key.string ?? "?") : "\(path).\(key.string ?? "?")", into: &gaps) }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() { collectGaps(in: value, at: "\(path)[\(index)]", into: &gaps) }
        default:
            return
        }
    }

    @Test func everyTextOfEveryFormIsInTheSixLanguages() throws {
        let files = try Self.formFiles()
        #expect(files.count >= 7, "\(files.map(\.lastPathComponent))")
        for file in files {
            let node = try #require(try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8)), "\(file.lastPathComponent) is empty")
            var gaps: [String] = []
            Self.collectGaps(in: node, at: "", into: &gaps)
            #expect(gaps.isEmpty, "\(file.lastPathComponent): \(gaps.count) texts lack a language, first: \(gaps.prefix(5).joined(separator: "; "))")
        }
    }

    @Test func everyTemplateDeclaresTheSixLanguages() throws {
        for file in try Self.formFiles() where file.deletingLastPathComponent().lastPathComponent == "templates" {
            let node = try #require(try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8)))
            guard let header = node["template"] else { continue }
            let declared = header["languages"]?.sequence?.compactMap(\.string) ?? []
            #expect(declared == LocalizedText.languages.sorted(by: Self.unOrder), "\(file.lastPathComponent) declares \(declared)")
        }
    }

    /// en, fr, es, zh, ar, ru: the order the templates list them in.
    static func unOrder(_ a: String, _ b: String) -> Bool {
        let order = ["en", "fr", "es", "zh", "ar", "ru"]
        return (order.firstIndex(of: a) ?? 9) < (order.firstIndex(of: b) ?? 9)
    }

    /// The walk itself: a map that lacks Arabic and Russian is found, with its place.
    @Test func aTextLackingLanguagesIsFoundWithItsPlace() throws {
        let yaml = """
        sections:
          - id: a
            title: {en: "A", fr: "A", es: "A", zh: "甲", ar: "أ", ru: "А"}
            questions:
              - id: q
                label: {en: "Question", fr: "Question", es: "Pregunta", zh: "问题"}
        """
        var gaps: [String] = []
        Self.collectGaps(in: try #require(try Yams.compose(yaml: yaml)), at: "", into: &gaps)
        #expect(gaps == ["sections[0].questions[0].label lacks ar, ru"])
    }
}
