import Foundation
import SynergiaCoverage

/// The files of a coverage run and the layers to read in them. A layer left
/// nil is the file's only layer, or the conventional one ("land", "eez";
/// for the WDPA, every layer with a WDPA schema). Without an EEZ file the run
/// is land-only, without a land file marine-only; one of the two is needed.
public struct CoverageFiles: Sendable {
    /// Where the Key Biodiversity Areas are; nil layer and fields are detected (`KBAReader`).
    public struct KBA: Sendable {
        public var path: String
        public var layer: String?
        /// A field of the layer, or "fid" for the feature id.
        public var idField: String?
        public var nameField: String?

        public init(path: String, layer: String? = nil, idField: String? = nil, nameField: String? = nil) {
            self.path = path; self.layer = layer; self.idField = idField; self.nameField = nameField
        }

        func read() throws -> KBAImport { try KBAReader.read(path: path, layer: layer, idField: idField, nameField: nameField) }
    }

    public var wdpa: String
    public var wdpaLayer: String?
    public var land: String?
    public var landLayer: String?
    public var eez: String?
    public var eezLayer: String?
    public var kba: KBA?

    public init(wdpa: String, wdpaLayer: String? = nil, land: String?, landLayer: String? = nil, eez: String?, eezLayer: String? = nil, kba: KBA? = nil) {
        self.wdpa = wdpa; self.wdpaLayer = wdpaLayer; self.land = land; self.landLayer = landLayer
        self.eez = eez; self.eezLayer = eezLayer; self.kba = kba
    }

    /// The files with the layer names as typed (empty means not named); a name that cannot be one,
    /// a layer named without its file, or neither boundary file is refused.
    public init(wdpa: String, wdpaLayer: String?, land: String?, landLayer: String?, eez: String?, eezLayer: String?,
                kbaPath: String?, kbaLayer: String?, kbaIDField: String?, kbaNameField: String?) throws {
        let land = CoverageRunOptions.given(land), eez = CoverageRunOptions.given(eez)
        self.init(wdpa: wdpa, wdpaLayer: try CoverageRunOptions.name(wdpaLayer, .wdpaLayer),
                  land: land, landLayer: try CoverageRunOptions.name(landLayer, .landLayer),
                  eez: eez, eezLayer: try CoverageRunOptions.name(eezLayer, .eezLayer))
        if land == nil, self.landLayer != nil { throw PipelineOptionError.needsFile(option: .landLayer, file: .land) }
        if eez == nil, self.eezLayer != nil { throw PipelineOptionError.needsFile(option: .eezLayer, file: .eez) }
        let layer = try CoverageRunOptions.name(kbaLayer, .kbaLayer)
        let id = try CoverageRunOptions.name(kbaIDField, .kbaIDField)
        let name = try CoverageRunOptions.name(kbaNameField, .kbaNameField)
        try checkBoundaries()
        guard let kbaPath else {
            if layer != nil { throw PipelineOptionError.needsKBAFile(option: .kbaLayer) }
            if id != nil { throw PipelineOptionError.needsKBAFile(option: .kbaIDField) }
            if name != nil { throw PipelineOptionError.needsKBAFile(option: .kbaNameField) }
            return
        }
        kba = KBA(path: kbaPath, layer: layer, idField: id, nameField: name)
    }

    /// A run measures coverage of a land area, a marine area or both.
    func checkBoundaries() throws {
        if land == nil, eez == nil { throw PipelineOptionError.needsBoundary }
    }

    /// Every file with the role it is recorded under.
    var roles: [(role: String, path: String)] {
        [("wdpa", wdpa)] + (land.map { [("land", $0)] } ?? []) + (eez.map { [("eez", $0)] } ?? []) + (kba.map { [("kba", $0.path)] } ?? [])
    }
}
