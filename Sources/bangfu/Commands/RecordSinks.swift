import BangfuCore
import BangfuImport
import BangfuStore

/// What each import does with a valid record: the upserts of spec §3, shared by
/// `bangfu import` and `bangfu demo`.
enum RecordSinks {
    static func household(_ writer: RecordWriter, _ household: Household) throws -> SinkOutcome {
        try writer.upsert(household)
        return .written
    }

    static func member(_ writer: RecordWriter, _ member: Member) throws -> SinkOutcome {
        switch try writer.upsert(member) {
        case .written: return .written
        case .unknownArchive:
            return .rejected(
                column: MemberColumn.archiveNumber.header, value: member.archiveNumber.value,
                reason: "没有这个档案编号的家庭档案，请先导入家庭档案", english: "no household archive with this number")
        }
    }

    static func modelWorker(_ writer: RecordWriter, _ worker: ModelWorker) throws -> SinkOutcome {
        try writer.upsert(worker)
        return .written
    }

    static func aid(_ writer: RecordWriter, _ aid: AidRecord) throws -> SinkOutcome {
        try writer.insert(aid) ? .written : .skipped
    }
}
