import Foundation

/// A small inline SVG line of a series (no script, no inline style: CSP-safe).
enum Sparkline {
    static func svg(_ points: [(year: Int, value: Double)], target: Double? = nil, width: Double = 120, height: Double = 28) -> String {
        guard points.count >= 2 else { return "" }
        let years = points.map { Double($0.year) }, values = points.map(\.value) + (target.map { [$0] } ?? [])
        let (x0, x1) = (years.min()!, years.max()!), (y0, y1) = (values.min()!, values.max()!)
        func x(_ v: Double) -> Double { x1 > x0 ? 2 + (v - x0) / (x1 - x0) * (width - 4) : width / 2 }
        func y(_ v: Double) -> Double { y1 > y0 ? height - 2 - (v - y0) / (y1 - y0) * (height - 4) : height / 2 }
        let line = points.map { String(format: "%.1f,%.1f", x(Double($0.year)), y($0.value)) }.joined(separator: " ")
        var svg = "<svg class=\"sparkline\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-hidden=\"true\">"
        if let target { svg += String(format: "<line x1=\"0\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#8a8a8a\" stroke-dasharray=\"3 2\"/>", width, y(target), y(target)) }
        svg += "<polyline fill=\"none\" stroke=\"#1f6f8b\" stroke-width=\"1.5\" points=\"\(line)\"/></svg>"
        return svg
    }
}
