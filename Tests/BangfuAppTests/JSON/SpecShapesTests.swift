import BangfuApp
import BangfuCore
import Foundation
import Testing

/// The spec's JSON shapes through `JSONTextEncoder` print the bytes `SpecJSON` printed before
/// them (the expected texts are its output on these values), `null` where a value is absent.
struct SpecShapesTests {
    typealias Fixtures = JSONShapeFixtures

    func text(_ value: some Encodable) throws -> String { try JSONTextEncoder().text(value) }

    /// The keys of the object `value` encodes to, in the order they are written.
    func keys(_ value: some Encodable) throws -> [String] {
        var keys: [String] = []
        var depth = 0
        var string: [UInt8]?
        var escaped = false
        var expectingKey = false
        for byte in try JSONTextEncoder().bytes(value) {
            if var text = string {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    if expectingKey { keys.append(String(decoding: text, as: UTF8.self)) }
                    string = nil
                    expectingKey = false
                    continue
                }
                text.append(byte)
                string = text
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): string = []
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ","): expectingKey = depth == 1
            default: break
            }
        }
        return keys
    }

    @Test func aHouseholdPrintsAsBeforeWithItsMembersAndEscapes() throws {
        #expect(try text(HouseholdJSON(Fixtures.household, members: Fixtures.members)) == #"{"archive_no": "QD-001", "head_name": "王\"建国\"", "head_id_number": "370202197503090124", "category": "deep", "size": 3, "annual_income_fen": 1200050, "status": "exited", "members": [{"name": "王建国", "id_number": "370202197503090124", "relation": "本人", "school_stage": "none"}, {"name": "王小明\\\n\t\u0001", "id_number": "37020220050601034X", "relation": "子女", "school_stage": "high_school"}]}"#)
        #expect(try text(HouseholdJSON(Fixtures.household, members: [])) == #"{"archive_no": "QD-001", "head_name": "王\"建国\"", "head_id_number": "370202197503090124", "category": "deep", "size": 3, "annual_income_fen": 1200050, "status": "exited", "members": []}"#)
    }

    @Test func aModelWorkerWithoutSpecialCauseHasItAsNull() throws {
        #expect(try text(ModelWorkerJSON(Fixtures.specialWorker)) == #"{"name": "徐一建", "id_number": "370202197503090124", "level": "national", "annual_income_fen": 1585700, "hardship": "special", "special_cause": "major_illness"}"#)
        #expect(try text(ModelWorkerJSON(Fixtures.livingWorker)) == #"{"name": "孙超斌", "id_number": "37020220050601034X", "level": "municipal", "annual_income_fen": 4525600, "hardship": "living", "special_cause": null}"#)
    }

    @Test func aBatchListingPrintsAsBefore() throws {
        #expect(try text(BatchListingJSON(Fixtures.batch)) == #"{"id": 7, "name": "2024年春节助学", "kind": "education", "status": "first_reviewed", "date": "2024-01-20", "total_fen": 500000}"#)
    }

    @Test func aBatchPrintsItsHeadThenItsEntriesWithAbsentValuesAsNull() throws {
        #expect(try text(BatchJSON(Fixtures.batch, entries: [Fixtures.studentEntry, Fixtures.workerEntry])) == #"{"id": 7, "name": "2024年春节助学", "kind": "education", "status": "first_reviewed", "date": "2024-01-20", "policy_id": "qingdao-2024", "dibao_monthly_fen": null, "budget_fen": 100000, "total_fen": 500000, "over_budget": true, "project": "省财政", "project_budget_fen": null, "entries": [{"id_number": "370202197503090124", "name": "王建国", "archive_no": "QD-001", "student_id_number": "37020220050601034X", "eligible": true, "amount_fen": 500000, "reasons": ["本科：10000元", "已获0元"], "transfer_state": null, "transfer_date": null, "transfer_reason": null, "transfer_round": null}, {"id_number": "37020220050601034X", "name": "孙超斌", "archive_no": null, "student_id_number": null, "eligible": false, "amount_fen": 0, "reasons": [], "transfer_state": null, "transfer_date": null, "transfer_reason": null, "transfer_round": null}]}"#)
        #expect(try text(BatchJSON(Fixtures.livingBatch, entries: [])) == #"{"id": 1, "name": "生活救助", "kind": "living", "status": "paid", "date": "2024-07-01", "policy_id": "qingdao-2024", "dibao_monthly_fen": 111500, "budget_fen": null, "total_fen": 0, "over_budget": false, "project": null, "project_budget_fen": null, "entries": []}"#)
        #expect(try text(BatchEntryJSON(Fixtures.studentEntry)) == #"{"id_number": "370202197503090124", "name": "王建国", "archive_no": "QD-001", "student_id_number": "37020220050601034X", "eligible": true, "amount_fen": 500000, "reasons": ["本科：10000元", "已获0元"], "transfer_state": null, "transfer_date": null, "transfer_reason": null, "transfer_round": null}"#)
        #expect(try text(BatchEntryJSON(Fixtures.workerEntry)) == #"{"id_number": "37020220050601034X", "name": "孙超斌", "archive_no": null, "student_id_number": null, "eligible": false, "amount_fen": 0, "reasons": [], "transfer_state": null, "transfer_date": null, "transfer_reason": null, "transfer_round": null}"#)
    }

    @Test func duplicatesPrintTheirRateExactWhereItCanBeElseAsAFullDouble() throws {
        #expect(try text(DuplicateReportJSON(Fixtures.duplicates)) == #"{"year": 2024, "duplicate_aid_rate": 0.3333333333333333, "confirmed_duplicate_aid_rate": 0, "open_findings": 2, "confirmed_findings": 0, "dismissed_findings": 0, "findings": [{"code": "same_batch", "id_numbers": ["370202197503090124"], "detail": "批次2中出现2次", "finding_id": "", "decision": null}, {"code": "shared_account", "id_numbers": ["370202197503090124", "37020220050601034X"], "detail": "账号6222…3446", "finding_id": "", "decision": null}]}"#)
        #expect(try text(DuplicateReportJSON(Fixtures.exactDuplicates)) == #"{"year": 2024, "duplicate_aid_rate": 0.25, "confirmed_duplicate_aid_rate": 0, "open_findings": 1, "confirmed_findings": 0, "dismissed_findings": 0, "findings": [{"code": "two_households", "id_numbers": ["37020220050601034X"], "detail": "两个档案", "finding_id": "", "decision": null}]}"#)
        #expect(try text(DuplicateReportJSON(Fixtures.emptyDuplicates)) == #"{"year": 2023, "duplicate_aid_rate": 0, "confirmed_duplicate_aid_rate": 0, "open_findings": 0, "confirmed_findings": 0, "dismissed_findings": 0, "findings": []}"#)
    }

    @Test func anEvaluationPrintsDecimalsAsDigitsAndMissingValuesAsNull() throws {
        #expect(try text(EvaluationJSON(Fixtures.evaluation)) == #"{"project": "省财政困难职工帮扶", "year": 2024, "budget_fen": 70000000, "executed_fen": 66500000, "execution_rate": 0.95, "execution_score": 9.52, "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "救助困难职工人数", "op": ">=", "target": 100, "actual": 363, "weight": 10, "score": 10, "deviation_note": "实际完成值363人比年度指标值100人高263%"}, {"level1": "产出指标", "level2": "质量指标", "name": "准确率", "op": "<=", "target": 99.5, "actual": 66.66666666666667, "weight": 12.5, "score": 8.33, "deviation_note": null}, {"level1": "效益指标", "level2": "社会效益指标", "name": "生活改善度", "op": "qualitative", "target": "明显改善", "actual": "达成", "weight": 30, "score": 30, "deviation_note": null}, {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "op": "=", "target": null, "actual": null, "weight": 5, "score": 0, "deviation_note": "未取得"}], "total_score": 57.85, "grade": "中", "entries_not_reported": 0}"#)
    }

    @Test func auditLinesPrintAsBefore() throws {
        #expect(try text(AuditLineJSON(Fixtures.importLine)) == #"{"id": 1, "at": "2024-01-20T01:30:00+08:00", "actor": "经办人周婷", "action": "import households", "batch_id": null, "subject": "", "detail": "households.csv: 400 rows"}"#)
        #expect(try text(AuditLineJSON(Fixtures.reviewLine)) == #"{"id": 9, "at": "2024-01-21T09:00:00+08:00", "actor": "张敏", "action": "batch review first", "batch_id": 7, "subject": "370202197503090124", "detail": "初审"}"#)
    }

    @Test func keysComeInTheSpecsOrder() throws {
        // spec §1
        #expect(try keys(HouseholdJSON(Fixtures.household, members: [])) ==
            ["archive_no", "head_name", "head_id_number", "category", "size", "annual_income_fen", "status", "members"])
        #expect(try keys(ModelWorkerJSON(Fixtures.livingWorker)) == ["name", "id_number", "level", "annual_income_fen", "hardship", "special_cause"])
        #expect(try keys(BatchListingJSON(Fixtures.batch)) == ["id", "name", "kind", "status", "date", "total_fen"])
        // spec §6.1, §6.2, §6.3
        #expect(try keys(BatchJSON(Fixtures.livingBatch, entries: [])) == [
            "id", "name", "kind", "status", "date", "policy_id", "dibao_monthly_fen", "budget_fen", "total_fen", "over_budget",
            "project", "project_budget_fen",  // extra keys (issue 16): the project and its budget
            "entries",
        ])
        #expect(try keys(BatchEntryJSON(Fixtures.workerEntry)) == [
            "id_number", "name", "archive_no", "student_id_number", "eligible", "amount_fen", "reasons",
            "transfer_state", "transfer_date", "transfer_reason", "transfer_round",  // extra keys (issue 19): the entry's transfer
        ])
        // spec §6.2's keys in its order, the review queue's (issue 16) among them, never in their place.
        #expect(try keys(DuplicateReportJSON(Fixtures.emptyDuplicates)) == [
            "year", "duplicate_aid_rate", "confirmed_duplicate_aid_rate", "open_findings", "confirmed_findings", "dismissed_findings", "findings",
        ])
        #expect(try keys(EvaluationJSON(Fixtures.evaluation)) == [
            "project", "year", "budget_fen", "executed_fen", "execution_rate", "execution_score", "indicators", "total_score", "grade",
            "entries_not_reported",  // extra key (issue 19)
        ])
        #expect(try keys(IndicatorRowJSON(Fixtures.evaluation.rows[3])) ==
            ["level1", "level2", "name", "op", "target", "actual", "weight", "score", "deviation_note"])
    }

    @Test func foundationsEncoderWritesTheSameBatchAndForm() throws {
        // Given the shapes the web will encode with Foundation
        let batch = BatchJSON(Fixtures.batch, entries: [Fixtures.studentEntry, Fixtures.workerEntry])
        let evaluation = EvaluationJSON(Fixtures.evaluation)
        for (foundation, ours) in [
            (try JSONEncoder().encode(batch), try text(batch)), (try JSONEncoder().encode(evaluation), try text(evaluation)),
        ] {
            // Then both parse to the same values, nulls included
            let parsed = try JSONSerialization.jsonObject(with: foundation) as? NSDictionary
            let expected = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
            #expect(parsed != nil && parsed == expected, "\(String(decoding: foundation, as: UTF8.self))")
        }
        let nulls = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(batch)) as? [String: Any])
        #expect(nulls["dibao_monthly_fen"] is NSNull)
    }

    @Test func numbersThatJSONCannotHoldAreRefused() {
        #expect(throws: EncodingError.self) { try JSONTextEncoder().bytes(Double.nan) }
        #expect(throws: EncodingError.self) { try JSONTextEncoder().bytes(UInt64.max) }
    }
}
