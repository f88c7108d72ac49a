import ArgumentParser
import BangfuCore
import BangfuImport
import Foundation

extension Bangfu {
    /// `bangfu generate`: a synthetic data set of any size for benchmarks and trials,
    /// deterministic from its seed, written as spec §3's import files.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成模拟数据 (write generated households.csv, members.csv, model-workers.csv, aid.csv).")

        @Option(help: "家庭户数 (households)") var households: Int = 1000
        @Option(name: .customLong("model-workers"), help: "劳模人数 (model workers; default households ÷ 10)") var modelWorkers: Int?
        @Option(help: "随机种子 (seed)") var seed: UInt64 = 2024
        @Option(help: "数据年度 (year of the aid records)") var year: Int = 2024
        @Option(help: "输出目录 (output folder)") var out: String
        @Option(name: .customLong("aid-years"), help: "救助记录覆盖的年数，截至数据年度的上一年 (years of earlier aid, ending the year before --year)")
        var aidYears: Int = 1
        @Flag(name: .customLong("plant-duplicates"), help: "埋入每种重复救助情形各一例（示例数据用）(plant one case of each duplicate finding)")
        var plantDuplicates = false

        func validate() throws {
            guard (1...SampleGenerator.maximumHouseholds).contains(households) else {
                throw ValidationError("--households must be between 1 and \(SampleGenerator.maximumHouseholds)")
            }
            if let modelWorkers, !(0...SampleGenerator.maximumModelWorkers).contains(modelWorkers) {
                throw ValidationError("--model-workers must be between 0 and \(SampleGenerator.maximumModelWorkers)")
            }
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be between 2000 and 2100") }
            guard (1...50).contains(aidYears), year - aidYears >= SampleGenerator.supportedYears.lowerBound else {
                throw ValidationError(
                    "--aid-years 应在 1 到 50 之间，且不早于 \(SampleGenerator.supportedYears.lowerBound) 年 "
                        + "(--aid-years must be between 1 and 50, and not reach before \(SampleGenerator.supportedYears.lowerBound))")
            }
            if plantDuplicates, households < PlantedDuplicates.minimumHouseholds || (modelWorkers ?? households / 10) < 1 {
                throw ValidationError("--plant-duplicates needs at least \(PlantedDuplicates.minimumHouseholds) households and one model worker")
            }
        }

        func run() throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let generator = SampleGenerator(
                seed: seed, households: households, modelWorkers: modelWorkers ?? max(1, households / 10), year: year,
                plantsDuplicates: plantDuplicates, aidYears: aidYears)
            let counts = try SampleFiles.write(generator, to: out)
            print("已生成 \(counts.households) 户、\(counts.members) 名家庭成员、\(counts.modelWorkers) 名劳模、\(counts.aidRecords) 条救助记录 → \(out)")
        }
    }
}

/// Writes a generated data set as the four import files.
enum SampleFiles {
    struct Counts {
        var households = 0, members = 0, modelWorkers = 0, aidRecords = 0
    }

    static func write(_ generator: SampleGenerator, to folder: String) throws -> Counts {
        var counts = Counts()
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }
        let households = try CSVFileWriter(path: path("households.csv"), header: ImportFileRows.householdHeader)
        let members = try CSVFileWriter(path: path("members.csv"), header: ImportFileRows.memberHeader)
        try generator.forEachHousehold { household, people in
            try households.write(ImportFileRows.row(household))
            counts.households += 1
            for person in people {
                try members.write(ImportFileRows.row(person))
                counts.members += 1
            }
        }
        try households.close()
        try members.close()
        let workers = try CSVFileWriter(path: path("model-workers.csv"), header: ImportFileRows.modelWorkerHeader)
        try generator.forEachModelWorker { worker in
            try workers.write(ImportFileRows.row(worker))
            counts.modelWorkers += 1
        }
        try workers.close()
        let aid = try CSVFileWriter(path: path("aid.csv"), header: ImportFileRows.aidHeader)
        try generator.forEachAidRecord { record in
            try aid.write(ImportFileRows.row(record))
            counts.aidRecords += 1
        }
        try aid.close()
        return counts
    }
}
