import Foundation
import Testing
@testable import SynergiaGeoBindings
@testable import SynergiaLand
@testable import SynergiaDemoData

/// The temporary file that carries the NDVI series' summaries from the performance
/// pass to the indicator pass: exact round trip, and never left behind.
@Suite(.serialized) struct LandNDVISummaryFileTests {
    static func summary(periods: Int, pixels: Int, seed: Int, fractional: Bool) -> LandNDVIBlockSummary {
        let s = LandNDVIBlockSummary()
        s.reset(periods: periods, pixels: pixels)
        for i in 0..<(periods * pixels) {
            s.codes[i] = UInt8((i * 7 + seed) % 10)
            let whole = Double((i * 7919 + seed * 104_729) % 700_000 - 350_000)
            s.totals[i] = fractional ? whole + 0.123456789 * Double(i % 13) : whole
        }
        return s
    }

    @Test(arguments: [true, false]) func blocksComeBackExactlyInAnyOrder(integerTotals: Bool) throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LandNDVISummaryFile(folder: folder, integerTotals: integerTotals)
        var staging: [UInt8] = []
        let sizes = [5, 0, 262_144, 1]
        for b in [2, 0, 3, 1] {
            try file.write(block: b, periods: 3, Self.summary(periods: 3, pixels: sizes[b], seed: b, fractional: !integerTotals), staging: &staging)
        }
        let back = LandNDVIBlockSummary()
        for b in [1, 3, 0, 2] {
            try file.read(block: b, periods: 3, pixels: sizes[b], into: back, staging: &staging)
            let expected = Self.summary(periods: 3, pixels: sizes[b], seed: b, fractional: !integerTotals)
            #expect(back.pixels == sizes[b])
            #expect(Array(back.codes.prefix(3 * sizes[b])) == Array(expected.codes.prefix(3 * sizes[b])))
            #expect(Array(back.totals.prefix(3 * sizes[b])) == Array(expected.totals.prefix(3 * sizes[b])))
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
        #expect(bytes == 3 * (5 + 262_144 + 1) * (integerTotals ? 5 : 9))
        file.remove()
        #expect(entries(folder) == [])
    }

    @Test func aBlockReadWithAnotherPixelCountIsRefused() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let file = try LandNDVISummaryFile(folder: folder, integerTotals: true)
        var staging: [UInt8] = []
        try file.write(block: 0, periods: 2, Self.summary(periods: 2, pixels: 4, seed: 0, fractional: false), staging: &staging)
        for (block, pixels) in [(0, 5), (1, 4)] {
            #expect {
                try file.read(block: block, periods: 2, pixels: pixels, into: LandNDVIBlockSummary(), staging: &staging)
            } throws: { error in
                (error as? GeoError)?.description
                    == "cannot write the temporary NDVI summaries (.ndvi-summaries.tmp, in the folder being written beside the output folder): block \(block) was not written with \(pixels) pixels inside the area of interest"
            }
        }
        file.remove()
        file.remove()
        #expect(entries(folder) == [])
    }

    @Test func codesCarryTrajectoryAndState() {
        var seen = Set<UInt8>()
        for t: Int8 in -1...1 {
            for s: Int8 in -1...1 {
                let code = LandNDVISummary.code(trajectory: t, state: s)
                #expect(code != 0 && LandNDVISummary.trajectory(code) == t && LandNDVISummary.state(code) == s)
                seen.insert(code)
            }
        }
        #expect(seen.count == 9)
    }

    /// Entries of the folder the engine writes in, during and after a run.
    final class FolderWatch: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String: Set<String>] = [:]
        let parent: URL
        init(parent: URL) { self.parent = parent }

        /// Records, per pass, the files of every partial output folder.
        func record(_ p: LandProgress) {
            let partials = entries(parent).filter { $0.hasPrefix(".out.partial-") }
            let files = partials.flatMap { entries(parent.appendingPathComponent($0)) }
            lock.withLock { seen[p.pass, default: []].formUnion(files) }
        }

        func files(during pass: String) -> Set<String> { lock.withLock { seen[pass] ?? [] } }
    }

    @Test func theFileIsRemovedAfterARun() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let gen = try LandDataGenerator(seed: 5, size: 96).write(to: folder.appendingPathComponent("data"))
        let runs = folder.appendingPathComponent("runs")
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        let watch = FolderWatch(parent: runs)
        var o = LandOptions(); o.blockSize = 32; o.threads = 2
        let result = try LandDegradationEngine(options: o).run(inputs: gen.inputs, aoi: gen.aoi, output: runs.appendingPathComponent("out"),
                                                              progress: { watch.record($0) })
        #expect(watch.files(during: "performance").contains(LandNDVISummaryFile.name))
        #expect(watch.files(during: "indicators").contains(LandNDVISummaryFile.name))
        #expect(entries(runs) == ["out"])
        let written = entries(runs.appendingPathComponent("out"))
        #expect(!written.contains(LandNDVISummaryFile.name))
        #expect(written.filter { $0.hasPrefix(".") } == [])
        #expect(Set(result.rasters).isSubset(of: Set(written)) && result.rasters.count == 19)
    }

    @Test func theFileIsRemovedAfterAFailure() throws {
        let folder = try landTempFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let gen = try LandDataGenerator(seed: 5, size: 96).write(to: folder.appendingPathComponent("data"))
        let runs = folder.appendingPathComponent("runs")
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        let watch = FolderWatch(parent: runs)
        let soc = gen.inputs.soc!
        var o = LandOptions(); o.blockSize = 32; o.threads = 1
        // The performance pass reads no SOC: spoil it when that pass ends, so that the
        // indicator pass fails after the summaries were written.
        let blocks = 9
        do {
            _ = try LandDegradationEngine(options: o).run(inputs: gen.inputs, aoi: gen.aoi, output: runs.appendingPathComponent("out"), progress: { p in
                watch.record(p)
                if p.pass == "performance" && p.blocksDone == blocks { try? Data("not a raster".utf8).write(to: URL(fileURLWithPath: soc)) }
            })
            Issue.record("the run succeeded")
        } catch let e as GeoError {
            #expect(e.description.hasPrefix("cannot open raster soc_2000.tif"), "\(e)")
        }
        #expect(watch.files(during: "performance").contains(LandNDVISummaryFile.name))
        #expect(entries(runs) == [])
    }
}
