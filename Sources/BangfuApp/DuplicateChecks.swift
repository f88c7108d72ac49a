import BangfuCore
import BangfuExport
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

    /// The findings as a workbook for the reviewers (`duplicates --out`, the web's download).
    public static func sheet(_ report: DuplicateReport) -> Sheet {
        Sheet(
            name: "重复救助检查",
            title: "\(report.year)年重复救助检查结果",
            subtitle: ["重复救助率 \(report.duplicateAidRatePercent)（涉及工会救助记录 \(report.involvedRecords) 条 / 全年 \(report.unionAidRecords) 条）"],
            headers: ["序号", "类型", "代码", "身份证号", "说明"],
            rows: report.findings.enumerated().map { index, finding in
                [.integer(index + 1), .text(finding.code.chineseName), .text(finding.code.rawValue), .text(finding.idNumbers.joined(separator: "\n")), .text(finding.detail)]
            },
            notes: ["重复救助率 = 同批次重复、超年度上限、一人两档所涉工会救助记录数 ÷ 全年工会救助记录数（spec §5）。"])
    }
}
