import BangfuCore
import BangfuStore

extension DuplicateChecks {
    /// The findings of `year` as `viewer` may see them: a union account only those about
    /// people of its union's archives; 身份证号 and bank accounts masked, in the numbers and in
    /// the details, where the viewer's roles may not see them whole.
    public static func report(year: Int, policyPath: String?, viewer: Account, in store: BangfuDatabase) throws -> DuplicateReport {
        try Authority.require(.viewChecks, by: viewer)
        var report = try report(year: year, policyPath: policyPath, in: store)
        if let union = viewer.union {
            let unions = try store.unions(ofPeople: Array(Set(report.findings.flatMap(\.idNumbers))))
            report.findings = report.findings.filter { finding in finding.idNumbers.contains { unions[$0]?.contains(union) == true } }
        }
        report.findings = report.findings.map { finding in
            var finding = finding
            finding.idNumbers = finding.idNumbers.map { Masking.identifiers(in: $0, for: viewer.roles) }
            finding.detail = Masking.identifiers(in: finding.detail, for: viewer.roles)
            return finding
        }
        return report
    }
}
