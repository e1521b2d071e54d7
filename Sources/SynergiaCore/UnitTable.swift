/// One unit of measure: its code as series and targets store it, the
/// dimension it measures and its factor to that dimension's base unit.
public struct MeasurementUnit: Codable, Sendable, Equatable, Hashable {
    public var code: String
    public var dimension: String
    /// How many base units one of this unit is (1 km² = 1,000,000 m²); nil for a
    /// unit that converts to no other (an index, a currency).
    public var factor: Double?
    public var label: String

    public init(code: String, dimension: String, factor: Double?, label: String) {
        self.code = code
        self.dimension = dimension
        self.factor = factor
        self.label = label
    }
}

/// The units Synergia knows and the conversions between them (`data/units.yaml`).
/// Values convert only within a dimension, and only between units with a factor.
public struct UnitTable: Sendable, Equatable {
    public let units: [MeasurementUnit]
    private let byCode: [String: MeasurementUnit]

    /// Refuses a table with a code given twice or a factor that is not a positive number.
    public init(units: [MeasurementUnit]) throws(DomainError) {
        var byCode: [String: MeasurementUnit] = [:]
        for unit in units {
            guard byCode[unit.code] == nil else {
                throw .invalid("unit '\(unit.code)' is defined twice; keep one definition")
            }
            if let factor = unit.factor, !(factor.isFinite && factor > 0) {
                throw .invalid("unit '\(unit.code)': the factor \(factor) must be a positive number")
            }
            byCode[unit.code] = unit
        }
        self.units = units
        self.byCode = byCode
    }

    /// A table with no unit: every value converts to its own unit only.
    public static let identityOnly = try! UnitTable(units: [])

    public func unit(_ code: String) -> MeasurementUnit? { byCode[code] }

    /// The codes of every known unit, in the table's order.
    public var codes: [String] { units.map(\.code) }

    /// `value` in `from` expressed in `to`. The same code converts to itself
    /// even when the table does not list it (a series and a target both in `usd`).
    public func convert(_ value: Double, from: String, to: String) throws(DomainError) -> Double {
        try conversion(from: from, to: to).apply(value)
    }

    /// The conversion from one unit to another, refused when either unit is
    /// unknown or the two measure different dimensions.
    public func conversion(from: String, to: String) throws(DomainError) -> UnitConversion {
        if from == to { return UnitConversion(from: from, to: to, ratio: 1) }
        let source = try known(from), destination = try known(to)
        guard source.dimension == destination.dimension else {
            throw .invalid("unit \(from) (\(source.dimension)) cannot be converted to \(to) (\(destination.dimension)); a value must be stated in a unit of the same dimension")
        }
        guard let sourceFactor = source.factor, let destinationFactor = destination.factor else {
            throw .invalid("unit \(from) cannot be converted to \(to): \(source.dimension) values have no conversion; state both in the same unit")
        }
        return UnitConversion(from: from, to: to, ratio: sourceFactor / destinationFactor,
                              inverse: destinationFactor / sourceFactor)
    }

    private func known(_ code: String) throws(DomainError) -> MeasurementUnit {
        guard let unit = byCode[code] else {
            throw .invalid("unit '\(code)' is unknown; use one of \(codes.joined(separator: ", "))")
        }
        return unit
    }
}

/// A conversion factor between two units of one dimension.
public struct UnitConversion: Sendable, Equatable {
    public var from: String
    public var to: String
    /// Units of `to` in one `from` (10,000 from Mha to km²).
    public var ratio: Double
    /// Units of `from` in one `to`; kept so that a conversion to a larger unit
    /// divides by a whole power of ten (1 ha = 1 / 100 km²) instead of
    /// multiplying by an inexact fraction such as 0.01.
    private var inverse: Double

    init(from: String, to: String, ratio: Double, inverse: Double = 1) {
        self.from = from
        self.to = to
        self.ratio = ratio
        self.inverse = inverse
    }

    public var isIdentity: Bool { from == to || ratio == 1 }

    public func apply(_ value: Double) -> Double {
        if ratio == 1 { return value }
        return ratio >= 1 ? value * ratio : value / inverse
    }
}
