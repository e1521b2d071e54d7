import Foundation
import SynergiaLand

/// Everything a land-degradation run is asked to do besides its rasters: the
/// method's options, with a national legend or transition matrix when given.
/// The one place the options of the CLI and of the web form are read.
public struct LandRunOptions: Sendable {
    /// A CSV table as given: the file's name (for messages) and its text.
    public struct Table: Sendable {
        public var fileName: String
        public var text: String

        public init(fileName: String, text: String) {
            self.fileName = fileName
            self.text = text
        }
    }

    public var engine: LandOptions

    public init(engine: LandOptions = LandOptions()) {
        self.engine = engine
    }

    /// - Parameters:
    ///   - align: warp inputs on another grid to the land-cover grid instead of refusing them.
    ///   - overwrite: replace an existing output folder.
    ///   - legend: a national legend nesting table; refused naming the file and line.
    ///   - matrix: a custom 7×7 transition matrix; refused naming the file and line.
    public init(align: Bool, overwrite: Bool = false, legend: Table? = nil, matrix: Table? = nil) throws {
        var engine = LandOptions()
        engine.align = align
        engine.overwrite = overwrite
        if let legend { engine.legend = try LandLegend(csv: legend.text, file: legend.fileName) }
        if let matrix { engine.transitionMatrix = try LandTransitionMatrix(csv: matrix.text, file: matrix.fileName) }
        self.init(engine: engine)
    }
}
