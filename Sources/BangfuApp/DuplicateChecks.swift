import BangfuCore
import BangfuPolicyFiles
import BangfuStore

/// The duplicate-aid check of a year (spec §5): every finding, with the annual limits of a
/// policy when one is given.
public enum DuplicateChecks {
    /// The findings of `year`; `policyPath` supplies the annual limits (without it,
    /// `over_annual_limit` is not checked).
    public static func report(year: Int, policyPath: String?, in store: some CheckStore) throws -> DuplicateReport {
        try store.duplicateReport(year: year, limits: try policyPath.map { try limits(of: $0, year: year) })
    }

    /// The annual limits `path`'s policy sets for `year`.
    public static func limits(of path: String, year: Int) throws -> AnnualLimits {
        guard let limits = AnnualLimits(policy: try PolicyFile.load(path: path), year: year) else {
            throw AppError.noDibaoInYear(policy: path, year: year)
        }
        return limits
    }
}
