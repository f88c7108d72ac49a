import BangfuCore
import BangfuImport
import BangfuStore

/// What each import does with a valid record: the upserts of spec §3, shared by
/// `bangfu import` and `bangfu demo`.
enum RecordSinks {
    static func household(_ writer: any RecordWriting, _ household: Household, row: Int) throws -> SinkOutcome {
        outcome(try writer.upsert(household, row: row), key: HouseholdColumn.archiveNumber.header, household.archiveNumber.value)
    }

    static func member(_ writer: any RecordWriting, _ member: Member, row: Int) throws -> SinkOutcome {
        let written = try writer.upsert(member, row: row)
        if written == .unknownArchive {
            return .rejected(
                column: MemberColumn.archiveNumber.header, value: member.archiveNumber.value,
                reason: "没有这个档案编号的家庭档案，请先导入家庭档案", english: "no household archive with this number")
        }
        return outcome(written, key: MemberColumn.idNumber.header, member.idNumber.value)
    }

    static func modelWorker(_ writer: any RecordWriting, _ worker: ModelWorker, row: Int) throws -> SinkOutcome {
        outcome(try writer.upsert(worker, row: row), key: ModelWorkerColumn.idNumber.header, worker.idNumber.value)
    }

    static func aid(_ writer: any RecordWriting, _ aid: AidRecord, row: Int) throws -> SinkOutcome {
        try writer.insert(aid, batchID: nil) ? .written : .skipped
    }

    private static func outcome(_ written: RecordWriter.WriteOutcome, key column: String, _ value: String) -> SinkOutcome {
        switch written {
        case .written, .unknownArchive: .written
        case .duplicate(let firstRow):
            .rejected(column: column, value: value, reason: "与本文件第\(firstRow)行重复", english: "repeats row \(firstRow) of this file")
        }
    }
}
