import BangfuApp
import BangfuCore
import BangfuStore
import Foundation

/// The 建档 and edit form as the template reads it, and back: one input per field of
/// households.csv under its JSON key, the members as rows of repeated fields (a row left
/// empty is no member), each problem beside its field.
enum HouseholdFormValues {
    enum Mode {
        case new
        case edit(String)
    }

    /// What a submitted form said.
    struct Typed {
        var form: HouseholdForm
        var values: [ArchiveField: String]
        var members: [[MemberField: String]]
        var confirmed: Bool
    }

    /// The fields the form shows, in the order of households.csv; status has its own steps.
    static let fields: [ArchiveField] = ArchiveField.allCases.filter { $0 != .status }
    /// Empty member rows offered for adding people.
    static let blankRows = 3

    static func read(_ form: FormBody, editing: Bool) -> Typed {
        var values: [ArchiveField: String] = [:]
        for field in fields where !(editing && field == .archiveNo) {
            values[field] = form[field.rawValue] ?? ""
        }
        let columns = MemberField.allCases.map { field in (field, form.all("member_" + field.rawValue)) }
        let rows = columns.map(\.1.count).max() ?? 0
        var members: [[MemberField: String]] = []
        for row in 0..<rows {
            var member: [MemberField: String] = [:]
            for (field, column) in columns where row < column.count { member[field] = column[row] }
            // A row of blank boxes is no member, even with its 就学阶段 menu left at 无.
            let typed = member.filter { field, value in
                !value.trimmingCharacters(in: .whitespaces).isEmpty && !(field == .schoolStage && value == SchoolStage.none.chineseName)
            }
            if !typed.isEmpty { members.append(member) }
        }
        let household = HouseholdForm(values: values, members: members.map { MemberForm(values: $0) })
        return Typed(form: household, values: values, members: members, confirmed: form["confirm"] == "1")
    }

    /// The stored record as the form's starting values (money in yuan as a file holds it).
    static func values(of record: HouseholdRecordJSON) -> ([ArchiveField: String], [[MemberField: String]]) {
        let values: [ArchiveField: String] = [
            .archiveNo: record.archiveNo, .headName: record.headName, .headIDNumber: record.headIDNumber, .workUnit: record.workUnit,
            .union: record.union, .category: HardshipCategory(rawValue: record.category)?.chineseName ?? record.category,
            .registeredOn: record.registeredOn, .size: String(record.size), .annualIncome: Money(fen: record.annualIncomeFen).yuanText,
            .medicalExpense: record.medicalExpenseFen.map { Money(fen: $0).yuanText } ?? "", .cause: record.cause ?? "",
            .phone: record.phone, .bankName: record.bankName, .bankAccount: record.bankAccount,
        ]
        let members = record.members.map { member -> [MemberField: String] in
            [
                .name: member.name, .idNumber: member.idNumber, .relation: member.relation,
                .schoolStage: SchoolStage(rawValue: member.schoolStage)?.chineseName ?? member.schoolStage,
                .school: member.school ?? "", .note: member.note ?? "",
            ]
        }
        return (values, members)
    }

    static func page(_ mode: Mode, typed: Typed, error: HouseholdError, account: Account, token: String) -> [String: Any] {
        var problems: [String: String] = [:]
        var message: String?
        var warning: String?
        switch error {
        case .invalid(let list):
            for problem in list { problems[problem.field, default: ""] += (problems[problem.field] == nil ? "" : "；") + problem.reason }
            message = "有 \(list.count) 处需要更正，档案尚未保存。"
        case .needsConfirmation(let check): warning = check.chinese
        default: message = error.chinese
        }
        var values = page(mode, values: typed.values, members: typed.members, account: account, token: token, problems: problems)
        values["formProblem"] = message
        values["warning"] = warning
        return values.compactMapValues { $0 }
    }

    static func page(
        _ mode: Mode, values: [ArchiveField: String], members: [[MemberField: String]], account: Account, token: String,
        problems: [String: String] = [:]
    ) -> [String: Any] {
        let editing: String? = if case .edit(let number) = mode { number } else { nil }
        let title = editing.map { "修改档案 \($0)" } ?? "建档"
        var page = PageFrame.values(title, account: account, token: token, current: editing == nil ? "/archives/new" : "/archives")
        page["heading"] = title
        page["action"] = editing.map { "/archives/\(PageLinks.segment($0))/edit" } ?? "/archives/new"
        page["cancel"] = editing.map { "/archives/\(PageLinks.segment($0))" } ?? "/"
        page["fields"] = fields.map { field -> [String: Any] in
            var item: [String: Any] = [
                "name": field.rawValue, "label": field.label, "value": values[field] ?? "", "required": required.contains(field),
                "hint": hints[field] ?? "",
            ]
            if let problem = problems[field.rawValue] { item["fieldProblem"] = problem }
            if field == .archiveNo, editing != nil { item["readonly"] = true }
            if field == .union, let union = account.union { item["readonly"] = true; item["value"] = union }
            if field == .category {
                item["options"] = HardshipCategory.allCases.map { ["value": $0.chineseName, "selected": $0.chineseName == values[field]] }
                item["hasOptions"] = true
            }
            return item
        }
        page["memberHeaders"] = MemberField.allCases.map(\.label)
        let rows = members + Array(repeating: [:], count: blankRows)
        page["members"] = rows.enumerated().map { index, member -> [String: Any] in
            [
                "number": index + 1,
                "cells": MemberField.allCases.map { field -> [String: Any] in
                    var cell: [String: Any] = ["name": "member_" + field.rawValue, "label": field.label, "value": member[field] ?? ""]
                    if let problem = problems["members[\(index)].\(field.rawValue)"] ?? (field == .name ? problems["members[\(index)]"] : nil) {
                        cell["fieldProblem"] = problem
                    }
                    if field == .schoolStage {
                        cell["options"] = SchoolStage.allCases.map { ["value": $0.chineseName, "selected": $0.chineseName == (member[field] ?? SchoolStage.none.chineseName)] }
                        cell["hasOptions"] = true
                    }
                    return cell
                },
            ]
        }
        return page
    }

    private static let required: Set<ArchiveField> = [.archiveNo, .headName, .headIDNumber, .category, .registeredOn, .size, .annualIncome]
    private static let hints: [ArchiveField: String] = [
        .headIDNumber: "18 位，末位校验码按 GB 11643 核对", .registeredOn: "年-月-日，如 2024-03-15", .annualIncome: "元，可带两位小数",
        .medicalExpense: "元；没有可不填", .size: "户籍与共同生活的人数",
    ]
}
