import Foundation
import Testing
@testable import SynergiaLand
@testable import SynergiaDemoData

/// Invariants on a generated stack (NDVI-computed productivity, three periods).
@Suite(.serialized) struct LandGeneratedInvariantTests {
    static func run(_ gen: LandDataGenerator.Output, folder: URL, name: String, threads: Int, blockSize: Int) throws -> LandResult {
        var o = LandOptions()
        o.threads = threads; o.blockSize = blockSize
        return try LandDegradationEngine(options: o).run(inputs: gen.inputs, aoi: gen.aoi, output: folder.appendingPathComponent(name))
    }

    /// Everything but the output folder, as JSON, for exact comparison.
    static func fingerprint(_ r: LandResult) throws -> Data {
        var r = r
        r.outputFolder = ""; r.options.threads = 0; r.options.blockSize = 0
        let enc = JSONEncoder(); enc.outputFormatting = .sortedKeys
        return try enc.encode(r)
    }

    @Test func invariants() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gen = try LandDataGenerator(seed: 7, size: 300).write(to: folder.appendingPathComponent("data"))
        let counter = ProgressCounter()
        var o = LandOptions()
        o.threads = ProcessInfo.processInfo.activeProcessorCount; o.blockSize = 128
        let all = try LandDegradationEngine(options: o).run(inputs: gen.inputs, aoi: gen.aoi, output: folder.appendingPathComponent("all"),
                                                              progress: { counter.record($0) })
        let one = try Self.run(gen, folder: folder, name: "one", threads: 1, blockSize: 128)
        let small = try Self.run(gen, folder: folder, name: "small", threads: 2, blockSize: 37)
        let big = try Self.run(gen, folder: folder, name: "big", threads: 2, blockSize: 1024)

        // Same tables with 1 thread and all cores, whatever the block size.
        #expect(try Self.fingerprint(all) == Self.fingerprint(one))
        #expect(try Self.fingerprint(all) == Self.fingerprint(small))
        #expect(try Self.fingerprint(all) == Self.fingerprint(big))
        // Same rasters too.
        for name in all.rasters {
            #expect(try readAll(folder.appendingPathComponent("all/\(name)").path) == readAll(folder.appendingPathComponent("small/\(name)").path), "\(name)")
        }
        // Class areas sum to the AOI area, for every table of every period.
        #expect(all.aoiPixels > 0 && all.aoiPixels < 300 * 300)
        for p in all.periods {
            for t in [p.landCover, p.productivity, p.soc, p.indicator, p.lpdClasses] + [p.status, p.statusCollapsed].compactMap({ $0 }) {
                let sum = t.rows.reduce(0) { $0 + $1.km2 }
                #expect(abs(sum - all.aoiAreaKm2) < 1e-6, "\(p.period.name) \(t.name)")
                #expect(abs(t.rows.reduce(0) { $0 + $1.percent } - 100) < 1e-9)
            }
            // Every sub-indicator class is present on generated data.
            #expect(p.indicator.km2(-1) > 0 && p.indicator.km2(0) > 0 && p.indicator.km2(1) > 0, "\(p.period.name)")
            #expect(LandLPDClass.allCases.allSatisfy { p.lpdClasses.km2($0.rawValue) > 0 }, "\(p.period.name) LPD")
            let matrixSum = p.transitionMatrixKm2.joined().reduce(0, +)
            #expect(matrixSum <= all.aoiAreaKm2 + 1e-9 && matrixSum > 0.99 * all.aoiAreaKm2)
            #expect(p.proportionDegradedPercent > 0 && p.proportionDegradedPercent < 100)
        }
        #expect(all.so1.so1_4Status.count == 2)
        // Progress: every block of both passes reported, bytes counted.
        let last = counter.last!
        #expect(last.blocksDone == last.blocksTotal && last.blocksTotal == 2 * 9)
        #expect(last.bytesRead > 0 && last.bytesWritten > 0)
    }

    @Test func generatorIsDeterministic() throws {
        let folder = try landTempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try LandDataGenerator(seed: 3, size: 64).write(to: folder.appendingPathComponent("a"))
        let b = try LandDataGenerator(seed: 3, size: 64).write(to: folder.appendingPathComponent("b"))
        let c = try LandDataGenerator(seed: 4, size: 64).write(to: folder.appendingPathComponent("c"))
        #expect(try readAll(a.inputs.landCover[2015]!) == readAll(b.inputs.landCover[2015]!))
        #expect(try readAll(a.inputs.landCover[2015]!) != readAll(c.inputs.landCover[2015]!))
        // Plausible transitions only: water never changes.
        let l0 = try readAll(a.inputs.landCover[2000]!), l1 = try readAll(a.inputs.landCover[2022]!)
        for i in l0.indices where l0[i] == 7 { #expect(l1[i] == 7) }
    }
}

final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: LandProgress?
    func record(_ p: LandProgress) { lock.lock(); if p.blocksDone >= (value?.blocksDone ?? 0) { value = p }; lock.unlock() }
    var last: LandProgress? { lock.lock(); defer { lock.unlock() }; return value }
}
