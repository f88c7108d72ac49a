import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// How many duplicate-aid findings the 工作台 shows each account, counted in the background:
/// a province's check takes seconds, and a page never waits on it. A count is kept ten
/// minutes; an older one is shown while the next is counted.
actor FindingCounts {
    struct Count: Sendable {
        var year: Int
        var findings: Int
        var at: Date
    }

    private let store: BangfuDatabase
    private var counts: [String: Count] = [:]
    private var counting: Set<String> = []
    private let freshFor: TimeInterval = 600

    init(store: BangfuDatabase) { self.store = store }

    /// The last count for `account` (nil before the first is done), starting a new one when
    /// it is missing or old.
    func count(for account: Account, today: CalendarDate) -> Count? {
        let known = counts[account.login]
        if known.map({ Date().timeIntervalSince($0.at) > freshFor }) ?? true, !counting.contains(account.login) {
            counting.insert(account.login)
            let store = store
            Task.detached {
                let count = try? await Blocking.run { () -> Count in
                    let year = try FindingCounts.year(in: store, today: today)
                    let report = try DuplicateChecks.report(year: year, policyPath: nil, viewer: account, in: store)
                    return Count(year: year, findings: report.findings.count, at: Date())
                }
                await self.finish(account.login, count)
            }
        }
        return known
    }

    private func finish(_ login: String, _ count: Count?) {
        counting.remove(login)
        if let count { counts[login] = count }
    }

    /// The year the count is about: this year, or — before this year has a paid batch — the
    /// year of the latest one, which is what is still being reviewed.
    nonisolated static func year(in store: BangfuDatabase, today: CalendarDate) throws -> Int {
        let paid = try store.batches().filter { $0.status == .paid }.map(\.date.year)
        return paid.contains(today.year) ? today.year : paid.max() ?? today.year
    }
}
