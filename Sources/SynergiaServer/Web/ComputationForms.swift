import Foundation
import SynergiaComputations
import SynergiaCore
import SynergiaGeoBindings
import SynergiaCoverage
import SynergiaLand

/// The computations forms read into the pipelines' files and options (the
/// pipelines validate them), and the pipelines' refusals phrased with the
/// form's own field names in the page's language.
enum ComputationForms {
    static let vector: Set<DataFileKind> = [.geopackage, .zip, .geojson]
    /// Legend and transition-matrix tables are a few hundred bytes; anything far larger is not one.
    static let maxTableBytes = 1_000_000

    /// The coverage form: files checked on receipt, so a bad upload is a 422 before any job starts.
    /// A boundary not uploaded is read from the file above it when that file has the layer
    /// (one GeoPackage with sites, land and EEZ); without an EEZ layer the run is land-only,
    /// without a land layer marine-only.
    static func coverage(_ upload: DataUpload, country: String, views: Views, language: String) throws -> (CoverageRunOptions, CoverageFiles) {
        let fields = upload.fields
        let options = try phrased(views, language) {
            try CoverageRunOptions(country: country, year: fields["year"] ?? "", areaMethod: fields["area_method"],
                                   snapGridMeters: fields["snap_grid"], badRecords: fields["bad_records"],
                                   keepMAB: fields["keep_mab"] == "on", landField: fields["land_field"], eezField: fields["eez_field"],
                                   territoryField: fields["territory_field"])
        }
        let wdpa = try ComputationPages.file(upload, "wdpa", kinds: vector, views: views, language: language)
        let landUpload = try ComputationPages.optionalFile(upload, "land", kinds: vector, views: views, language: language)
        let eezUpload = try ComputationPages.optionalFile(upload, "eez", kinds: vector, views: views, language: language)
        let kba = try ComputationPages.optionalFile(upload, "kba", kinds: vector, views: views, language: language)
        var checked = Set<URL>()
        for file in [wdpa, landUpload, eezUpload, kba].compactMap({ $0 }) where checked.insert(file.path).inserted {
            try ComputationPages.readable(file, kinds: vector, views: views, language: language) { try UserFileCheck.vector(file.path.path) }
        }
        /// The file above when it holds the layer (named in the form, or the conventional one).
        func holding(_ layer: String?, fallback: String, in file: DataUpload.File?) -> DataUpload.File? {
            guard let file, let names = try? VectorDataset(path: file.path.path).layerNames else { return nil }
            let wanted = CoverageRunOptions.given(layer) ?? fallback
            return names.contains(wanted) ? file : nil
        }
        let land = landUpload ?? holding(fields["land_layer"], fallback: "land", in: wdpa)
        let eez = eezUpload ?? holding(fields["eez_layer"], fallback: "eez", in: land ?? wdpa)
        let files = try phrased(views, language) {
            try CoverageFiles(wdpa: wdpa.path.path, wdpaLayer: fields["wdpa_layer"], land: land?.path.path, landLayer: fields["land_layer"],
                              eez: eez?.path.path, eezLayer: fields["eez_layer"], kbaPath: kba?.path.path, kbaLayer: fields["kba_layer"],
                              kbaIDField: fields["kba_id_field"], kbaNameField: fields["kba_name_field"])
        }
        if let land {
            try ComputationPages.readable(land, kinds: vector, views: views, language: language) {
                try VectorDataset.layerName(in: land.path.path, given: files.landLayer, fallback: "land")
            }
        }
        if let eez {
            try ComputationPages.readable(eez, kinds: vector, views: views, language: language) {
                try VectorDataset.layerName(in: eez.path.path, given: files.eezLayer, fallback: "eez")
            }
        }
        return (options, files)
    }

    /// The land form's options: the alignment choice and the national tables, read as the CLI reads them,
    /// over the options of the stack's inputs.json (its tables are read from `folder`, where the ZIP was unpacked).
    static func land(_ upload: DataUpload, file: LandInputsFile? = nil, folder: URL? = nil, views: Views, language: String) throws -> LandRunOptions {
        func table(_ field: String) throws -> LandRunOptions.Table? {
            guard let file = try ComputationPages.optionalFile(upload, field, kinds: [.csv], views: views, language: language) else { return nil }
            return try ComputationPages.readable(file, kinds: [.csv], views: views, language: language) {
                guard file.bytes <= maxTableBytes else { throw GeoError.invalidOption("\(file.fileName) is larger than 1 MB") }
                return LandRunOptions.Table(fileName: file.fileName, text: try String(contentsOf: file.path, encoding: .utf8))
            }
        }
        let legend = try table("legend"), matrix = try table("matrix")
        func chosen(_ field: String) -> String? {
            guard let value = upload.fields[field]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        // "baseline=2015:2019, report=2015:2022" — commas, spaces or lines between periods.
        let periods = (upload.fields["periods"] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        do {
            return try phrased(views, language) {
                try LandRunOptions(align: upload.fields["align"] == "on", legend: legend, matrix: matrix, periods: periods,
                                   climateZone: chosen("climate_zone"), climateCodes: chosen("climate_codes"), file: file, folder: folder)
            }
        } catch let error as GeoError {
            throw DomainError.invalid(PathScrubber.baseNamesOnly("\(error)"))
        }
    }

    /// Runs `body`; option and KBA refusals come out as 422s in the page's words.
    static func phrased<T>(_ views: Views, _ language: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PipelineOptionError {
            throw DomainError.invalid(message(error, views: views, language: language))
        } catch let error as KBAReadError {
            throw DomainError.invalid(message(error, views: views, language: language))
        } catch let error as TerritoryReadError {
            throw DomainError.invalid(message(error, views: views, language: language))
        }
    }

    /// `phrased` for a pipeline run in a job: its message is stored in the language of the person who started it.
    static func phrased<T>(_ views: Views, _ language: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as PipelineOptionError {
            throw DomainError.invalid(message(error, views: views, language: language))
        } catch let error as KBAReadError {
            throw DomainError.invalid(message(error, views: views, language: language))
        } catch let error as TerritoryReadError {
            throw DomainError.invalid(message(error, views: views, language: language))
        }
    }

    static func message(_ error: PipelineOptionError, views: Views, language: String) -> String {
        let field = views.text(formField(error.option), language)
        func fill(_ key: String, _ values: [String: String]) -> String {
            values.reduce(views.text(key, language).replacingOccurrences(of: "{field}", with: field)) {
                $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value)
            }
        }
        switch error {
        case let .notOneOf(_, given, allowed): return fill("option_not_one_of", ["value": given, "allowed": allowed.joined(separator: ", ")])
        case .invalidSnapGrid(let given): return fill("option_snap_grid", ["value": given])
        case let .yearOutOfRange(_, range): return fill("upload_bad_number", ["range": "\(range.lowerBound)–\(range.upperBound)"])
        case .needsKBAFile: return fill("option_needs_kba", ["kba": views.text("field_kba", language)])
        case let .invalidName(_, given): return fill("option_bad_name", ["value": String(given.prefix(80))])
        case let .needsFile(_, file): return fill("option_needs_file", ["file": views.text(formField(file), language)])
        case .needsBoundary: return fill("option_needs_boundary", ["land": views.text("field_land", language), "eez": views.text("field_eez", language)])
        }
    }

    static func message(_ error: KBAReadError, views: Views, language: String) -> String {
        let field: String = switch error.choice {
        case .layer: "field_kba_layer"
        case .idField: "field_kba_id_field"
        case .nameField: "field_kba_name_field"
        }
        var text: String
        switch error {
        case let .severalLayers(_, layers): text = views.text("kba_several_layers", language).replacingOccurrences(of: "{layers}", with: layers.joined(separator: ", "))
        case let .fieldNotFound(_, layer, _, given, found):
            text = views.text("kba_field_not_found", language).replacingOccurrences(of: "{layer}", with: layer)
                .replacingOccurrences(of: "{value}", with: given).replacingOccurrences(of: "{found}", with: found.joined(separator: ", "))
        case let .fieldNotDetected(_, layer, _, candidates, found):
            text = views.text("kba_field_not_detected", language).replacingOccurrences(of: "{layer}", with: layer)
                .replacingOccurrences(of: "{candidates}", with: candidates.joined(separator: ", ")).replacingOccurrences(of: "{found}", with: found.joined(separator: ", "))
        case let .emptyID(_, layer, field, featureID):
            text = views.text("kba_empty_id", language).replacingOccurrences(of: "{layer}", with: layer)
                .replacingOccurrences(of: "{id_field}", with: field).replacingOccurrences(of: "{feature}", with: String(featureID))
        case let .duplicateID(_, layer, field, value, featureIDs):
            text = views.text("kba_duplicate_id", language).replacingOccurrences(of: "{layer}", with: layer)
                .replacingOccurrences(of: "{id_field}", with: field).replacingOccurrences(of: "{value}", with: value)
                .replacingOccurrences(of: "{features}", with: featureIDs.map(String.init).joined(separator: ", "))
        }
        return text.replacingOccurrences(of: "{file}", with: error.file).replacingOccurrences(of: "{field}", with: views.text(field, language))
            .replacingOccurrences(of: "{advanced}", with: views.text("advanced_options", language))
    }

    /// A boundary layer refusal, naming the layer's file as uploaded and the form field that fixes it.
    static func message(_ error: TerritoryReadError, views: Views, language: String) -> String {
        func fill(_ key: String, _ values: [String: String]) -> String {
            values.reduce(views.text(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        let role = error.role
        let common = [
            "layer_kind": views.text(role == .land ? "field_land" : "field_eez", language),
            "field": views.text(role == .land ? "field_land_field" : "field_eez_field", language),
            "advanced": views.text("advanced_options", language),
        ]
        switch error {
        case let .fieldNotFound(file, layer, _, given, found):
            return fill("territory_field_not_found", common.merging(["file": file, "layer": layer, "value": given, "found": found.joined(separator: ", ")]) { $1 })
        case let .fieldNotDetected(file, layer, _, candidates, found):
            return fill("territory_field_not_detected", common.merging(["file": file, "layer": layer, "candidates": candidates.joined(separator: ", "),
                                                                        "found": found.joined(separator: ", ")]) { $1 })
        case let .fieldAmbiguous(file, layer, _, matches):
            return fill("territory_field_ambiguous", common.merging(["file": file, "layer": layer, "found": matches.joined(separator: ", ")]) { $1 })
        case .countryNotFound(let m):
            var values = common.merging(["file": m.file, "layer": m.layer, "country": m.country, "value": m.field,
                                         "found": TerritoryReader.describe(m.codes)]) { $1 }
            if let other = m.otherField {
                values["other"] = other.name
                return fill("territory_country_other_field", values)
            }
            return fill(m.role == .eez && m.otherLayerGiven ? "territory_country_missing_eez" : "territory_country_missing", values)
        }
    }

    /// The form field (its label key) that sets each option.
    static func formField(_ option: PipelineOption) -> String {
        switch option {
        case .year: "field_year"
        case .areaMethod: "field_area_method"
        case .snapGrid: "field_snap_grid"
        case .badRecords: "field_bad_records"
        case .wdpaLayer: "field_wdpa_layer"
        case .landLayer: "field_land_layer"
        case .eezLayer: "field_eez_layer"
        case .territoryField: "field_territory_field"
        case .landField: "field_land_field"
        case .eezField: "field_eez_field"
        case .land: "field_land"
        case .eez: "field_eez"
        case .kbaLayer: "field_kba_layer"
        case .kbaIDField: "field_kba_id_field"
        case .kbaNameField: "field_kba_name_field"
        case .legend: "field_legend"
        case .matrix: "field_matrix"
        }
    }
}
