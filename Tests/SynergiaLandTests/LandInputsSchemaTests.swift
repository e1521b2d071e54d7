import Foundation
import SynergiaTestSupport
import Testing
@testable import SynergiaDemoData
@testable import SynergiaGeoBindings
@testable import SynergiaLand

/// docs/land-inputs.schema.json describes the inputs.json Synergia reads: the demo's and the
/// hand-written examples pass it, and what it refuses Synergia refuses too.
@Suite struct LandInputsSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The schema's verdict on each file: "valid" or the first error's message.
    static func validate(_ files: [URL]) throws -> [String] {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
            print("valid" if not errors else "invalid: " + errors[0].message)
        """
        let (status, text) = try Python.run(["-c", script, repository.appendingPathComponent("docs/land-inputs.schema.json").path] + files.map(\.path))
        #expect(status == 0, "\(text)")
        return text.split(separator: "\n").map(String.init)
    }

    static let refused = [
        #"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "soc_stock": {"2000": "s0.tif"}}"#,
        #"{"land_cover": {"2000": "a.tif"}, "productivity": {"ndvi": {"file": "n.tif"}}, "soc": "s.tif"}"#,
        #"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "options": {"climate_zone": "temperate_moist"}}"#,
        #"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "periods": [{"name": "baseline", "land_cover": [2000, 15]}]}"#,
        #"{"landCover": {"2000": "a.tif"}, "productivity": {"ndvi": {"_0": {"multiband": {"path": "n.tif", "firstYear": 2001}}}}, "soc": "s.tif"}"#,
        #"{"land_cover": {"2000": "a.tif"}, "productivity": {"lpd": {"baseline": "l.tif"}}, "soc": "s.tif", "options": {"climate_codes": "ipcc12", "climate_table": "t.csv"}}"#,
    ]

    @Test func demoAndHandWrittenFilesPassAndWhatTheSchemaRefusesSynergiaRefuses() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        try LandDataGenerator(seed: 1, size: 16).write(to: folder.appendingPathComponent("demo"))
        var files = [folder.appendingPathComponent("demo/inputs.json")]
        for (k, text) in [LandInputsFileTests.handWrittenLPD, LandInputsFileTests.handWrittenNDVI].enumerated() + Self.refused.enumerated().map({ ($0 + 2, $1) }) {
            let url = folder.appendingPathComponent("example\(k).json")
            try Data(text.utf8).write(to: url)
            files.append(url)
        }
        let verdicts = try Self.validate(files)
        #expect(verdicts.count == files.count)
        #expect(Array(verdicts.prefix(3)) == ["valid", "valid", "valid"], "\(verdicts)")
        for (k, verdict) in verdicts.enumerated().dropFirst(3) {
            #expect(verdict.hasPrefix("invalid"), "\(Self.refused[k - 3])")
        }
        // Synergia reads what the schema accepts and refuses what it refuses.
        for file in files.prefix(3) { _ = try LandInputsFile.read(try Data(contentsOf: file), file: "inputs.json") }
        for text in Self.refused {
            #expect(throws: GeoError.self, "\(text)") { try LandInputsFile.read(Data(text.utf8), file: "inputs.json") }
        }
        let demo = try LandInputsFile.read(try Data(contentsOf: files[0]), file: "inputs.json")
        #expect(demo == LandDataGenerator(seed: 1, size: 16).inputsFile)
        #expect(demo.periods == LandPeriod.unccd2026 && demo.inputs.soc == "soc_2000.tif")
    }
}
