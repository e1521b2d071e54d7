import Foundation
import Testing
@testable import SynergiaCoverage
@testable import SynergiaDemoData

@Test(.enabled(if: ProcessInfo.processInfo.environment["SYNERGIA_PERF"] != nil))
func perfProbe() throws {
    let n = Int(ProcessInfo.processInfo.environment["SYNERGIA_PERF"]!)!
    let p = tempPath("perf.gpkg")
    var t = Date()
    _ = try ProtectedAreaGenerator(seed: 1).write(to: p, sites: n)
    print("generate \(n)/country: \(Date().timeIntervalSince(t))s"); t = Date()
    let imp = try WDPAReader.read(path: p)
    print("read \(imp.featuresRead): \(Date().timeIntervalSince(t))s"); t = Date()
    let land = try TerritoryReader.read(path: p, layer: "land", country: "AAA"), eez = try TerritoryReader.read(path: p, layer: "eez", country: "AAA")
    let tiles = (ProcessInfo.processInfo.environment["SYNERGIA_PERF_TILES"] ?? "40").split(separator: ",").compactMap { Int($0) }
    for method in [CoverageOptions.AreaMethod.equalArea, .geodesic] {
      for tile in tiles {
        var o = CoverageOptions(); o.areaMethod = method
        t = Date()
        var engine = CoverageEngine(options: o); engine.piecesPerTile = tile
        let r = try engine.run(sites: imp.records, land: land, eez: eez, country: "AAA")
        print("run \(method) tile \(tile) AAA sites used \(r.input.sitesUsed): \(Date().timeIntervalSince(t))s total \(r.coverage.totalKm2) land% \(r.coverage.landPercent!) marine% \(r.coverage.marinePercent!)")
      }
    }
}
