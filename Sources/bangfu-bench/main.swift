import BangfuCore
import HummingbirdBcrypt
import BangfuImport
import BangfuStore
import Foundation

/// Benchmarks on generated data (see bench/run): each prints one line
/// `name<TAB>rows<TAB>seconds<TAB>rows/s`. Never part of the test suite.
let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else {
    print("usage: bangfu-bench parse|store KIND FILE [--db PATH] | bcrypt | search DB [ROUNDS]")
    exit(2)
}

func measure(_ name: String, rows: () throws -> Int) rethrows {
    let start = Date()
    let count = try rows()
    let seconds = Date().timeIntervalSince(start)
    print("\(name)\t\(count)\t\(String(format: "%.2f", seconds))\t\(Int(Double(count) / seconds))")
}

let kind = arguments.dropFirst().first ?? "households"
let file = arguments.dropFirst(2).first ?? ""
let databasePath = arguments.firstIndex(of: "--db").map { arguments[$0 + 1] } ?? "/tmp/bangfu-bench.sqlite"

func parseOnly<C, R>(_ format: RecordFormat<C, R>) throws -> Int {
    try CSVImporter(format: format).run(path: file) { _, _ in .written }.rows
}

switch (command, kind) {
case ("parse", "households"): try measure("parse+validate households") { try parseOnly(.households) }
case ("parse", "members"): try measure("parse+validate members") { try parseOnly(.members) }
case ("parse", "aid"): try measure("parse+validate aid") { try parseOnly(.aid) }
case ("store", "households"):
    // The store alone: generated households written without any CSV in between.
    let count = Int(file) ?? 200_000
    try? FileManager.default.removeItem(atPath: databasePath)
    let store = try BangfuDatabase(path: databasePath)
    var households: [Household] = []
    SampleGenerator(seed: 1, households: count, modelWorkers: 0, year: 2024).forEachHousehold { household, _ in households.append(household) }
    try measure("store upsert households") {
        try store.inTransaction { writer in
            let start = Date()
            for household in households { try writer.upsert(household) }
            print("  inside transaction: \(Date().timeIntervalSince(start)) s")
        }
        return households.count
    }
case ("bcrypt", _):
    // One password check at each cost, three times: the cost of `Passwords` is chosen from it.
    for cost: UInt8 in [10, 11, 12] {
        let hash = Bcrypt.hash("示例密码abc123", cost: cost)
        var times: [String] = []
        for _ in 0..<3 {
            let start = Date()
            _ = Bcrypt.verify("示例密码abc123", hash: hash)
            times.append(String(format: "%.0f ms", Date().timeIntervalSince(start) * 1000))
        }
        print("bcrypt cost \(cost): verify \(times.joined(separator: " / "))")
    }
case ("search", _):
    try SearchBench.run(databasePath: kind, rounds: Int(file) ?? 100)
default:
    print("unknown benchmark \(command) \(kind)")
    exit(2)
}
