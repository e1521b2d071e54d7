import Foundation

/// The 12 IPCC climate zones of the climate raster Trends.Earth ships (codes 1–12, in this order),
/// with the land-use factor f it applies to conversions to and from cropland
/// (docs/land-degradation.md, "Climate zones": IPCC 2006 vol. 4 ch. 5 table 5.5; polar zones take
/// the temperate/boreal factor of their moisture, as Trends.Earth does).
public enum LandClimateZone: String, Codable, CaseIterable, Sendable {
    case warmTemperateMoist = "warm_temperate_moist", warmTemperateDry = "warm_temperate_dry"
    case coolTemperateMoist = "cool_temperate_moist", coolTemperateDry = "cool_temperate_dry"
    case polarMoist = "polar_moist", polarDry = "polar_dry", borealMoist = "boreal_moist", borealDry = "boreal_dry"
    case tropicalMontane = "tropical_montane", tropicalWet = "tropical_wet", tropicalMoist = "tropical_moist", tropicalDry = "tropical_dry"

    /// The zone's code in the IPCC climate raster (1–12).
    public var ipccCode: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public init?(ipccCode: Int) {
        guard (1...Self.allCases.count).contains(ipccCode) else { return nil }
        self = Self.allCases[ipccCode - 1]
    }

    public var factor: Double {
        switch self {
        case .warmTemperateMoist, .coolTemperateMoist, .polarMoist, .borealMoist: return 0.69
        case .warmTemperateDry, .coolTemperateDry, .polarDry, .borealDry: return 0.80
        case .tropicalMontane: return 0.64
        case .tropicalWet, .tropicalMoist: return 0.48
        case .tropicalDry: return 0.58
        }
    }

    /// "Warm Temperate Moist", as the raster's legend names it.
    public var title: String {
        rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The zone used when neither a climate raster nor a national zone is given.
    public static let assumed = LandClimateZone.warmTemperateMoist
}

/// SOC stock change rules (docs/methods/land-degradation-sdg-15-3-1.md §SOC sub-indicator).
public enum LandSOC {
    /// Land-use factor F_LU for a transition between UNCCD classes 1..7, given climate factor f.
    public static func factor(from a: Int, to b: Int, f: Double) -> Double {
        switch a {
        case 1, 2: return [1, 1, f, 1, 0.1, 0.1, 1][b - 1]
        case 3: return [1 / f, 1 / f, 1, 1 / 0.71, 0.1, 0.1, 1][b - 1]
        case 4: return [1, 1, 0.71, 1, 0.1, 0.1, 1][b - 1]
        case 5, 6: return [2, 2, 2, 2, 1, 1, 1][b - 1]
        default: return 1
        }
    }

    /// Sub-indicator from the percent change: <= -threshold -> -1, >= +threshold -> +1.
    public static func classify(percentChange p: Double, threshold: Double = 10) -> Int8 {
        if p <= -threshold { return -1 }
        if p >= threshold { return 1 }
        return 0
    }

    /// Percent change with a tolerance so that exactly +/-10 % computed in floating
    /// point (e.g. 90/100) is not misclassified by a rounding error.
    public static func percentChange(initial: Double, final: Double) -> Double {
        let p = (final - initial) / initial * 100
        let r = (p * 1e9).rounded() / 1e9
        return r
    }

    /// Propagates a stock through known land-cover years. The reference stock is
    /// the stock at the first year. On a class change between two known years the
    /// stock moves towards stock * F_LU, 1/`spreadYears` of the change per year for
    /// `spreadYears` years, counted from the earlier known year (a new change
    /// replaces a change still under way). Returns the stock at each known year.
    public static func propagate(reference: Double, years: [Int], classes: [Int8], f: Double,
                                 spreadYears: Int, into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        var stock = reference, rate = 0.0, remaining = 0
        out.append(stock)
        for k in 0..<(years.count - 1) {
            let a = Int(classes[k]), b = Int(classes[k + 1])
            if a != b {
                rate = stock * (factor(from: a, to: b, f: f) - 1) / Double(spreadYears)
                remaining = spreadYears
            }
            let steps = min(years[k + 1] - years[k], remaining)
            stock += rate * Double(steps)
            remaining -= steps
            out.append(stock)
        }
    }
}
