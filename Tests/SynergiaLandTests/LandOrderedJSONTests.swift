import Foundation
import Testing
@testable import SynergiaLand

/// The writer of the Trends.Earth files: keys in declaration order, data keys in the order
/// given, every scalar type, escapes, and null for an absent optional of the schema.
@Suite struct LandOrderedJSONTests {
    struct Inner: Encodable, Sendable { var zeta: Int8; var alpha: Float }
    struct Sample: Encodable, Sendable {
        var second: String
        var first: Double
        var whole: Double
        var small: UInt16
        var flag: Bool
        var missing: LandTrendsEarthSummary.OrNull<Inner>
        var inner: Inner
        var list: [Int]
        var empty: [String]
        var byYear: LandJSONObject<Double>
        var skipped: String? = nil
    }

    @Test func keysInDeclarationOrderAndExactText() throws {
        let sample = Sample(second: "a \"quoted\" \\ line\nnext\u{1}", first: 0.01, whole: 200, small: 7, flag: true, missing: .null,
                            inner: Inner(zeta: -3, alpha: 0.5), list: [1, 2], empty: [],
                            byYear: LandJSONObject([(key: "2015", value: 1e-5), (key: "2000", value: -0.0)]))
        let text = String(decoding: try LandOrderedJSON.data(sample), as: UTF8.self)
        #expect(text == """
        {
          "second": "a \\"quoted\\" \\\\ line\\nnext\\u0001",
          "first": 0.01,
          "whole": 200.0,
          "small": 7,
          "flag": true,
          "missing": null,
          "inner": {
            "zeta": -3,
            "alpha": 0.5
          },
          "list": [
            1,
            2
          ],
          "empty": [],
          "byYear": {
            "2015": 1e-05,
            "2000": -0.0
          }
        }

        """)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(back["second"] as? String == sample.second)
        #expect((back["byYear"] as! [String: Double])["2015"] == 1e-5)
    }

    @Test func aNumberThatIsNotFiniteIsRefused() {
        #expect(throws: EncodingError.self) { try LandOrderedJSON.data(["x": Double.nan]) }
    }
}
