import Foundation
import Testing
import SynergiaComputations
import SynergiaCore
import SynergiaCoverage
import SynergiaStore
import SynergiaTestSupport

/// Boundary files as people download them: the country field recognised per
/// source, refused when it cannot be, and runs without an EEZ or a land layer.
@Suite struct CoverageBoundaryTests {
    func run(_ country: String, _ files: CoverageFiles, landField: String? = nil, eezField: String? = nil) async throws -> CoveragePipeline.Outcome {
        try await CoveragePipeline(options: CoverageRunOptions(country: country, year: 2025, landField: landField, eezField: eezField)).run(files)
    }

    @Test func naturalEarthGADMAndMarineRegionsFieldsAreRecognisedAndGiveTheSameCoverageAsISO3() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let wdpa = try world.wdpa()
        let reference = try await run("KEN", CoverageFiles(wdpa: wdpa, land: try world.iso3Land(), eez: try world.iso3EEZ()))
        #expect(abs(reference.result.coverage.landPercent! - 50) < 1e-9)
        #expect(abs(reference.result.coverage.marinePercent! - 25) < 1e-9)
        let naturalEarth = try await run("KEN", CoverageFiles(wdpa: wdpa, land: try world.naturalEarthLand(), eez: try world.marineRegionsEEZ()))
        let gadm = try await run("KEN", CoverageFiles(wdpa: wdpa, land: try world.gadmLand(), eez: try world.marineRegionsEEZ()))
        #expect(naturalEarth.result.coverage == reference.result.coverage)
        #expect(gadm.result.coverage == reference.result.coverage)
        #expect(naturalEarth.warnings.isEmpty)
    }

    @Test func aFieldThatCannotBeChosenIsRefusedNamingTheFileLayerAndFields() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let wdpa = try world.wdpa(), eez = try world.marineRegionsEEZ()
        let both = try world.write("both.gpkg", layer: "land", fields: [("GID_0", .string), ("ISO3", .string)], features: BoundaryFixtures.land) {
            [.string($0), .string($0)]
        }
        let ambiguous = await #expect(throws: TerritoryReadError.self) { try await run("KEN", CoverageFiles(wdpa: wdpa, land: both, eez: eez)) }
        #expect(ambiguous?.description == "the land layer 'land' of both.gpkg has several fields that may hold the country code: GID_0, ISO3. Name the land field.")
        // Named, the same layer runs.
        #expect(try await run("KEN", CoverageFiles(wdpa: wdpa, land: both, eez: eez), landField: "iso3").result.coverage.landPercent != nil)

        let gadm = try world.gadmLand()
        let missing = await #expect(throws: TerritoryReadError.self) {
            try await run("KEN", CoverageFiles(wdpa: wdpa, land: gadm, eez: eez), eezField: "ISO_CODE")
        }
        #expect(missing?.description == "the EEZ layer 'eez_v12' of eez_v12.gpkg has no field ISO_CODE; its fields are MRGID, GEONAME, POL_TYPE, ISO_TER1, ISO_SOV1. Name the EEZ field.")

        let plain = try world.write("plain.gpkg", layer: "land", fields: [("code", .string)], features: BoundaryFixtures.land) { [.string($0)] }
        let none = await #expect(throws: TerritoryReadError.self) { try await run("KEN", CoverageFiles(wdpa: wdpa, land: plain, eez: eez)) }
        #expect(none?.description == "the land layer 'land' of plain.gpkg has no field with a country code (looked for ISO_A3, ISO_A3_EH, ADM0_A3, SOV_A3, GID_0, ISO_TER1, ISO_SOV1, ISO3); its fields are code. Name the land field.")
    }

    /// Natural Earth writes -99 in ISO_A3 (and ISO_A3_EH) for Norway: the refusal names ADM0_A3, which has it.
    @Test func naturalEarthsMinus99NamesTheFieldThatHasTheCountry() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let wdpa = try world.wdpa(), land = try world.naturalEarthLand()
        let error = await #expect(throws: TerritoryReadError.self) { try await run("NOR", CoverageFiles(wdpa: wdpa, land: land, eez: nil)) }
        #expect(error?.description == "the land layer 'ne_10m_admin_0_countries' of ne_10m_admin_0_countries.gpkg has no feature for NOR in field ISO_A3 (features by code: -99 1, KEN 1, TZA 1, UGA 1); field ADM0_A3 has 1 feature for NOR: name the land field ADM0_A3")
        let norway = try await run("NOR", CoverageFiles(wdpa: wdpa, land: land, eez: nil), landField: "ADM0_A3")
        #expect(abs(norway.result.coverage.landPercent! - 50) < 1e-9)
    }

    @Test(arguments: TestDatabase.kinds)
    func anEEZLayerWithoutTheCountryIsRefusedAndALandOnlyRunHasNoMarineFigures(kind: DatabaseKind) async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let wdpa = try world.wdpa(), land = try world.naturalEarthLand(), eez = try world.marineRegionsEEZ()
        try await TestDatabase.withStore(kind) { store in
            _ = try await store.seedReference(try TestDatabase.referenceSet())
            let uganda = try await store.createWorkspace(country: "UGA", name: nil, conventions: ["CBD"])
            let pipeline = CoveragePipeline(options: CoverageRunOptions(country: "UGA", year: 2025))
            let error = await #expect(throws: TerritoryReadError.self) {
                try await pipeline.run(CoverageFiles(wdpa: wdpa, land: land, eez: eez), recordInto: RunRecording(store: store, workspace: uganda))
            }
            #expect(error?.description == "the EEZ layer 'eez_v12' of eez_v12.gpkg has no feature for UGA in field ISO_TER1 (features by code: KEN 1, TZA 1); check the country code or the EEZ field, or run without the EEZ layer for a land-only run (a landlocked country)")
            #expect(try await store.runs(workspaceID: uganda.id).isEmpty)
            #expect(try await store.series(workspaceID: uganda.id, indicator: "GBF-3.1", disaggregation: "realm=land") == nil)

            // Without the EEZ: land-only, the marine figures absent everywhere, not 0.
            let outcome = try await pipeline.run(CoverageFiles(wdpa: wdpa, land: land, eez: nil), recordInto: RunRecording(store: store, workspace: uganda))
            let c = outcome.result.coverage
            #expect(abs(c.landPercent! - 25) < 1e-9 && abs(c.totalPercent! - 25) < 1e-9)
            #expect(c.marineKm2 == nil && c.marinePercent == nil && outcome.result.target.marineGapPercent == nil)
            #expect(outcome.result.territory?.marineKm2 == nil && outcome.result.territory?.landKm2 != nil)
            #expect(outcome.result.timeSeries.allSatisfy { $0.covered.marineKm2 == nil && $0.covered.landKm2 != nil })
            #expect(outcome.result.bySiteType.allSatisfy { $0.covered.marineKm2 == nil && $0.exclusive?.marineKm2 == nil })
            let run = try #require(outcome.run)
            #expect(run.inputs.map(\.role) == ["wdpa", "land"])
            #expect(run.options["land_field"] == "ISO_A3" && run.options["eez_field"] == nil)
            let landSeries = try #require(try await store.series(workspaceID: uganda.id, indicator: "GBF-3.1", disaggregation: "realm=land"))
            #expect(landSeries.observations.contains { $0.year == 2025 && abs($0.value - 25) < 1e-4 })
            #expect(try await store.series(workspaceID: uganda.id, indicator: "GBF-3.1", disaggregation: "realm=marine") == nil)
            #expect(try await store.series(workspaceID: uganda.id, indicator: "SDG-14.5.1", disaggregation: "") == nil)
        }
    }

    @Test func aMarineOnlyRunHasNoLandFigures() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let wdpa = try world.wdpa(), eez = try world.marineRegionsEEZ()
        let kenya = try await run("KEN", CoverageFiles(wdpa: wdpa, land: nil, eez: eez))
        let c = kenya.result.coverage
        #expect(abs(c.marinePercent! - 25) < 1e-9 && abs(c.totalPercent! - 25) < 1e-9)
        #expect(c.landKm2 == nil && c.landPercent == nil)
        #expect(kenya.result.territory?.landKm2 == nil && kenya.result.territory?.marineKm2 != nil)
        // The land site lies outside a marine-only territory.
        #expect(kenya.result.input.siteAreaOutsideTerritoryKm2! > 0)
        let error = await #expect(throws: TerritoryReadError.self) { try await run("UGA", CoverageFiles(wdpa: wdpa, land: nil, eez: eez)) }
        #expect(error?.description == "the EEZ layer 'eez_v12' of eez_v12.gpkg has no feature for UGA in field ISO_TER1 (features by code: KEN 1, TZA 1); check the country code or the EEZ field")
        let neither = #expect(throws: PipelineOptionError.self) {
            try CoverageFiles(wdpa: wdpa, wdpaLayer: nil, land: nil, landLayer: nil, eez: "", eezLayer: nil, kbaPath: nil, kbaLayer: nil, kbaIDField: nil, kbaNameField: nil)
        }
        #expect(neither == .needsBoundary)
    }

    /// Over every country, a country absent from the EEZ layer (perhaps landlocked) runs land-only with a warning.
    @Test func allCountriesRunsACountryWithoutEEZLandOnlyWithAWarning() async throws {
        let world = try BoundaryFixtures()
        defer { world.remove() }
        let files = CoverageFiles(wdpa: try world.wdpa(), land: try world.gadmLand(), eez: try world.marineRegionsEEZ())
        let all = try await CoveragePipeline(options: CoverageRunOptions(country: "", year: 2025)).runAllCountries(files)
        let uganda = try #require(try all.countries["UGA"]?.get())
        #expect(abs(uganda.result.coverage.landPercent! - 25) < 1e-9 && uganda.result.coverage.marinePercent == nil)
        #expect(uganda.warnings == ["the EEZ layer 'eez_v12' of eez_v12.gpkg has no feature for UGA in field ISO_TER1: UGA is measured on land only (a landlocked country?), without marine figures"])
        let kenya = try #require(try all.countries["KEN"]?.get())
        #expect(abs(kenya.result.coverage.marinePercent! - 25) < 1e-9 && kenya.warnings.isEmpty)
    }
}
