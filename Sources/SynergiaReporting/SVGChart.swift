import Foundation

/// A small line chart as inline SVG: values over years, with optional
/// baseline and target marks. Used in printable reports and web pages.
public enum SVGChart {
    public struct Point: Sendable, Equatable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// Without a wording, the marks' tooltips and numbers are in English; an export passes its own.
    public static func line(_ points: [Point], baseline: Point? = nil, target: Point? = nil, unit: String = "",
                            width: Int = 420, height: Int = 160, title: String, wording: ExportWording? = nil) -> String {
        let all = points + [baseline, target].compactMap { $0 }
        guard let minYear = all.map(\.year).min(), let maxYear = all.map(\.year).max(),
              var low = all.map(\.value).min(), var high = all.map(\.value).max() else { return "" }
        if low == high { low -= 1; high += 1 }
        let padding = (high - low) * 0.1
        low -= padding
        high += padding
        let left = 48.0, right = Double(width) - 12, top = 12.0, bottom = Double(height) - 28
        func x(_ year: Int) -> Double { maxYear == minYear ? (left + right) / 2 : left + (right - left) * Double(year - minYear) / Double(maxYear - minYear) }
        func y(_ value: Double) -> Double { bottom - (bottom - top) * (value - low) / (high - low) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func label(_ value: Double) -> String {
            let plain = value == value.rounded() && abs(value) < 1e9 ? String(Int64(value)) : String(format: "%.3g", value)
            return wording.map { $0.format.number(Double(plain) ?? value) } ?? plain
        }
        func mark(_ key: String, _ english: String, _ point: Point) -> String {
            wording?.text(key, ["value": label(point.value), "unit": unit, "year": String(point.year)]) ?? english
        }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(bottom))\" x2=\"\(number(right))\" y2=\"\(number(bottom))\" stroke=\"#555\"/>"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(bottom))\" stroke=\"#555\"/>"
        for value in [low + padding, high - padding] {
            svg += "<text x=\"\(number(left - 4))\" y=\"\(number(y(value) + 4))\" font-size=\"10\" text-anchor=\"end\">\(HTML.escape(label(value)))</text>"
        }
        for year in Set([minYear, maxYear]).sorted() {
            svg += "<text x=\"\(number(x(year)))\" y=\"\(number(bottom + 14))\" font-size=\"10\" text-anchor=\"middle\">\(year)</text>"
        }
        if let target {
            svg += "<line x1=\"\(number(left))\" y1=\"\(number(y(target.value)))\" x2=\"\(number(right))\" y2=\"\(number(y(target.value)))\" stroke=\"#2a7\" stroke-dasharray=\"4 3\"/>"
            svg += "<circle cx=\"\(number(x(target.year)))\" cy=\"\(number(y(target.value)))\" r=\"4\" fill=\"#2a7\"><title>\(HTML.escape(mark("export.chart_target", "target \(label(target.value)) \(unit) by \(target.year)", target)))</title></circle>"
        }
        if let baseline {
            svg += "<circle cx=\"\(number(x(baseline.year)))\" cy=\"\(number(y(baseline.value)))\" r=\"4\" fill=\"#888\"><title>\(HTML.escape(mark("export.chart_baseline", "baseline \(label(baseline.value)) \(unit) in \(baseline.year)", baseline)))</title></circle>"
        }
        let sorted = points.sorted { $0.year < $1.year }
        if !sorted.isEmpty {
            let path = sorted.map { "\(number(x($0.year))),\(number(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"\(path)\"/>"
            for point in sorted {
                svg += "<circle cx=\"\(number(x(point.year)))\" cy=\"\(number(y(point.value)))\" r=\"3\" fill=\"#1f5fa8\"><title>\(point.year): \(HTML.escape(label(point.value))) \(HTML.escape(unit))</title></circle>"
            }
        }
        return svg + "</svg>"
    }
}

/// Escaping for text and attribute values in generated HTML and SVG: the five
/// characters that could end an element or an attribute become entities.
public enum HTML {
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                                     || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
