import Foundation
import SynergiaGeoBindings

/// The land-cover transition matrix: rows = initial class, columns = final
/// class, cells -1 degraded / 0 stable / +1 improved (docs/methods/land-degradation-sdg-15-3-1.md
/// §Land cover sub-indicator). A custom matrix must define every one of the 49 cells.
public struct LandTransitionMatrix: Codable, Sendable, Equatable {
    /// 7 rows of 7 values.
    public let rows: [[Int8]]

    /// The method's default matrix (docs/methods/land-degradation-sdg-15-3-1.md §Land cover sub-indicator).
    public static let unccdDefault = try! LandTransitionMatrix(rows: [
        [0, -1, -1, -1, -1, -1, 0],   // Tree
        [1, 0, 1, -1, -1, -1, 0],     // Grassland
        [1, -1, 0, -1, -1, -1, 0],    // Cropland
        [-1, -1, -1, 0, -1, -1, 0],   // Wetland
        [1, 1, 1, 1, 0, 1, 0],        // Artificial
        [1, 1, 1, 1, -1, 0, 0],       // Other land
        [0, 0, 0, 0, 0, 0, 0],        // Water
    ])

    public init(rows: [[Int8]]) throws {
        guard rows.count == 7 else { throw GeoError.invalidMatrix("expected 7 rows, got \(rows.count)") }
        for (i, r) in rows.enumerated() {
            guard r.count == 7 else { throw GeoError.invalidMatrix("row \(i + 1) has \(r.count) cells, expected 7") }
            if let bad = r.first(where: { !(-1...1).contains($0) }) {
                throw GeoError.invalidMatrix("row \(i + 1) has value \(bad); cells must be -1, 0 or +1")
            }
        }
        self.rows = rows
    }

    /// Builds a matrix from cells keyed by transition code (initial*10 + final);
    /// every one of the 49 cells must be present.
    public init(cells: [Int: Int8]) throws {
        var missing: [Int] = []
        var rows = [[Int8]](repeating: [Int8](repeating: 0, count: 7), count: 7)
        for i in 1...7 { for j in 1...7 {
            if let v = cells[i * 10 + j] { rows[i - 1][j - 1] = v } else { missing.append(i * 10 + j) }
        } }
        let unknown = cells.keys.filter { !(1...7).contains($0 / 10) || !(1...7).contains($0 % 10) }
        if !unknown.isEmpty { throw GeoError.invalidMatrix("unknown transition codes \(unknown.sorted())") }
        if !missing.isEmpty {
            let text = missing.map { "\(LandCoverClass(rawValue: $0 / 10)!.name) -> \(LandCoverClass(rawValue: $0 % 10)!.name) (\($0))" }
            throw GeoError.invalidMatrix("\(missing.count) cells missing: " + text.joined(separator: ", "))
        }
        try self.init(rows: rows)
    }

    /// Parses CSV lines `initial,final,value`; a first line that is not three numbers is
    /// taken as the header. `file` names the table in messages (base name only).
    public init(csv: String, file: String = "matrix CSV") throws {
        let name = LandCSVTable.baseName(file)
        let records = try LandCSVTable.records(csv, file: file, fieldCounts: 3...3, layout: "initial,final,value",
                                               error: GeoError.invalidMatrix)
        var cells: [Int: Int8] = [:]
        for (position, record) in records.enumerated() {
            let f = record.fields
            guard let a = Int(f[0]), let b = Int(f[1]), let v = Int8(f[2]) else {
                if position == 0 { continue }  // header
                throw GeoError.invalidMatrix("\(name) line \(record.line): expected initial,final,value as whole numbers")
            }
            // Checked here because a*10+b of an out-of-range pair can equal a real cell's code.
            guard (1...7).contains(a), (1...7).contains(b) else {
                throw GeoError.invalidMatrix("\(name) line \(record.line): classes must be 1..7, found \(a),\(b)")
            }
            if cells[a * 10 + b] != nil {
                throw GeoError.invalidMatrix("\(name) line \(record.line): the cell \(a),\(b) appears twice; keep one line per cell")
            }
            cells[a * 10 + b] = v
        }
        try self.init(cells: cells)
    }

    /// The sub-indicator value of a transition between two classes 1..7.
    public func value(from initial: Int, to final: Int) -> Int8 { rows[initial - 1][final - 1] }
}
