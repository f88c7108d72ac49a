import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// How many duplicate-aid findings the 工作台 shows each account, and how many of them are
/// still open: from the kept scan of the year being reviewed (`DuplicateScans`), which is
/// redone in the background when the records change. A page never waits on a scan: before
/// the first is done it shows none.
actor FindingCounts {
    struct Count: Sendable {
        var year: Int
        var findings: Int
        var open: Int
    }

    private let store: BangfuDatabase
    private let scans: DuplicateScans
    private let policies: [Policy]
    private var scanning = false

    init(store: BangfuDatabase, scans: DuplicateScans, policies: [Policy]) {
        self.store = store
        self.scans = scans
        self.policies = policies
    }

    /// The counts for `account` from the last scan (nil before the first is done), starting
    /// a new scan beside the page when none runs.
    func count(for account: Account, today: CalendarDate) async -> Count? {
        let store = store
        guard let year = try? await Blocking.run({ try DuplicateQueue.defaultYear(in: store, today: today) }) else { return nil }
        let policy = DuplicateQueue.defaultPolicy(for: year, among: policies)
        if !scanning {
            scanning = true
            let scans = scans
            Task.detached {
                _ = try? await scans.scan(year: year, policy: policy)
                await self.finished()
            }
        }
        guard let scan = await scans.lastScan(year: year, policy: policy),
              let report = try? await Blocking.run({ try DuplicateQueue.view(scan, viewer: account, in: store, countsRecords: false) }) else { return nil }
        return Count(year: year, findings: report.findings.count, open: report.count(.open))
    }

    private func finished() { scanning = false }
}
