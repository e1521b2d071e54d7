import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// CSV written by a land run keeps user text from running as a spreadsheet formula and
/// quotes it per RFC 4180; the legend and matrix tables refuse what they cannot read.
@Suite struct LandTableCSVTests {
    static let formula = "=HYPERLINK(\"x\")"
    static let guardedAndQuoted = "\"'=HYPERLINK(\"\"x\"\")\""

    @Test func userTextIsGuardedAndQuotedAndNumbersStayNumbers() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = try TinyStack(folder: folder)
        var result = try LandDegradationEngine(options: TinyStack.options)
            .run(inputs: stack.inputs, aoi: nil, output: folder.appendingPathComponent("out"))
        result.periods[0].period.name = Self.formula
        result.periods[0].landCover.name = "land cover"
        result.periods[0].landCover.rows[0] = LandAreaRow(code: -1, label: Self.formula, km2: -1.5, percent: -2e-7)
        result.periods[0].landCover.rows[1] = LandAreaRow(code: 0, label: "Forest, dense\nold", km2: 0, percent: 0)
        result.periods[0].landCover.rows[2] = LandAreaRow(code: 1, label: "-12.5", km2: 0, percent: 0)
        let tables = folder.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try LandTableWriter.write(result, to: tables)

        let areas = try String(contentsOf: tables.appendingPathComponent("area_by_class.csv"), encoding: .utf8)
        let lines = areas.components(separatedBy: "\n")
        #expect(lines[0] == "period,table,code,class,km2,percent")
        #expect(lines[1] == "\(Self.guardedAndQuoted),land cover,-1,\(Self.guardedAndQuoted),-1.500000,-0.000000")
        #expect(lines[2] == "\(Self.guardedAndQuoted),land cover,0,\"Forest, dense")
        #expect(lines[3] == "old\",0.000000,0.000000")
        #expect(lines[4] == "\(Self.guardedAndQuoted),land cover,1,-12.5,0.000000,0.000000")

        let summary = try String(contentsOf: tables.appendingPathComponent("sdg_15_3_1_summary.csv"), encoding: .utf8)
        let row = summary.components(separatedBy: "\n")[1]
        #expect(row.hasPrefix(Self.guardedAndQuoted + ",0.030000,0.050000,0.020000,0.020000,0.010000,0.100000,30.000000"))
    }

    @Test func quotingAndGuardOfSingleCells() {
        #expect(LandTableWriter.line([Self.formula, "-3.5", "+2e-4", "@SUM(A1)", "a\"b", "plain"])
            == "\(Self.guardedAndQuoted),-3.5,+2e-4,'@SUM(A1),\"a\"\"b\",plain\n")
        #expect(LandTableWriter.line(["cr\rhere"]) == "\"cr\rhere\"\n")
    }

    // MARK: legend

    @Test func legendRefusesAQuotedNameWithAComma() {
        let csv = "code,class,name\n10,1,\"Forest, dense\"\n20,2,Grass\n"
        #expect(throws: GeoError.invalidLegend(
            "legend.csv line 2 has a double quote that this table cannot read (a quoted cell holding a comma or a quote, "
                + "or a stray quote); save the file as plain comma-separated values, with no comma or double quote inside a cell")) {
            try LandLegend(csv: csv, file: "/srv/uploads/country/legend.csv")
        }
    }

    @Test func legendRefusesARowWithTooManyFieldsCountingBlankLines() {
        let csv = "code,class,name\n\n10,1,Forest\n11,1,Forest, dense\n"
        let expected = GeoError.invalidLegend(
            "legend.csv line 4 has 4 fields; write each line as national_code,unccd_class or national_code,unccd_class,name, "
                + "with no comma inside a name")
        #expect(throws: expected) { try LandLegend(csv: csv, file: "/srv/uploads/country/legend.csv") }
        #expect(!expected.description.contains("/srv"))
        #expect(expected.description.hasPrefix("invalid legend/nesting table: legend.csv line 4 has 4 fields"))
    }

    @Test func legendRefusesARowWithOneField() {
        #expect(throws: GeoError.invalidLegend(
            "legend CSV line 2 has 1 fields; write each line as national_code,unccd_class or national_code,unccd_class,name, "
                + "with no comma inside a name")) {
            try LandLegend(csv: "10,1\n20\n")
        }
    }

    @Test func legendReadsCellsThatAreWhollyQuoted() throws {
        let legend = try LandLegend(csv: "\u{FEFF}\"code\",\"class\",\"name\"\r\n\"10\",\"1\",\"Forest\"\r\n20,2,\r\n,,\r\n")
        #expect(legend.nesting == [10: 1, 20: 2])
        #expect(legend.names == [10: "Forest"])
    }

    // MARK: transition matrix

    static func matrixLines(_ extra: String) -> String {
        "initial,final,value\n" + (1...7).flatMap { i in (1...7).map { j in "\(i),\(j),\(LandTransitionMatrix.unccdDefault.value(from: i, to: j))" } }
            .joined(separator: "\n") + "\n" + extra
    }

    @Test func matrixOfAll49CellsIsRead() throws {
        #expect(try LandTransitionMatrix(csv: Self.matrixLines("")) == .unccdDefault)
    }

    @Test func matrixRefusesADoubleQuote() {
        let csv = "initial,final,value\n1,2,\"-1\n"
        #expect(throws: GeoError.invalidMatrix(
            "matrix.csv line 2 has a double quote that this table cannot read (a quoted cell holding a comma or a quote, "
                + "or a stray quote); save the file as plain comma-separated values, with no comma or double quote inside a cell")) {
            try LandTransitionMatrix(csv: csv, file: "C:\\Users\\x/matrix.csv")
        }
    }

    @Test func matrixRefusesARowWithFourFields() {
        #expect(throws: GeoError.invalidMatrix("matrix.csv line 51 has 4 fields; write each line as initial,final,value")) {
            try LandTransitionMatrix(csv: Self.matrixLines("1,2,-1,0\n"), file: "/data/matrix.csv")
        }
    }

    @Test func matrixRefusesARepeatedCellAndAClassOutOfRange() {
        #expect(throws: GeoError.invalidMatrix("matrix CSV line 51: the cell 1,2 appears twice; keep one line per cell")) {
            try LandTransitionMatrix(csv: Self.matrixLines("1,2,1\n"))
        }
        #expect(throws: GeoError.invalidMatrix("matrix CSV line 51: classes must be 1..7, found 1,11")) {
            try LandTransitionMatrix(csv: Self.matrixLines("1,11,1\n"))
        }
    }
}
