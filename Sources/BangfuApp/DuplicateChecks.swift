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
        try report(year: year, limits: try policyPath.map { try limits(of: $0, year: year) }, in: store)
    }

    /// The findings of `year` under `limits` (nil: `over_annual_limit` not checked): the
    /// records scanned once (`DuplicateScan`), then the few cases found looked up by id and
    /// worded (`FindingText`).
    public static func report(year: Int, limits: AnnualLimits?, in store: some CheckStore) throws -> DuplicateReport {
        try store.readDuplicateInputs(year: year) { inputs in
            var scan = DuplicateScan()
            try inputs.feed(&scan)
            let found = scan.finish(limits: limits)
            var findings = try inputs.sameBatchGroups().map { group in
                DuplicateFinding(
                    code: .sameBatch, idNumbers: [group.person],
                    detail: FindingText.sameBatch(
                        batch: group.batch, batchName: group.batchName, person: group.person, student: group.studentName, entries: group.entries),
                    aidRecordIDs: group.aidRecordIDs, subject: "batch \(group.batch)",
                    evidence: FindingEvidence(
                        aidRecordIDs: group.aidRecordIDs, batch: group.batch, entries: group.entries,
                        archives: Set(group.entries.map(\.archive).filter { !$0.isEmpty }).sorted()))
            }
            if let limits { findings += try overAnnualLimit(found, limits, inputs) }
            findings += found.twoHouseholds.map { person in
                DuplicateFinding(
                    code: .twoHouseholds, idNumbers: [person.person],
                    detail: FindingText.twoHouseholds(person: person.person, places: person.places), aidRecordIDs: person.aidRecordIDs,
                    evidence: FindingEvidence(aidRecordIDs: person.aidRecordIDs, archives: person.places.map(\.archive).sorted()))
            }
            findings += try found.crossAgency.map { group in
                let aid = try inputs.paidAid(ids: group.aidRecordIDs)
                return DuplicateFinding(
                    code: .crossAgency, idNumbers: group.people,
                    detail: FindingText.crossAgency(kind: group.kind, target: group.target, targetName: group.targetName, aid: aid),
                    aidRecordIDs: aid.filter { $0.payer == Payer.union.description }.map(\.id), subject: "\(group.kind.rawValue) \(group.target)",
                    evidence: FindingEvidence(aidRecordIDs: aid.map(\.id), archives: group.target.count == 18 ? [] : [group.target]))
            }
            findings += try inputs.sharedAccounts(among: found.sharedAccountCandidates).map { account in
                DuplicateFinding(
                    code: .sharedAccount, idNumbers: account.people,
                    detail: FindingText.sharedAccount(account: account.account, holders: account.holders.map { ($0.name, $0.place, $0.idNumber) }),
                    subject: account.account,
                    evidence: FindingEvidence(holders: account.holders.map { AccountHolder(name: $0.name, place: $0.place, idNumber: $0.idNumber) }))
            }
            let seen = try inputs.sightings(of: found.misnamed)
            findings += found.misnamed.map { number in
                DuplicateFinding(code: .idNameMismatch, idNumbers: [number], detail: FindingText.idNameMismatch(idNumber: number, seen: seen[number] ?? []))
            }
            return DuplicateReport(year: year, findings: findings, unionAidRecords: found.unionRecords, limitsChecked: limits != nil)
        }
    }

    /// Households, students and model workers over the year's limits, each with its records.
    private static func overAnnualLimit(_ found: DuplicateScan.Found, _ limits: AnnualLimits, _ inputs: any DuplicateInputs) throws -> [DuplicateFinding] {
        let households = try found.householdsOverLimit.map { household in
            let aid = try inputs.paidAid(ids: household.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: Set(aid.map(\.idNumber)).sorted(),
                detail: FindingText.householdOverLimit(
                    archive: household.archive, head: household.headName, category: household.category, kind: household.kind,
                    year: limits.year, total: household.total, limit: household.limit, dibao: limits.dibao, aid: aid),
                aidRecordIDs: household.aidRecordIDs, subject: "\(household.kind.rawValue) \(household.archive)",
                evidence: FindingEvidence(aidRecordIDs: household.aidRecordIDs, archives: [household.archive]))
        }
        let students = try found.studentsOverLimit.map { student in
            let aid = try inputs.paidAid(ids: student.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: [student.student],
                detail: FindingText.studentOverLimit(
                    student: student.name, studentID: student.student, archive: student.archive, stage: student.stage,
                    year: limits.year, total: student.total, limit: student.limit, aid: aid),
                aidRecordIDs: student.aidRecordIDs, subject: AidKind.education.rawValue,
                evidence: FindingEvidence(aidRecordIDs: student.aidRecordIDs, archives: [student.archive]))
        }
        let workers = try found.workersOverLimit.map { worker in
            let aid = try inputs.paidAid(ids: worker.aidRecordIDs)
            return DuplicateFinding(
                code: .overAnnualLimit, idNumbers: [worker.person],
                detail: FindingText.modelWorkerOverLimit(idNumber: worker.person, year: limits.year, total: worker.total, limit: worker.limit, aid: aid),
                aidRecordIDs: worker.aidRecordIDs, subject: "model-worker", evidence: FindingEvidence(aidRecordIDs: worker.aidRecordIDs))
        }
        return households + students + workers
    }

    /// The annual limits `path`'s policy sets for `year`.
    public static func limits(of path: String, year: Int) throws -> AnnualLimits {
        guard let limits = AnnualLimits(policy: try PolicyFile.load(path: path), year: year) else {
            throw AppError.noDibaoInYear(policy: path, year: year)
        }
        return limits
    }

    /// The findings as a workbook for the reviewers (`duplicates --out`, the web's download),
    /// each with its id and where review stands.
    public static func sheet(_ report: DuplicateReport) -> Sheet {
        Sheet(
            name: "重复救助检查",
            title: "\(report.year)年重复救助检查结果",
            subtitle: [
                "重复救助率 \(report.duplicateAidRatePercent)（涉及工会救助记录 \(report.involvedRecords) 条 / 全年 \(report.unionAidRecords) 条）",
                "其中已确认 \(report.confirmedDuplicateAidRatePercent)（\(report.confirmedRecords) 条）；线索待处理 \(report.count(.open)) 项、已确认 \(report.count(.confirmed)) 项、已排除 \(report.count(.dismissed)) 项",
            ],
            headers: ["序号", "类型", "代码", "身份证号", "说明", "线索编号", "处理状态", "处理意见", "处理人", "处理时间"],
            rows: report.findings.enumerated().map { index, finding in
                [
                    .integer(index + 1), .text(finding.code.chineseName), .text(finding.code.rawValue), .text(finding.idNumbers.joined(separator: "\n")),
                    .text(finding.detail), .text(finding.id), .text(finding.decision?.summary ?? FindingStatus.open.chineseName),
                    .text(finding.decision?.note ?? ""), .text(finding.decision?.by ?? ""), .text(finding.decision?.at ?? ""),
                ]
            },
            notes: [
                "重复救助率 = 同批次重复、超年度上限、一人两档所涉工会救助记录数 ÷ 全年工会救助记录数（spec §5）；已确认的比率只计已确认线索所涉记录。",
                "处理线索：bangfu duplicates decide --year 年度 --finding 线索编号 --confirm recover|stop|allowed 或 --dismiss --reason 原因 --by 账号。",
            ])
    }
}
