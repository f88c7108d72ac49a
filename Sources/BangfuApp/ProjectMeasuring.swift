import BangfuCore
import BangfuStore

/// What the records say of one project (spec §7): its paid batches and the metric values
/// derived from them.
public struct ProjectMeasures: Sendable {
    /// 全年执行数: everything the project's batches paid.
    public var executed: Money
    public var measured: [MetricQuery: Rational]
    /// The paid batches counted, by id.
    public var batches: [Int64]
    /// Paid entries the bank has not reported as transferred yet.
    public var entriesNotReported = 0
}

/// The metrics of a project's form from its inputs (`ProjectInputs`).
enum ProjectMeasuring {
    /// Derives each of `queries`. A share over no entries is left out (the form then says
    /// 未取得), never reported as 0 or 100 %. `duplicates` is the year's duplicate report: the
    /// project's aid records it involves decide `duplicate_aid_rate` (spec §5's rate, over the
    /// project's records) and its over-limit records `standard_accuracy`. `policies` are the
    /// policies of the project's batches, by batch id, for `eligibility_accuracy`'s re-check.
    static func measure(
        _ queries: [MetricQuery], duplicates: DuplicateReport?, policies: [Int64: Policy], from inputs: any ProjectInputs
    ) throws -> ProjectMeasures {
        var measured: [MetricQuery: Rational] = [:]
        for query in Set(queries) {
            let kind = query.kind
            let value: Rational?
            switch query.metric {
            case .householdsAided: value = Rational(try inputs.count(.households, kind: kind))
            case .personsAided: value = Rational(try inputs.count(.persons, kind: kind))
            case .studentsAided: value = Rational(try inputs.count(.students, kind: kind))
            case .modelWorkersAided: value = Rational(try inputs.count(.modelWorkers, kind: kind))
            case .amountPaid: value = Rational(yuan: Money(fen: try inputs.count(.amountFen, kind: kind)))
            case .maxAmountPerPerson: value = try inputs.mostPaidToOnePerson(kind: kind).map { Rational(yuan: Money(fen: $0)) }
            case .onTimeRate:
                value = try query.deadline.flatMap { deadline in
                    let paid = try inputs.paidBy(deadline, kind: kind)
                    return paid.total == 0 ? nil : Rational(paid.onTime, paid.total)
                }
            case .duplicateAidRate:
                value = try duplicates.flatMap { report in report.duplicateAidRate(among: try inputs.aidRecordIDs(kind: kind)) }
            case .eligibilityAccuracy: value = try eligibilityAccuracy(kind, policies, inputs)
            case .standardAccuracy:
                value = try duplicates.flatMap { report in
                    guard report.limitsChecked else { return nil }
                    let over = Set(report.findings.filter { $0.code == .overAnnualLimit }.flatMap(\.aidRecordIDs))
                    let records = try inputs.aidRecordIDs(kind: kind)
                    guard !records.isEmpty else { return nil }
                    return Rational(records.filter { !over.contains($0) }.count, records.count)
                }
            }
            if let value { measured[query] = value }
        }
        let executed = Money(fen: try inputs.count(.amountFen, kind: nil))
        return ProjectMeasures(
            executed: executed, measured: measured, batches: try inputs.paidBatches(), entriesNotReported: try inputs.entriesNotReported())
    }

    /// Paid entries whose recipient still meets the batch's policy today
    /// (`EligibilityRecheck`) ÷ paid entries; an entry of a batch whose policy is not in
    /// `policies` is left out.
    private static func eligibilityAccuracy(_ kind: BatchKind?, _ policies: [Int64: Policy], _ inputs: any ProjectInputs) throws -> Rational? {
        var total = 0, good = 0
        try inputs.paidEntriesNow(kind: kind) { entry in
            guard let policy = policies[entry.batch] else { return }
            total += 1
            let stillMeets: Bool
            if entry.isHouseholds {
                // A paid batch has its 低保 from its computation; the policy gives it too.
                guard let dibao = entry.dibao ?? entry.batchDate.flatMap({ policy.dibao(on: $0)?.monthly }) else {
                    throw StoreError.corruptRow(column: "dibao_monthly_fen", value: "")
                }
                stillMeets = try EligibilityRecheck.household(kind: entry.kind, archive: entry.archive, policy: policy, dibao: dibao)
            } else {
                stillMeets = EligibilityRecheck.modelWorker(kind: entry.kind, worker: entry.worker, policy: policy)
            }
            if stillMeets { good += 1 }
        }
        return total == 0 ? nil : Rational(good, total)
    }
}
