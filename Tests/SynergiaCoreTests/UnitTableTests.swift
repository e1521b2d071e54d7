import Testing
import SynergiaCore

/// Conversions between units of one dimension, with values computed by hand.
@Suite struct UnitTableTests {
    static let table = try! UnitTable(units: [
        MeasurementUnit(code: "m2", dimension: "area", factor: 1, label: "square metres"),
        MeasurementUnit(code: "ha", dimension: "area", factor: 10_000, label: "hectares"),
        MeasurementUnit(code: "km2", dimension: "area", factor: 1_000_000, label: "square kilometres"),
        MeasurementUnit(code: "kha", dimension: "area", factor: 10_000_000, label: "thousand hectares"),
        MeasurementUnit(code: "Mha", dimension: "area", factor: 10_000_000_000, label: "million hectares"),
        MeasurementUnit(code: "fraction", dimension: "share", factor: 1, label: "fraction"),
        MeasurementUnit(code: "percent", dimension: "share", factor: 0.01, label: "percent"),
        MeasurementUnit(code: "index", dimension: "index", factor: nil, label: "index"),
    ])

    @Test func areasConvertExactly() throws {
        let table = Self.table
        #expect(try table.convert(5.1, from: "Mha", to: "km2") == 51_000)
        #expect(try table.convert(1, from: "ha", to: "km2") == 0.01)
        #expect(try table.convert(51_000, from: "km2", to: "Mha") == 5.1)
        #expect(try table.convert(2.5, from: "km2", to: "ha") == 250)
        #expect(try table.convert(1_234, from: "kha", to: "km2") == 12_340)
        #expect(try table.convert(3, from: "m2", to: "ha") == 0.0003)
        #expect(try table.conversion(from: "Mha", to: "km2").ratio == 10_000)
    }

    @Test func sharesConvertExactly() throws {
        #expect(try Self.table.convert(24.6, from: "percent", to: "fraction") == 24.6 / 100)
        #expect(try Self.table.convert(0.25, from: "fraction", to: "percent") == 25)
    }

    @Test func aUnitConvertsToItselfEvenWhenTheTableDoesNotListIt() throws {
        #expect(try Self.table.convert(7.25, from: "usd", to: "usd") == 7.25)
        #expect(try Self.table.convert(104.5, from: "index", to: "index") == 104.5)
    }

    @Test func unitsOfDifferentDimensionsAreRefusedNamingBoth() {
        #expect(throws: DomainError.invalid("unit Mha (area) cannot be converted to percent (share); a value must be stated in a unit of the same dimension")) {
            try Self.table.convert(5.1, from: "Mha", to: "percent")
        }
    }

    @Test func anUnknownUnitIsRefusedNamingTheKnownOnes() {
        #expect(throws: DomainError.invalid("unit 'acre' is unknown; use one of m2, ha, km2, kha, Mha, fraction, percent, index")) {
            try Self.table.convert(1, from: "acre", to: "ha")
        }
    }

    @Test func aUnitWithoutAFactorConvertsToNoOther() throws {
        let table = try UnitTable(units: Self.table.units + [MeasurementUnit(code: "points", dimension: "index", factor: nil, label: "points")])
        #expect(throws: DomainError.invalid("unit index cannot be converted to points: index values have no conversion; state both in the same unit")) {
            try table.convert(1, from: "index", to: "points")
        }
    }

    @Test func aTableWithATwiceDefinedCodeOrABadFactorIsRefused() {
        #expect(throws: DomainError.invalid("unit 'ha' is defined twice; keep one definition")) {
            try UnitTable(units: [MeasurementUnit(code: "ha", dimension: "area", factor: 10_000, label: "a"),
                                  MeasurementUnit(code: "ha", dimension: "area", factor: 10_000, label: "b")])
        }
        #expect(throws: DomainError.invalid("unit 'ha': the factor 0.0 must be a positive number")) {
            try UnitTable(units: [MeasurementUnit(code: "ha", dimension: "area", factor: 0, label: "a")])
        }
    }
}
