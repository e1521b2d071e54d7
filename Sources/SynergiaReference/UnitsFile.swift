import Foundation
import SynergiaCore

/// `data/units.yaml`: the units series and targets are stated in, and their
/// conversion factors (docs/progress-assessment.md, "Units").
public enum UnitsFile {
    struct Entry: Decodable {
        var code: String
        var dimension: String
        var factor: Double?
        var label: String
    }

    struct File: Decodable { var units: [Entry] }

    public static let displayName = "data/units.yaml"

    public static func load(dataDirectory: URL) throws -> UnitTable {
        let document = try YAMLDocument.load(dataDirectory.appendingPathComponent("units.yaml"), displayName: displayName)
        let file = try document.decode(File.self)
        do {
            return try UnitTable(units: file.units.map {
                MeasurementUnit(code: $0.code, dimension: $0.dimension, factor: $0.factor, label: $0.label)
            })
        } catch {
            // The later of two definitions is the one to remove.
            let index = file.units.lastIndex { error.message.contains("'\($0.code)'") } ?? 0
            throw DataFileError([document.problem(at: ["units", .index(index)], error.message)])
        }
    }
}
