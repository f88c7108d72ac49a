/// The finding codes of spec §5.
public enum FindingCode: String, CaseIterable, Hashable, Sendable {
    /// One person (身份证号; the student in 助学) twice in one batch.
    case sameBatch = "same_batch"
    /// A household's or student's aid of one kind in the year above the policy's annual limit.
    case overAnnualLimit = "over_annual_limit"
    /// One person listed as a member of two archives.
    case twoHouseholds = "two_households"
    /// Aided by the union and by another agency for the same 救助类型 in the year (002:2290–2296).
    case crossAgency = "cross_agency"
    /// One bank account used by different people.
    case sharedAccount = "shared_account"
    /// One 身份证号 with different names.
    case idNameMismatch = "id_name_mismatch"

    public var chineseName: String {
        switch self {
        case .sameBatch: "同批次重复"
        case .overAnnualLimit: "超年度上限"
        case .twoHouseholds: "一人两档"
        case .crossAgency: "跨部门重复救助"
        case .sharedAccount: "银行账号共用"
        case .idNameMismatch: "身份证号与姓名不符"
        }
    }

    /// spec §5: the findings whose union aid records count in `duplicate_aid_rate`.
    public var countsInDuplicateRate: Bool { [.sameBatch, .overAnnualLimit, .twoHouseholds].contains(self) }
}

/// One finding for a person to review: what was found, in Chinese, with the records.
public struct DuplicateFinding: Hashable, Sendable {
    public var code: FindingCode
    /// The people involved.
    public var idNumbers: [String]
    /// Names, archive numbers, dates and amounts, in Chinese.
    public var detail: String
    /// The paid union aid records involved (ids in the store), for the rate.
    public var aidRecordIDs: [Int64]
    /// What tells this finding apart from another of its code about the same people (the
    /// batch, the kind of aid, the account): part of its identity, never shown.
    public var subject: String
    /// The records behind the finding, for the review queue.
    public var evidence: FindingEvidence
    /// The finding's opaque identity (`FindingIdentity`); empty until it is identified.
    public var id: String
    /// The latest decision about it; nil while it is open.
    public var decision: FindingDecision?

    public init(
        code: FindingCode, idNumbers: [String], detail: String, aidRecordIDs: [Int64] = [], subject: String = "", evidence: FindingEvidence = FindingEvidence()
    ) {
        self.code = code
        self.idNumbers = idNumbers
        self.detail = detail
        self.aidRecordIDs = aidRecordIDs
        self.subject = subject
        self.evidence = evidence
        id = ""
        decision = nil
    }

    /// Open, confirmed or dismissed, as its latest decision says.
    public var status: FindingStatus {
        switch decision?.outcome {
        case nil: .open
        case .confirmed: .confirmed
        case .dismissed: .dismissed
        }
    }

    /// What identifies the finding from one scan to the next: the year, the code, what sets
    /// it apart, and its people's full 身份证号, sorted. `FindingIdentity` keys a digest of it.
    public func identity(year: Int) -> String {
        "\(year)|\(code.rawValue)|\(subject)|" + idNumbers.sorted().joined(separator: ",")
    }
}

/// The report of one year: the findings and spec §5's rate.
public struct DuplicateReport: Sendable {
    public var year: Int
    public var findings: [DuplicateFinding]
    /// Paid union aid records of the year.
    public var unionAidRecords: Int
    /// Whether the annual limits were checked (they need a policy file).
    public var limitsChecked: Bool

    public init(year: Int, findings: [DuplicateFinding], unionAidRecords: Int, limitsChecked: Bool) {
        self.year = year
        // A stable order whatever the query plans: by code, then people, then text.
        self.findings = findings.sorted {
            ($0.code.order, $0.idNumbers.joined(separator: ","), $0.detail) < ($1.code.order, $1.idNumbers.joined(separator: ","), $1.detail)
        }
        self.unionAidRecords = unionAidRecords
        self.limitsChecked = limitsChecked
    }

    /// Union aid records involved in a same_batch, over_annual_limit or two_households
    /// finding.
    public var involvedRecordIDs: Set<Int64> { Set(findings.filter(\.code.countsInDuplicateRate).flatMap(\.aidRecordIDs)) }

    /// How many records `involvedRecordIDs` holds.
    public var involvedRecords: Int { involvedRecordIDs.count }

    /// spec §5: involved ÷ all paid union aid records of the year; 0 when there are none.
    public var duplicateAidRate: Rational { unionAidRecords == 0 ? .zero : Rational(involvedRecords, unionAidRecords) }

    /// spec §5's rate over some of the year's records — a project's (spec §7: metrics come
    /// from the project's paid batches): the share of `records` involved; nil for none.
    public func duplicateAidRate(among records: [Int64]) -> Rational? {
        guard !records.isEmpty else { return nil }
        let involved = involvedRecordIDs
        return Rational(records.filter(involved.contains).count, records.count)
    }

    /// The rate for people: `1.25%`.
    public var duplicateAidRatePercent: String { Self.percent(duplicateAidRate) }

    /// How many findings stand at `status`.
    public func count(_ status: FindingStatus) -> Int { findings.filter { $0.status == status }.count }

    /// Union aid records involved in a confirmed same_batch, over_annual_limit or
    /// two_households finding.
    public var confirmedRecords: Int {
        Set(findings.filter { $0.code.countsInDuplicateRate && $0.status == .confirmed }.flatMap(\.aidRecordIDs)).count
    }

    /// spec §5's rate counting only the records of confirmed findings: what review has
    /// established, beside `duplicateAidRate`, which counts every finding, open ones too.
    public var confirmedDuplicateAidRate: Rational { unionAidRecords == 0 ? .zero : Rational(confirmedRecords, unionAidRecords) }

    /// `confirmedDuplicateAidRate` for people.
    public var confirmedDuplicateAidRatePercent: String { Self.percent(confirmedDuplicateAidRate) }

    private static func percent(_ rate: Rational) -> String { (rate * Rational(100)).rounded(toPlaces: 2).description + "%" }
}

extension FindingCode {
    var order: Int { FindingCode.allCases.firstIndex(of: self) ?? 0 }
}
