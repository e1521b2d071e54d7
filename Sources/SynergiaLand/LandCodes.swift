import SynergiaGeoBindings
/// Codes shared by every land-degradation layer (docs/methods/land-degradation-sdg-15-3-1.md §Inputs).
public enum LandCodes {
    /// No data in every input and output raster.
    public static let noData: Int32 = RasterNoData.int32
    public static let noData16: Int16 = RasterNoData.int16
    public static let degraded: Int8 = -1, stable: Int8 = 0, improved: Int8 = 1
    /// Sentinel for "no data" in the small Int8 per-pixel layers.
    public static let missing: Int8 = Int8.min
}

/// The 7 UNCCD/IPCC land-cover classes (docs/methods/land-degradation-sdg-15-3-1.md §Inputs).
public enum LandCoverClass: Int, CaseIterable, Codable, Sendable {
    case tree = 1, grassland, cropland, wetland, artificial, otherLand, water

    public var name: String {
        switch self {
        case .tree: return "Tree-covered"
        case .grassland: return "Grassland"
        case .cropland: return "Cropland"
        case .wetland: return "Wetland"
        case .artificial: return "Artificial"
        case .otherLand: return "Other land"
        case .water: return "Water body"
        }
    }
}

/// Land productivity dynamics classes (docs/methods/land-degradation-sdg-15-3-1.md §Inputs).
public enum LandLPDClass: Int, CaseIterable, Codable, Sendable {
    case declining = 1, moderateDecline, stressed, stable, increasing

    public var name: String {
        switch self {
        case .declining: return "Declining"
        case .moderateDecline: return "Moderate decline"
        case .stressed: return "Stressed"
        case .stable: return "Stable"
        case .increasing: return "Increasing"
        }
    }

    /// LPD to sub-indicator: 1,2 -> -1; 3,4 -> 0; 5 -> +1.
    public var subIndicator: Int8 {
        switch self {
        case .declining, .moderateDecline: return -1
        case .stressed, .stable: return 0
        case .increasing: return 1
        }
    }
}
