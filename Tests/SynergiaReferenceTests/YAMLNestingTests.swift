import Foundation
import Testing
import SynergiaReference

/// Data files are the operator's, yet a damaged one must be refused, not crash the server.
@Suite struct YAMLNestingTests {
    @Test func fiftyThousandLevelsOfNestingAreRefusedWithTheLine() throws {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let error = #expect(throws: DataFileError.self) { try YAMLDocument.parse("values: " + deep, file: "deep.yaml") }
        #expect(error?.problems.first?.file == "deep.yaml")
        #expect(error?.problems.first?.line == 1)
        let shallow = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        _ = try YAMLDocument.parse("values: " + shallow, file: "shallow.yaml")
    }
}
