import Foundation
import Testing
@testable import SynergiaCoverage

/// The reader's fast paths must give what the plain Foundation calls give.
@Suite struct WDPAValueParsingTests {
    @Test(arguments: ["", " ", "II", "  Ia ", "\tDesignated\t", "Not Reported", "a\u{00A0}", "\u{3000}湿地", "é ", " é", "x\n", "\u{2003}V\u{2003}"])
    func trimmingAgreesWithFoundation(_ text: String) {
        #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func codedValuesAreReadWhateverTheirCaseAndSpaces() {
        #expect(WDPASchema.parseStatus(" designated ") == .designated)
        #expect(WDPASchema.parseStatus("NOT REPORTED") == .notReported)
        #expect(WDPASchema.parseStatus("Designated.") == nil)
        #expect(WDPASchema.parseIUCN("ia") == .ia)
        #expect(WDPASchema.parseIUCN("\u{00A0}Not Applicable") == .notApplicable)
        #expect(WDPASchema.parseIUCN("VII") == nil)
        #expect(WDPASchema.parseISO3List(" ken; tza ,,UGA") == ["KEN", "TZA", "UGA"])
    }

    /// Stored with each computation run and printed in its JSON: the same text every time.
    @Test func optionsAreWrittenInOneOrderAndReadBack() throws {
        var options = CoverageOptions()
        options.statuses = [.adopted, .designated, .proposed]
        options.snapGridMeters = 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(options), as: UTF8.self)
        #expect(text.contains(#""statuses":["Designated","Adopted","Proposed"]"#))
        #expect(text.contains(#""siteTypes":["PA","OECM"]"#))
        #expect(try JSONDecoder().decode(CoverageOptions.self, from: Data(text.utf8)) == options)
    }
}
