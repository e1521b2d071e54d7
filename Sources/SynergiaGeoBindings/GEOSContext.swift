import Foundation
import CGEOS

/// Owns one GEOS reentrant context. GEOS contexts are not thread-safe, so the
/// type is deliberately not `Sendable`: create one per thread/task and pass
/// geometries between threads as WKB (`Data`, which is Sendable).
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// Receives GEOS error messages; boxed so the C callback can reach it.
    private let messages: MessageBox
    private var wkbReader: OpaquePointer?
    private var wkbWriter: OpaquePointer?

    final class MessageBox { var lastError = "" }

    public init() {
        guard let h = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        handle = h
        messages = MessageBox()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        // Errors are captured for the Swift error; notices are dropped (GEOS
        // prints nothing by itself when handlers are installed).
        GEOSContext_setErrorMessageHandler_r(handle, { msg, user in
            guard let user, let msg else { return }
            Unmanaged<MessageBox>.fromOpaque(user).takeUnretainedValue().lastError = String(cString: msg)
        }, box)
        GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit {
        if let r = wkbReader { GEOSWKBReader_destroy_r(handle, r) }
        if let w = wkbWriter { GEOSWKBWriter_destroy_r(handle, w) }
        GEOS_finish_r(handle)
    }

    /// Resets the captured message before a call, so the error we report is the one that call produced.
    func clearError() { messages.lastError = "" }

    func error(_ operation: String) -> GeoError {
        .geos(operation: operation, message: messages.lastError.isEmpty ? "unknown GEOS error" : messages.lastError)
    }

    /// Wraps a C call returning an owned geometry pointer (NULL on error).
    func make(_ operation: String, _ call: () -> OpaquePointer?) throws -> Geometry {
        clearError()
        guard let p = call() else { throw error(operation) }
        return Geometry(owning: p, context: self)
    }

    // MARK: WKB / WKT

    public func geometry(wkb: Data) throws -> Geometry {
        if wkbReader == nil { wkbReader = GEOSWKBReader_create_r(handle) }
        let reader = wkbReader
        return try make("WKB read") {
            wkb.withUnsafeBytes { raw in
                GEOSWKBReader_read_r(handle, reader, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
        }
    }

    public func geometry(wkt: String) throws -> Geometry {
        let reader = GEOSWKTReader_create_r(handle)
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        return try make("WKT read") { GEOSWKTReader_read_r(handle, reader, wkt) }
    }

    func wkb(of geometry: Geometry) throws -> Data {
        if wkbWriter == nil {
            wkbWriter = GEOSWKBWriter_create_r(handle)
            GEOSWKBWriter_setOutputDimension_r(handle, wkbWriter, 2)
            GEOSWKBWriter_setByteOrder_r(handle, wkbWriter, 1) // little endian (NDR)
        }
        clearError()
        var size = 0
        guard let buf = GEOSWKBWriter_write_r(handle, wkbWriter, geometry.handle, &size) else { throw error("WKB write") }
        defer { GEOSFree_r(handle, buf) }
        return Data(bytes: buf, count: size)
    }

    // MARK: constructors

    public func emptyPolygon() -> Geometry {
        Geometry(owning: GEOSGeom_createEmptyPolygon_r(handle), context: self)
    }

    /// Builds a polygon from interleaved x,y coordinates of a closed or open shell.
    public func polygon(shell xy: [Double], holes: [[Double]] = []) throws -> Geometry {
        func ring(_ c: [Double]) throws -> OpaquePointer {
            var c = c
            if c.count >= 2, c[0] != c[c.count - 2] || c[1] != c[c.count - 1] { c += [c[0], c[1]] }
            clearError()
            guard let seq = c.withUnsafeBufferPointer({ GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32(c.count / 2), 0, 0) }),
                  let r = GEOSGeom_createLinearRing_r(handle, seq) else { throw error("create ring") }
            return r
        }
        let s = try ring(xy)
        var hs: [OpaquePointer?] = []
        for h in holes {
            do { hs.append(try ring(h)) } catch {
                GEOSGeom_destroy_r(handle, s); hs.forEach { GEOSGeom_destroy_r(handle, $0) }; throw error
            }
        }
        return try make("create polygon") {
            hs.withUnsafeMutableBufferPointer { GEOSGeom_createPolygon_r(handle, s, $0.baseAddress, UInt32($0.count)) }
        }
    }

    public func point(x: Double, y: Double) throws -> Geometry {
        try make("create point") { GEOSGeom_createPointFromXY_r(handle, x, y) }
    }

    /// Collects geometries into a Multi*/GeometryCollection. Ownership of the
    /// parts moves into the collection (the Swift wrappers are consumed).
    public func collection(_ parts: [Geometry], type: GeometryType = .geometryCollection) throws -> Geometry {
        var raw: [OpaquePointer?] = parts.map { $0.releaseOwnership() }
        return try make("create collection") {
            raw.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
            }
        }
    }

    /// Cascaded union of many geometries (GEOS unary union on a collection):
    /// far faster than pairwise unions, and the basis of overlap flattening.
    public func unaryUnion(_ parts: [Geometry]) throws -> Geometry {
        if parts.isEmpty { return emptyPolygon() }
        let c = try collection(parts)
        return try c.unaryUnion()
    }
}
