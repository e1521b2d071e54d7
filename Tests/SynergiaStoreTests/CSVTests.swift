import Foundation
import Testing
import SynergiaStore

/// The CSV reader names every bad line and returns nothing when any is bad.
@Suite struct CSVTests {
    @Test func everyBadLineIsNamed() {
        let text = """
        indicator,year,value,unit,source
        GBF-3.1,2018,11.5,percent,ok
        GBF-3.1,twenty,11.5,percent,bad year
        GBF-3.1,2019,"12,5",percent,comma decimal
        ,2020,1,percent,no indicator
        GBF-3.1,2018,13,percent,duplicate year
        GBF-3.1,2021,13,percent
        """
        let problem = #expect(throws: ObservationCSV.Problem.self) { try ObservationCSV.parse(Data(text.utf8), fileName: "series.csv") }
        #expect(problem?.lines.map(\.line) == [3, 4, 5, 6, 7])
        #expect(problem?.description.hasPrefix("series.csv: nothing was imported") == true)
        #expect(problem?.description.contains("line 6: GBF-3.1 2018 already appears on line 2") == true)
        #expect(problem?.description.contains("line 7: expected 5 fields, found 4") == true)
    }

    @Test func missingColumnsAreNamed() {
        let problem = #expect(throws: ObservationCSV.Problem.self) {
            try ObservationCSV.parse(Data("indicator,year,value\nGBF-3.1,2018,1\n".utf8), fileName: "x.csv")
        }
        #expect(problem?.lines.first?.message.contains("unit, source") == true)
    }

    @Test func byteOrderMarkAndDisaggregationAreAccepted() throws {
        let text = "\u{FEFF}indicator,year,value,unit,source,disaggregation\nGBF-3.1,2018,1.5,percent,s,realm=marine\n"
        let inputs = try ObservationCSV.parse(Data(text.utf8), fileName: "x.csv")
        #expect(inputs.count == 1)
        #expect(inputs[0].disaggregation == "realm=marine")
        #expect(inputs[0].observation.value == 1.5)
    }

    @Test func nonUTF8IsRefused() {
        #expect(throws: ObservationCSV.Problem.self) { try ObservationCSV.parse(Data([0xFF, 0xFE, 0x00, 0xD8]), fileName: "x.csv") }
    }
}
