import Foundation
import Testing
import SynergiaReference
import SynergiaTestSupport

/// A broken data file fails the whole load with the file, the line and what is wrong.
@Suite struct MalformedDataTests {
    /// A copy of data/ in a temporary folder, with `files` overwritten.
    func load(with files: [String: String]) throws -> DataFileError? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synergia-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestDatabase.dataDirectory, to: folder)
        for (path, text) in files {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        do {
            _ = try ReferenceLoader.load(dataDirectory: folder)
            return nil
        } catch let error as DataFileError {
            return error
        }
    }

    let header = """
    framework:
      code: TEST
      name: Test framework
      source: "test"
    targets:

    """

    @Test func yamlSyntaxErrorNamesItsLine() throws {
        let error = try #require(try load(with: ["frameworks/test.yaml": header + "  - code: TEST-1\n    title: [unclosed\n"]))
        #expect(error.problems.count == 1)
        #expect(error.problems[0].file == "data/frameworks/test.yaml")
        #expect(error.problems[0].line == 8)
        #expect(error.problems[0].message.hasPrefix("YAML syntax"))
    }

    @Test func missingFieldNamesTheEntry() throws {
        let error = try #require(try load(with: ["frameworks/test.yaml": header + "  - code: TEST-1\n    number: 1\n    source: s\n"]))
        #expect(error.problems.map(\.description) == ["data/frameworks/test.yaml:6: missing 'title' in targets[0]"])
    }

    @Test func duplicateCodeNamesBothPlaces() throws {
        let body = header + "  - {code: TEST-1, number: 1, title: a, source: s}\n  - {code: TEST-1, number: 2, title: b, source: s}\n"
        let error = try #require(try load(with: ["frameworks/test.yaml": body]))
        #expect(error.problems.map(\.description) == ["data/frameworks/test.yaml:7: code TEST-1 is already used at data/frameworks/test.yaml:6"])
    }

    @Test func wrongPrefixUnknownKindAndUnknownTargetAreAllReported() throws {
        let body = header + """
          - {code: OTHER-1, number: 1, title: a, source: s}
        indicators:
          - {code: TEST-1.1, kind: headlines, title: t, unit: percent, targets: [TEST-9], source: s}
          - {code: TEST-1.2, kind: headline, title: t, unit: percent, targets: [TEST-9], source: s}

        """
        let error = try #require(try load(with: ["frameworks/test.yaml": body]))
        let messages = error.problems.map(\.description)
        #expect(messages.count == 4)
        #expect(messages[0] == "data/frameworks/test.yaml:6: code 'OTHER-1' must start with 'TEST-' and hold only letters, digits, '-', '.', '_'")
        #expect(messages[1].hasPrefix("data/frameworks/test.yaml:8: kind 'headlines' is not one of headline"))
        #expect(messages[2] == "data/frameworks/test.yaml:8: indicator TEST-1.1 measures 'TEST-9', which is no goal or target of any framework")
        #expect(messages[3] == "data/frameworks/test.yaml:9: indicator TEST-1.2 measures 'TEST-9', which is no goal or target of any framework")
    }

    @Test func crosswalkToAnUnknownTargetIsNamed() throws {
        let body = """
        crosswalk:
          name: test
          source: test
        links:
          - from: GBF-3
            to: AICHI-21
            relation: equivalent
          - from: GBF-3
            to: AICHI-11
            relation: same
        """
        let error = try #require(try load(with: ["crosswalks/test.yaml": body]))
        #expect(error.problems.map(\.description) == [
            "data/crosswalks/test.yaml:10: relation 'same' is not one of equivalent, contributes_to, partial",
            "data/crosswalks/test.yaml:6: 'AICHI-21' is no goal or target of any framework",
        ])
    }

    @Test func unknownConventionOfAFramework() throws {
        let body = "framework:\n  code: TEST\n  name: t\n  convention: NOPE\n  source: s\ntargets: []\n"
        let error = try #require(try load(with: ["frameworks/test.yaml": body]))
        #expect(error.problems.map(\.description) == ["data/frameworks/test.yaml:4: convention 'NOPE' is not in conventions.yaml"])
    }
}
