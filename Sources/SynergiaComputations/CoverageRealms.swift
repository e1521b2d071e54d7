import Foundation
import SynergiaCoverage

extension CoverageResult {
    /// The result of a run without a land or an EEZ layer: the realm not measured is
    /// absent from every figure (no area, no percentage, no gap), never 0.
    func measured(land: Bool, marine: Bool) -> CoverageResult {
        guard !(land && marine) else { return self }
        func keep(_ area: AreaSplit) -> AreaSplit {
            var area = area
            if !land { (area.landKm2, area.landPercent) = (nil, nil) }
            if !marine { (area.marineKm2, area.marinePercent) = (nil, nil) }
            return area
        }
        func keep(_ group: GroupCoverage) -> GroupCoverage {
            var group = group
            group.covered = keep(group.covered)
            group.exclusive = group.exclusive.map(keep)
            return group
        }
        var result = self
        result.coverage = keep(coverage)
        result.bySiteType = bySiteType.map(keep)
        result.byIUCNCategory = byIUCNCategory.map(keep)
        result.byGovernanceType = byGovernanceType.map(keep)
        result.timeSeries = timeSeries.map { point in
            var point = point
            point.covered = keep(point.covered)
            return point
        }
        result.unknownYear = keep(unknownYear)
        if !land { result.territory?.landKm2 = nil }
        if !marine { result.territory?.marineKm2 = nil }
        if !land { result.target.landGapPercent = nil }
        if !marine { result.target.marineGapPercent = nil }
        return result
    }
}
