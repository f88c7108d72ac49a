import BangfuCore
import BangfuStore
import Foundation

/// Archive search latency (issue 15) on an imported database: each query run `rounds` times
/// through `BangfuDatabase.searchArchives`, a page of 20 with its members and the count,
/// as the web page asks it. Prints one line per query: p50 and p99 in milliseconds.
enum SearchBench {
    static func run(databasePath: String, rounds: Int) throws {
        let store = try BangfuDatabase(path: databasePath, access: .readOnly)
        // Numbers and a full name of an archive in the middle of the file, and its union.
        let sample = try store.searchArchives(ArchiveQuery(text: "QD2024-500000", limit: 1))
        guard let (household, members) = sample.page.first else {
            print("no archive QD2024-500000 in \(databasePath): import a generated set of 1,000,000 first")
            exit(1)
        }
        let memberID = members.last?.idNumber.value ?? household.headIDNumber.value
        let union = household.unionName
        let queries: [(String, ArchiveQuery)] = [
            ("1-char surname 王", ArchiveQuery(text: "王")),
            ("1-char surname 王, union filter", ArchiveQuery(text: "王", unionFilter: union)),
            ("1-char surname 王, 在档", ArchiveQuery(text: "王", status: .active)),
            ("1-char given 明, page 50", ArchiveQuery(text: "明", offset: 49 * 20)),
            ("2-char name 李红", ArchiveQuery(text: "李红")),
            ("2-char name 李红, union filter", ArchiveQuery(text: "李红", unionFilter: union)),
            ("3-char name \(household.headName)", ArchiveQuery(text: household.headName)),
            ("3-char name, union filter", ArchiveQuery(text: household.headName, unionFilter: union)),
            ("no match 王小二", ArchiveQuery(text: "王小二")),
            ("档案编号", ArchiveQuery(text: household.archiveNumber.value)),
            ("head 身份证号", ArchiveQuery(text: household.headIDNumber.value)),
            ("member 身份证号, union filter", ArchiveQuery(text: memberID, unionFilter: union)),
            ("no text, union filter", ArchiveQuery(unionFilter: union)),
        ]
        for (label, query) in queries {
            var query = query
            query.limit = 20
            var times: [Double] = []
            var found: ArchiveSearchResult?
            for _ in 0..<rounds {
                let start = Date()
                found = try store.searchArchives(query)
                times.append(Date().timeIntervalSince(start) * 1000)
            }
            times.sort()
            let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
            let total = found.map { "\($0.totalIsCapped ? ">" : "")\($0.total)" } ?? "-"
            print(String(format: "%@\ttotal %@\tp50 %.2f ms\tp99 %.2f ms", label, total, times[times.count / 2], p99))
        }
    }
}
