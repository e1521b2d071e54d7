import Foundation
import Testing
import SynergiaCore
@testable import SynergiaStore
import SynergiaTestSupport

/// RFC 4180 without guesses: a broken quote refuses the file at its line.
@Suite struct StrictCSVTests {
    private let header = "indicator,year,value,unit,source\n"

    private func refusal(_ text: String) -> ObservationCSV.Problem? {
        #expect(throws: ObservationCSV.Problem.self) { try ObservationCSV.parse(Data(text.utf8), fileName: "series.csv") }
    }

    @Test func aRowEndingInAnOpenQuoteIsRefusedAndSwallowsNothing() {
        let problem = refusal(header + "GBF-3.1,2018,11.5,percent,\"open\nGBF-3.1,2019,12,percent,next\n")
        #expect(problem?.lines.count == 1)
        #expect(problem?.lines.first?.line == 2)
        #expect(problem?.description == """
            series.csv: nothing was imported; fix these rows and import the file again:
              line 2: a quote opened here is never closed, so this row would run into the rows after it; close the quote (or remove it) and import again
            """)
    }

    @Test(arguments: [("GBF-3.1,2018,11.5,percent,say \"hi\"\n", 2), ("GBF-3.1,2018,11.5,percent,ok\nGBF-3.1,2019,\"12\"5,percent,x\n", 3)])
    func strayQuotesAreRefusedAtTheirLine(_ rows: String, _ line: Int) {
        let problem = refusal(header + rows)
        #expect(problem?.lines.map(\.line) == [line])
        #expect(problem?.lines.first?.message.hasSuffix("double the quote inside it (\"like \"\"this\"\"\")") == true
            || problem?.lines.first?.message.hasPrefix("text follows the closing quote of a field") == true)
    }

    @Test func quotedFieldsMayHoldCommasQuotesAndLineBreaksAndLinesStayCounted() throws {
        let text = header + "GBF-3.1,2018,11.5,percent,\"Survey, \"\"2018\"\"\r\nannex\"\r\nGBF-3.1,2019, 12 ,percent, \"second\" \r\nGBF-3.1,twenty,1,percent,x\n"
        let problem = refusal(text)
        // A source is one line: the quoted line break is read, then refused by the text rules.
        #expect(problem?.lines.map(\.line) == [2, 5])
        #expect(problem?.lines.first?.message.hasPrefix("the source contains a line break or tab (U+000D) at character 15") == true)
        let valid = try ObservationCSV.parse(Data(text.replacingOccurrences(of: "GBF-3.1,twenty,1,percent,x\n", with: "")
            .replacingOccurrences(of: "\r\nannex", with: " annex").utf8), fileName: "s.csv")
        #expect(valid.map(\.observation.source) == ["Survey, \"2018\" annex", "second"])
        #expect(valid.map(\.observation.value) == [11.5, 12])
        #expect(valid.map { input -> Int in
            guard case .imported(_, let row) = input.observation.provenance else { return 0 }
            return row
        } == [2, 3])
    }

    @Test func raggedRowsAreRefusedNamingTheRow() {
        let problem = refusal(header + "GBF-3.1,2018,11.5,percent,ok\nGBF-3.1,2019,12,percent,ok,extra\n")
        #expect(problem?.lines.map(\.line) == [3])
        #expect(problem?.lines.first?.message == "expected 5 fields, found 6; give one value per header column (look for a missing or extra comma)")
    }

    @Test func limitsOnFieldsAndFiles() throws {
        let reader = StrictCSVReader(limits: .init(maxFieldCharacters: 10, maxRecords: 3))
        #expect(try reader.records("a,0123456789\nb,c\n").map(\.fields) == [["a", "0123456789"], ["b", "c"]])
        #expect(throws: StrictCSVReader.Failure(line: 2, message: "field 2 is longer than 10 characters; shorten it (a quote left open also causes this)")) {
            try reader.records("a,b\nc,01234567890\n")
        }
        #expect(throws: StrictCSVReader.Failure(line: 4, message: "the file has more than 3 rows; split it into smaller files")) {
            try reader.records("a\nb\nc\nd\n")
        }
        let big = Data(count: ObservationCSV.maxFileBytes + 1)
        let problem = #expect(throws: ObservationCSV.Problem.self) { try ObservationCSV.parse(big, fileName: "big.csv") }
        #expect(problem?.lines.first?.message == "the file has \(ObservationCSV.maxFileBytes + 1) bytes, more than the \(ObservationCSV.maxFileBytes) allowed; split it into smaller files")
    }

    @Test func controlCharactersAndOverlongLabelsInRowsAreRefused() {
        let problem = refusal("indicator,year,value,unit,source,disaggregation\n"
            + "GBF-3.1,2018,11.5,percent,evil\u{202E}txt.exe,\n"
            + "GBF-3.1,2019,12,percent,ok,\(String(repeating: "x", count: 5_000))\n")
        #expect(problem?.lines.map(\.line) == [2, 3])
        #expect(problem?.lines[0].message == "the source contains the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5; delete it (retyping the text or pasting it as plain text removes it)")
        #expect(problem?.lines[1].message == "the disaggregation has 5000 characters, more than the 200 allowed; shorten it")
    }

    @Test(arguments: TestDatabase.kinds)
    func theStoreRefusesTheSameTextsWhateverTheirWay(kind: DatabaseKind) async throws {
        try await TestDatabase.withStore(kind) { store in
            let kenya = try await Fixtures.seeded(store)
            _ = try await store.record([Fixtures.observation(2020, 12.5)], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            var input = Fixtures.observation(2021, 13)
            input.disaggregation = "realm=\u{202E}eniram"
            let refused = await #expect(throws: DomainError.self) {
                try await store.record([Fixtures.observation(2022, 14), input], workspaceID: kenya.id, replace: false, context: ChangeContext(userID: nil, channel: .cli))
            }
            #expect(refused?.kind == .invalid)
            #expect(refused?.message == "GBF-3.1 2021: the disaggregation contains the invisible direction-changing character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 7; delete it (retyping the text or pasting it as plain text removes it)")
            #expect(try await store.series(workspaceID: kenya.id).flatMap(\.observations).map(\.year) == [2020])
        }
    }
}
