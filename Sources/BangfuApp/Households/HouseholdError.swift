import BangfuCore

/// Why 建档, an edit or a status change stores nothing.
public enum HouseholdError: Error, Equatable, Sendable, UserFacingError {
    /// Values the import would refuse: every one of them, by field.
    case invalid([FieldProblem])
    /// The 困难类别 disagrees with the income check; stored only once the clerk confirms.
    case needsConfirmation(HardshipClassification.Check)
    /// 建档 of a 档案编号 already on file.
    case archiveExists(String)
    /// 脱困, 销档 or a return to 在档 without its reason.
    case reasonRequired
    /// A status the archive already has, or a step the lifecycle does not take (销档 → 脱困).
    case statusRefused(from: ArchiveStatus, to: ArchiveStatus)

    public var chinese: String {
        switch self {
        case .invalid(let problems): "档案有\(problems.count)处错误，未保存：" + problems.map { "\($0.field)「\($0.value.escapedForDisplay)」\($0.reason)" }.joined(separator: "；")
        case .needsConfirmation(let check): "\(check.chinese)。请核实后确认保存"
        case .archiveExists(let number): "档案编号 \(number.escapedForDisplay) 已存在"
        case .reasonRequired: "请填写原因（脱困、销档和恢复在档都须写明原因）"
        case .statusRefused(let from, let to) where from == to: "档案已是「\(to.chineseName)」状态"
        case .statusRefused(let from, let to): "档案状态不能由「\(from.chineseName)」改为「\(to.chineseName)」"
        }
    }

    public var english: String {
        switch self {
        case .invalid(let problems): "\(problems.count) problem\(problems.count == 1 ? "" : "s"): " + problems.map { "\($0.field): \($0.english)" }.joined(separator: "; ")
        case .needsConfirmation(let check): "\(check.english); confirm to store"
        case .archiveExists(let number): "archive \(number.escapedForDisplay) exists"
        case .reasonRequired: "a reason is required"
        case .statusRefused(let from, let to): "the status cannot go from \(from.rawValue) to \(to.rawValue)"
        }
    }

    public var failure: Failure {
        switch self {
        case .invalid, .needsConfirmation: .badInput
        case .reasonRequired: .invalidValue
        case .archiveExists, .statusRefused: .refused
        }
    }
}
