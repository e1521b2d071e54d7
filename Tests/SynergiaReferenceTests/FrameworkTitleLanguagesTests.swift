import Foundation
import Testing
import SynergiaCore
import SynergiaReference
import SynergiaStore
import SynergiaTestSupport

/// Every goal, target and indicator title of every framework file is given in the six
/// UN languages, and a title file written the older way (a plain string) still loads.
@Suite struct FrameworkTitleLanguagesTests {
    static let reference = try! ReferenceLoader.load(dataDirectory: TestDatabase.dataDirectory)

    /// How many goals, targets and indicators each framework file holds; a title removed or
    /// added shows here before it can go untranslated.
    static let titleCounts = ["AICHI": 25, "CITES-SV": 25, "CMS-SPMS": 21, "GBF": 68, "RAMSAR4": 23, "SDG": 51, "UNCCD": 20]

    @Test func everyTitleOfEveryFrameworkIsInTheSixLanguages() {
        var counts: [String: Int] = [:]
        for content in Self.reference.frameworks {
            let items: [(String, LocalizedText)] = content.goals.map { ($0.code, $0.titles) } + content.targets.map { ($0.code, $0.titles) }
                + content.indicators.map { ($0.code, $0.titles) }
            counts[content.framework.code] = items.count
            let missing = items.filter { !$0.1.missingLanguages.isEmpty }
            #expect(missing.isEmpty, """
                \(content.framework.code): \(missing.count) of \(items.count) titles lack a language: \
                \(missing.map { "\($0.0) (\($0.1.missingLanguages.joined(separator: ", ")))" }.joined(separator: "; "))
                """)
        }
        #expect(counts == Self.titleCounts, "titles per framework: \(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        #expect(counts.values.reduce(0, +) == 233)
    }

    @Test func theTitleInALanguageIsThatLanguagesTextAndEnglishStaysTheTitleField() throws {
        let gbf = try #require(Self.reference.frameworks.first { $0.framework.code == "GBF" })
        let target3 = try #require(gbf.targets.first { $0.code == "GBF-3" })
        #expect(target3.title == "Conserve 30% of Land, Waters and Seas")
        #expect(target3.title(in: "en") == target3.title)
        #expect(target3.title(in: "fr") == "Conserver 30 % des terres, des eaux et des mers")
        #expect(target3.title(in: "ar") == "حفظ 30 في المائة من الأراضي والمياه والبحار")
        #expect(target3.title(in: "ru") == "Сохранить 30 % суши, вод и морей")
        #expect(target3.title(in: "de") == target3.title, "a language the product does not have reads English")
        let titles = FrameworkTitles(Self.reference)
        #expect(titles.title("gbf-3", in: "zh", english: "") == "保护30%的陆地、水域和海洋")
        #expect(titles.title("KEN-IND-1", in: "fr", english: "Hectares restored") == "Hectares restored", "a code no framework file has keeps its stored title")
    }

    @Test func aTargetReadFromTheDatabaseGetsItsLanguagesBackByCode() throws {
        let stored = GlobalTarget(code: "SDG-15.5", framework: "SDG", number: "15.5", title: "Habitat degradation and biodiversity loss halted", source: "test")
        #expect(stored.titles.values == ["en": "Habitat degradation and biodiversity loss halted"])
        let localized = FrameworkTitles(Self.reference).localized(stored)
        #expect(localized.titles.values.count == 6)
        #expect(localized.title(in: "es") == "Degradación de los hábitats y pérdida de biodiversidad detenidas")
        #expect(localized.title == stored.title)
    }

    /// A copy of data/ in a temporary folder with one framework file added.
    func load(adding text: String) throws -> Result<ReferenceSet, DataFileError> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-titles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        try text.write(to: folder.appendingPathComponent("frameworks/test.yaml"), atomically: true, encoding: .utf8)
        do {
            return .success(try ReferenceLoader.load(dataDirectory: folder))
        } catch let error as DataFileError {
            return .failure(error)
        }
    }

    let header = """
    framework:
      code: TEST
      name: Test framework
      source: "test"
    targets:

    """

    @Test func aPlainStringTitleIsReadAsEnglish() throws {
        let set = try load(adding: header + "  - code: TEST-1\n    number: 1\n    title: \"One\"\n    source: \"test\"\n").get()
        let target = try #require(set.frameworks.first { $0.framework.code == "TEST" }?.targets.first)
        #expect(target.title == "One")
        #expect(target.titles.values == ["en": "One"])
        #expect(target.title(in: "ar") == "One")
    }

    @Test func aTitleMapWithoutEnglishOrWithAnUnknownLanguageIsRefusedWithItsLine() throws {
        let text = header + """
          - code: TEST-1
            number: 1
            title: {fr: "Un", es: "Uno"}
            source: "test"
          - code: TEST-2
            number: 2
            title: {en: "Two", cn: "二", ar: " "}
            source: "test"

        """
        guard case .failure(let error) = try load(adding: text) else {
            Issue.record("the file loaded")
            return
        }
        #expect(error.problems.map(\.file) == ["data/frameworks/test.yaml", "data/frameworks/test.yaml", "data/frameworks/test.yaml"])
        #expect(error.problems.map(\.message) == [
            "the title has no English text (en); English is required",
            "'cn' is not one of the languages en, fr, es, zh, ar, ru",
            "the ar title is empty; give the text or leave the language out",
        ])
        #expect(error.problems.map(\.line) == [8, 12, 12])
    }
}
