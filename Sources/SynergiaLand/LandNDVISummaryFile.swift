import Foundation
import SynergiaGeoBindings

/// What the indicator pass needs from the NDVI series of one block: per period and
/// AOI pixel (in the order of the block's AOI mask) the trajectory and state
/// (`LandNDVISummary.code`) and the exact sum of the period's NDVI values, from
/// which the performance mean is `total / years` as when the series is read.
final class LandNDVIBlockSummary {
    /// AOI pixels of the block.
    private(set) var pixels = 0
    /// [period][pixel] `LandNDVISummary.code`
    var codes: [UInt8] = []
    /// [period][pixel] sum of the period's NDVI values, added year by year in Double
    var totals: [Double] = []

    func reset(periods: Int, pixels m: Int) {
        pixels = m
        let count = max(1, periods * m)
        if codes.count < count { codes = [UInt8](repeating: 0, count: count); totals = [Double](repeating: 0, count: count) }
    }
}

/// Trajectory and state of a pixel in one byte: 0 when any year of the period is
/// no data, else 1 + (trajectory + 1) * 3 + (state + 1).
enum LandNDVISummary {
    @inline(__always) static func code(trajectory: Int8, state: Int8) -> UInt8 {
        UInt8(1 + (Int(trajectory) + 1) * 3 + Int(state) + 1)
    }

    @inline(__always) static func trajectory(_ code: UInt8) -> Int8 { Int8((Int(code) - 1) / 3 - 1) }
    @inline(__always) static func state(_ code: UInt8) -> Int8 { Int8((Int(code) - 1) % 3 - 1) }

    /// LPD class raw value (1..5, 0 = no data) of `m` pixels of a period of `years`
    /// years: performance from the period mean `totals[j] / years` against
    /// `unitPercentile[j]`, the percentile of pixel j's land unit.
    static func lpdClasses(codes: UnsafePointer<UInt8>, totals: UnsafePointer<Double>, years: Int, count m: Int,
                           unitPercentile: UnsafePointer<Double>, ratioThreshold: Double, into out: UnsafeMutablePointer<Int8>) {
        let dn = Double(years)
        for j in 0..<m {
            let code = codes[j]
            guard code != 0 else { out[j] = 0; continue }
            let performance = LandProductivity.performance(mean: totals[j] / dn, unitPercentile: unitPercentile[j], ratioThreshold: ratioThreshold)
            out[j] = Int8(LandProductivity.lpdClass(trajectory: trajectory(code), state: state(code), performance: performance).rawValue)
        }
    }
}

/// The temporary file the performance pass writes the blocks' `LandNDVIBlockSummary`
/// to and the indicator pass reads them back from, so that the NDVI stack is read
/// and decoded once. It lies in the run's partial output folder under
/// `LandNDVISummaryFile.name` and is removed by `remove()` once the indicator pass is
/// done (a failed run removes the whole partial folder). Blocks are written whole,
/// in the order the workers finish them, each at its own offset: memory holds one
/// block per worker whatever the raster size; the file grows with the AOI (5 bytes
/// per AOI pixel and period with Int16 NDVI, 9 with Float).
final class LandNDVISummaryFile: @unchecked Sendable {   // `index` and `end` guarded by `lock`
    static let name = ".ndvi-summaries.tmp"
    let path: String
    /// Totals are stored as Int32 when every NDVI value is an integer of Int16
    /// (their sums are then exact integers), else as Double.
    let integerTotals: Bool
    private let fd: Int32
    private let lock = NSLock()
    private var index: [Int: (offset: Int64, pixels: Int)] = [:]
    private var end: Int64 = 0
    private var removed = false

    init(folder: URL, integerTotals: Bool) throws {
        path = folder.appendingPathComponent(Self.name).path
        self.integerTotals = integerTotals
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.failure(String(cString: strerror(errno))) }
    }

    deinit { remove() }

    /// Closes and deletes the file (once; later calls do nothing).
    func remove() {
        lock.lock(); defer { lock.unlock() }
        guard !removed else { return }
        removed = true
        close(fd)
        unlink(path)
    }

    private func bytes(periods: Int, pixels m: Int) -> Int { periods * m * (1 + (integerTotals ? 4 : 8)) }

    /// Writes block `block`'s summaries for `periods` periods; `staging` is the caller's reusable buffer.
    func write(block: Int, periods: Int, _ s: LandNDVIBlockSummary, staging: inout [UInt8]) throws {
        let m = s.pixels, n = periods * m, size = bytes(periods: periods, pixels: m)
        if staging.count < size { staging = [UInt8](repeating: 0, count: size) }
        staging.withUnsafeMutableBytes { raw in
            s.codes.withUnsafeBytes { raw.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            let totals = raw.baseAddress! + n
            if integerTotals {
                for i in 0..<n { totals.storeBytes(of: Int32(s.totals[i]), toByteOffset: i * 4, as: Int32.self) }
            } else {
                for i in 0..<n { totals.storeBytes(of: s.totals[i], toByteOffset: i * 8, as: Double.self) }
            }
        }
        let offset: Int64 = lock.withLock {
            let o = end
            end += Int64(size)
            index[block] = (o, m)
            return o
        }
        try staging.withUnsafeBytes { try transfer(write: true, UnsafeMutableRawPointer(mutating: $0.baseAddress!), size, at: offset) }
    }

    /// Reads block `block`'s summaries back into `s`; `pixels` is the block's AOI pixel count as the indicator pass found it.
    func read(block: Int, periods: Int, pixels m: Int, into s: LandNDVIBlockSummary, staging: inout [UInt8]) throws {
        guard let (offset, written) = lock.withLock({ index[block] }), written == m else {
            throw Self.failure("block \(block) was not written with \(m) pixels inside the area of interest")
        }
        s.reset(periods: periods, pixels: m)
        let n = periods * m, size = bytes(periods: periods, pixels: m)
        if staging.count < size { staging = [UInt8](repeating: 0, count: size) }
        try staging.withUnsafeMutableBytes { try transfer(write: false, $0.baseAddress!, size, at: offset) }
        staging.withUnsafeBytes { raw in
            s.codes.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: n) }
            let totals = raw.baseAddress! + n
            if integerTotals {
                for i in 0..<n { s.totals[i] = Double(totals.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)) }
            } else {
                for i in 0..<n { s.totals[i] = totals.loadUnaligned(fromByteOffset: i * 8, as: Double.self) }
            }
        }
    }

    /// The file is ours, not the person's: the message names it by what it holds and where.
    private static func failure(_ reason: String) -> GeoError {
        .writeFailed(path: "the temporary NDVI summaries (\(name), in the folder being written beside the output folder)", reason: reason)
    }

    /// pwrite/pread of the whole range (they may transfer less than asked).
    private func transfer(write: Bool, _ buffer: UnsafeMutableRawPointer, _ size: Int, at offset: Int64) throws {
        var done = 0
        while done < size {
            let r = write ? pwrite(fd, buffer + done, size - done, off_t(offset) + off_t(done))
                          : pread(fd, buffer + done, size - done, off_t(offset) + off_t(done))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else {
                let reason = r < 0 ? String(cString: strerror(errno)) : "unexpected end of file"
                throw Self.failure(write ? "\(reason); it needs about 15 bytes per pixel of the area of interest: free that much space beside the output folder and run again" : reason)
            }
            done += r
        }
    }
}
