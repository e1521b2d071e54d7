import Foundation
import Testing

/// WCAG 2.1 AA contrast of the stylesheet's text colours (1.4.3: 4.5:1 for body
/// text) against the two page backgrounds, read from the served stylesheet.
@Suite struct ContrastTests {
    static let stylesheet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/SynergiaServer/Assets/synergia.css")

    static func variables() throws -> [String: String] {
        let css = try String(contentsOf: stylesheet, encoding: .utf8)
        var result: [String: String] = [:]
        for match in css.matches(of: /--([a-z]+):\s*(#[0-9a-fA-F]{6})/) { result[String(match.1)] = String(match.2) }
        return result
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        func linear(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let red: Double = linear(16), green: Double = linear(8), blue: Double = linear(0)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func theRatioIsComputedAsWCAGDefinesIt() {
        #expect(abs(Self.ratio("#000000", "#ffffff") - 21) < 1e-9)
        #expect(abs(Self.ratio("#777777", "#ffffff") - 4.478) < 0.001)   // the classic just-failing grey
    }

    @Test func everyTextColourReachesAAOnBothBackgrounds() throws {
        let colours = try Self.variables()
        let backgrounds = ["#ffffff", try #require(colours["bg"])]
        for name in ["ink", "muted", "accent", "bad", "good", "warn"] {
            let colour = try #require(colours[name], "--\(name) is defined")
            for background in backgrounds {
                #expect(Self.ratio(colour, background) >= 4.5, "--\(name) \(colour) on \(background): \(Self.ratio(colour, background))")
            }
        }
        // White text on accent-coloured buttons.
        #expect(Self.ratio("#ffffff", try #require(colours["accent"])) >= 4.5)
    }
}
