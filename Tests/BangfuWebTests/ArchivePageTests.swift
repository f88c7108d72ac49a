import BangfuApp
import BangfuCore
import BangfuStore
import BangfuWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The household page, 建档 and edit forms, the lifecycle and the import wizard (spec §9),
/// driven in memory through the router as a browser would.
struct ArchivePageTests {
    func app() throws -> (BangfuDatabase, some ApplicationProtocol) {
        let store = try APITests().store()
        let shell = BangfuApp.RequestContext(actor: try Person(name: "测试"))
        _ = try Accounts.add(AccountRequest(login: "city", name: "市录入员", roles: [.clerk], union: nil), password: "Secret2024pass", in: store, context: shell)
        let policies = try PolicyDirectory.load(HouseholdAPITests.repository.appendingPathComponent("policies").path)
        return (store, Application(router: buildRouter(store: store, settings: WebSettings(policies: policies))))
    }

    /// The 建档 form's fields for a 深度困难 household of two with `income` yuan a year (20,000: 833.33
    /// a head a month, under 低保 1045, 002:2201–2203), and one member.
    func registration(_ number: String, head: String, member: String, income: String = "20000") -> [(String, String)] {
        [
            ("archive_no", number), ("head_name", "赵海"), ("head_id_number", head), ("work_unit", "青岛港"), ("union", "港工会"),
            ("category", "深度困难"), ("registered_on", "2024-02-20"), ("size", "2"), ("annual_income_fen", income),
            ("medical_expense_fen", ""), ("cause", ""), ("phone", ""), ("bank_name", ""), ("bank_account", ""),
            ("member_name", "赵小海"), ("member_id_number", member), ("member_relation", "子"), ("member_school_stage", "无"),
            ("member_school", ""), ("member_note", ""),
            ("member_name", ""), ("member_id_number", ""), ("member_relation", ""), ("member_school_stage", "无"),
            ("member_school", ""), ("member_note", ""),
        ]
    }

    @Test func theHouseholdPageShowsMembersWithAgeAndSexAndIsAnAuditLine() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            let (status, _, html) = try await browser.get("/archives/QD-001")
            #expect(status == .ok)
            #expect(html.contains("王建国家") && html.contains("修改档案") && html.contains(APITests.id(1)))
            let absent = try await browser.get("/archives/QD-002")
            #expect(absent.status == .notFound, "another union's archive answers as absent")
            #expect(absent.html.contains("没有档案编号为 QD-002 的档案") && absent.html.contains("港录入员"), "the error page keeps the menu")
        }
        store.finishDeferredWrites()
        #expect(try store.auditLines().contains { $0.action == .archiveView && $0.detail == "QD-001" })
    }

    @Test func anApproverSeesTheHouseholdMaskedWithoutEditing() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            let html = try await browser.get("/archives/QD-002").html
            #expect(!html.contains(APITests.id(2)) && html.contains("********"))
            #expect(!html.contains("修改档案") && !html.contains("name=\"reason\""))
            #expect(try await browser.get("/archives/new").status == .forbidden)
        }
    }

    @Test func aRegistrationWithAWrongNumberStoresNothingAndShowsTheProblemBesideItsField() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            try await browser.get("/archives/new")
            let head = IDNumber(region: 370202, birth: CalendarDate(year: 1980, month: 1, day: 1)!, sequence: 7).value
            let member = IDNumber(region: 370202, birth: CalendarDate(year: 2010, month: 1, day: 1)!, sequence: 8).value
            let wrong = String(head.dropLast()) + (head.last == "0" ? "1" : "0")
            let refused = try await browser.post("/archives/new", registration("QD-301", head: wrong, member: member))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("有 1 处需要更正"))
            #expect(refused.html.contains("<label class=\"invalid\"><span>户主身份证号"))
            #expect(refused.html.contains("value=\"赵小海\""), "what was typed stays in the form")
            #expect(try store.archive(ArchiveNumber("QD-301")) == nil)

            let stored = try await browser.post("/archives/new", registration("QD-301", head: head, member: member))
            #expect(stored.status == .seeOther, "\(stored.html.components(separatedBy: "field-problem").dropFirst().map { $0.prefix(80) })")
            #expect(stored.headers[.location] == "/archives/QD-301?done=registered")
            let page = try await browser.get("/archives/QD-301?done=registered").html
            #expect(page.contains("已建档") && page.contains("赵小海") && page.contains("建档"))
            // Ages on the day of the request, from the birth dates in the numbers.
            let today = BangfuApp.RequestContext(actor: try Person(name: "t")).today
            #expect(page.contains("<td>\(today.years(since: CalendarDate(year: 2010, month: 1, day: 1)!)) 岁</td>"))
            #expect(page.contains("<td>女</td>") || page.contains("<td>男</td>"))
        }
    }

    @Test func aCategoryTheIncomeDisagreesWithAsksForConfirmation() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            try await browser.get("/archives/new")
            let head = IDNumber(region: 370202, birth: CalendarDate(year: 1980, month: 1, day: 1)!, sequence: 9).value
            let member = IDNumber(region: 370202, birth: CalendarDate(year: 2010, month: 1, day: 1)!, sequence: 10).value
            // 60,000 yuan for 2 people: 2,500 a head a month, over 2 × 低保 1045 (002:2201–2203).
            let fields = registration("QD-302", head: head, member: member, income: "60000")
            let asked = try await browser.post("/archives/new", fields)
            #expect(asked.status == .unprocessableContent)
            #expect(asked.html.contains("请核实困难类别") && asked.html.contains("name=\"confirm\""))
            #expect(try store.archive(ArchiveNumber("QD-302")) == nil)
            let confirmed = try await browser.post("/archives/new", fields + [("confirm", "1")])
            #expect(confirmed.status == .seeOther)
        }
    }

    @Test func anEditIsAHistoryLineAndALifecycleStepNeedsAReason() async throws {
        let (_, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("gang")
            let form = try await browser.get("/archives/QD-001/edit")
            #expect(form.status == .ok && form.html.contains("value=\"QD-001\" readonly"))
            var fields: [(String, String)] = []
            for name in ["head_name", "head_id_number", "work_unit", "union", "category", "registered_on", "size", "annual_income_fen",
                "medical_expense_fen", "cause", "phone", "bank_name", "bank_account"] {
                let marker = "name=\"\(name)\" value=\""
                let value = form.html.range(of: marker).map { String(form.html[$0.upperBound...].prefix { $0 != "\"" }) }
                fields.append((name, name == "phone" ? "13912345678" : value ?? (name == "category" ? "深度困难" : "")))
            }
            let saved = try await browser.post("/archives/QD-001/edit", fields)
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/archives/QD-001?done=edited").html
            #expect(page.contains("修改已保存") && page.contains("13912345678") && page.contains("联系电话"))

            let noReason = try await browser.post("/archives/QD-001/status", [("status", "exited"), ("reason", "")])
            #expect(noReason.status == .badRequest && noReason.html.contains("请填写原因"))
            let exited = try await browser.post("/archives/QD-001/status", [("status", "exited"), ("reason", "收入已超过标准")])
            #expect(exited.status == .seeOther)
            let after = try await browser.get("/archives/QD-001").html
            #expect(after.contains("<span class=\"status exited\">脱困</span>") && after.contains("收入已超过标准"))
            #expect(try await browser.post("/archives/QD-001/status", [("status", "closed"), ("reason", "x")], token: "forged").status == .forbidden)
        }
    }

    @Test func theWizardChecksAFileThenImportsItInTheBackground() async throws {
        let (store, app) = try app()
        try await app.test(.router) { client in
            var browser = Browser(client)
            _ = try await browser.signIn("wang")
            #expect(try await browser.get("/imports").status == .forbidden, "an approver imports nothing")
            browser = Browser(client)
            _ = try await browser.signIn("city")
            let start = try await browser.get("/imports")
            #expect(start.html.contains("困难职工家庭档案") && start.html.contains("enctype=\"multipart/form-data\""))
            let template = try await browser.get("/imports/templates/households.csv")
            #expect(template.status == .ok && template.html.hasPrefix("\u{FEFF}档案编号,户主姓名,户主身份证号"))
            let csv = "\(APITests.header)\nQD-401,钱进,\(APITests.id(4)),港务,港工会,深度困难,2024-03-01,3,9000,,,,,,在档\n"
            var headers = browser.cookieHeader
            headers[.contentType] = "multipart/form-data; boundary=\(UploadTests.boundary)"
            let body = UploadTests.form(fields: [("_csrf", browser.formToken), ("kind", "households")], file: ("新户.csv", Array(csv.utf8)))
            let location = try await client.execute(uri: "/imports", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/imports/"))
            let checked = try await finished(&browser, location)
            #expect(checked.contains("检查通过") && checked.contains("写入 1 行"))
            #expect(try store.archive(ArchiveNumber("QD-401")) == nil, "a check stores nothing")
            let stored = try await browser.post(location + "/store", [])
            let done = try await finished(&browser, stored.headers[.location] ?? "")
            #expect(done.contains("已导入"))
            #expect(try store.archive(ArchiveNumber("QD-401")) != nil)
        }
    }

    /// The job page once it stops refreshing itself.
    private func finished(_ browser: inout Browser, _ location: String) async throws -> String {
        for _ in 0..<200 {
            let html = try await browser.get(location).html
            if !html.contains("http-equiv=\"refresh\"") { return html }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the job did not finish")
        return ""
    }
}
