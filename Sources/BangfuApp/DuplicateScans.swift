import BangfuCore
import BangfuStore
import Foundation

/// The server's scans of the duplicate check, one per year and policy, kept until the
/// records change: a scan reads the whole year (seconds on a province's records), and the
/// review queue, its decisions and the 工作台's count ask for it at every page. Whether the
/// records changed is one cheap look at the audit trail (`duplicateInputsMark`), where
/// every change leaves a line; the decisions are read afresh at each view.
public actor DuplicateScans {
    private struct Key: Hashable {
        var year: Int
        var policy: String?
    }

    private let store: BangfuDatabase
    private var scans: [Key: ScannedYear] = [:]
    private var running: [Key: Task<ScannedYear, any Error>] = [:]

    public init(store: BangfuDatabase) { self.store = store }

    /// The scan of `year` under `policy`'s limits (nil: none checked), from the last one
    /// when nothing has changed since; one scan at a time per year and policy, which every
    /// request asking meanwhile waits for.
    public func scan(year: Int, policy: Policy?) async throws -> ScannedYear {
        let key = Key(year: year, policy: policy?.id)
        let store = store
        let mark = try await Blocking.run { try store.duplicateInputsMark() }
        if let kept = scans[key], kept.mark == mark { return kept }
        if let task = running[key] { return try await task.value }
        let limits = policy.flatMap { AnnualLimits(policy: $0, year: year) }
        let task = Task { try await Blocking.runInBackground { try DuplicateQueue.scan(year: year, limits: limits, policyID: policy?.id, in: store) } }
        running[key] = task
        defer { running[key] = nil }
        let scanned = try await task.value
        scans[key] = scanned
        return scanned
    }

    /// The kept scan of `year` under `policy`, whatever has changed since; nil before the first.
    public func lastScan(year: Int, policy: Policy?) -> ScannedYear? { scans[Key(year: year, policy: policy?.id)] }

    /// For a page: the kept scan at once, even when the records changed since (`isCurrent`
    /// false) — a new scan then runs beside the page; only the first scan of a year and
    /// policy is waited for.
    public func scanForPage(year: Int, policy: Policy?) async throws -> (scan: ScannedYear, isCurrent: Bool) {
        guard let kept = lastScan(year: year, policy: policy) else { return (try await scan(year: year, policy: policy), true) }
        let store = store
        let mark = try await Blocking.run { try store.duplicateInputsMark() }
        guard kept.mark != mark else { return (kept, true) }
        Task { _ = try? await self.scan(year: year, policy: policy) }
        return (kept, false)
    }
}

extension DuplicateQueue {
    /// The year a queue opens on: this year once it has paid aid, else the latest year that
    /// has some — the year whose payments are still being reviewed (in January, last year's).
    public static func defaultYear(in store: BangfuDatabase, today: CalendarDate) throws -> Int {
        if try store.hasAid(inYear: today.year) { return today.year }
        return try store.latestAidYear() ?? today.year
    }

    /// The policy of `policies` whose annual limits cover `year`: the first by file name
    /// that has a 低保 in force in the year; nil when none has.
    public static func defaultPolicy(for year: Int, among policies: [Policy]) -> Policy? {
        policies.first { AnnualLimits(policy: $0, year: year) != nil }
    }
}

extension DuplicateQueue {
    /// The year and policy a request of the queue names (the page's or the API's `year=` and
    /// `policy=`), each defaulting as `defaultYear` and `defaultPolicy` say. A year that is not
    /// one, a policy id not among `policies`, or a policy with no 低保 in the year is refused.
    public static func select(
        year text: String?, policy id: String?, among policies: [Policy], in store: BangfuDatabase, today: CalendarDate
    ) throws -> (year: Int, policy: Policy?) {
        let year: Int
        if let text, !text.isEmpty {
            guard let number = Int(text), Plausible.years.contains(number) else { throw DuplicateQueryError.badYear(text) }
            year = number
        } else {
            year = try defaultYear(in: store, today: today)
        }
        guard let id, !id.isEmpty else { return (year, defaultPolicy(for: year, among: policies)) }
        guard let policy = policies.first(where: { $0.id == id }) else { throw DuplicateQueryError.unknownPolicy(id, known: policies.map(\.id)) }
        guard AnnualLimits(policy: policy, year: year) != nil else { throw DuplicateQueryError.policyNotInForce(id, year: year) }
        return (year, policy)
    }
}

/// A queue asked for with a year or a policy it cannot take (HTTP 422).
public enum DuplicateQueryError: Error, Equatable, Sendable, UserFacingError {
    case badYear(String)
    case unknownPolicy(String, known: [String])
    case policyNotInForce(String, year: Int)

    public var chinese: String {
        switch self {
        case .badYear(let text): "年度「\(text.escapedForDisplay)」无效（应为\(Plausible.yearsText)年之间的四位年份）"
        case .unknownPolicy(let id, let known):
            "没有策略「\(id.escapedForDisplay)」（可用：\(known.isEmpty ? "无" : known.joined(separator: "、"))）"
        case .policyNotInForce(let id, let year): "策略 \(id.escapedForDisplay) 在 \(year) 年没有适用的低保标准"
        }
    }

    public var english: String {
        switch self {
        case .badYear(let text): "year \(text.escapedForDisplay) is not a year within \(Plausible.yearsText)"
        case .unknownPolicy(let id, let known): "no policy \(id.escapedForDisplay) (known: \(known.joined(separator: ", ")))"
        case .policyNotInForce(let id, let year): "policy \(id.escapedForDisplay) has no 低保 in force in \(year)"
        }
    }

    public var failure: Failure { .badInput }
}
