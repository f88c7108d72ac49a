import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// 建档, edits and the lifecycle (spec §9) as forms. The values go to the application layer
/// as typed, where the import's checks read them; every problem comes back beside its field,
/// and nothing is stored until all is right. A category the income check disagrees with is
/// shown as a warning with a box to confirm, not refused.
func addHouseholdFormPages(to pages: RouterGroup<WebContext>, store: BangfuDatabase, renderer: PageRenderer, settings: WebSettings) {
    pages.get("archives/new") { _, context -> Response in
        let account = try context.signedIn()
        try Households.requireEditor(account)
        var values: [ArchiveField: String] = [.registeredOn: try context.request().today.description]
        if let union = account.union { values[.union] = union }
        return try renderer.page("household-form", HouseholdFormValues.page(HouseholdFormValues.Mode.new, values: values, members: [], account: account, token: context.token ?? ""))
    }

    pages.post("archives/new") { request, context -> Response in
        let account = try context.signedIn()
        let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        let typed = HouseholdFormValues.read(form, editing: false)
        let now = try context.request()
        do {
            let record = try await Blocking.run {
                try Households.register(typed.form, confirmed: typed.confirmed, policies: settings.policies, in: store, context: now)
            }
            return redirect(to: "/archives/\(PageLinks.segment(record.archiveNo))?done=registered")
        } catch let error as HouseholdError {
            return try renderer.page(
                "household-form", HouseholdFormValues.page(HouseholdFormValues.Mode.new, typed: typed, error: error, account: account, token: context.token ?? ""),
                status: .unprocessableContent)
        }
    }

    pages.get("archives/:archive_no/edit") { _, context -> Response in
        let account = try context.signedIn()
        try Households.requireEditor(account)
        let number = try context.archiveNumber()
        let now = try context.request()
        let record = try await Blocking.run { try Archives.household(number, viewer: account, in: store, context: now) }
        let (values, members) = HouseholdFormValues.values(of: record)
        return try renderer.page(
            "household-form", HouseholdFormValues.page(HouseholdFormValues.Mode.edit(record.archiveNo), values: values, members: members, account: account, token: context.token ?? ""))
    }

    pages.post("archives/:archive_no/edit") { request, context -> Response in
        let account = try context.signedIn()
        let number = try context.archiveNumber()
        let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        let typed = HouseholdFormValues.read(form, editing: true)
        let now = try context.request()
        do {
            _ = try await Blocking.run {
                try Households.edit(number, typed.form, confirmed: typed.confirmed, policies: settings.policies, in: store, context: now)
            }
            return redirect(to: "/archives/\(PageLinks.segment(number.value))?done=edited")
        } catch let error as HouseholdError {
            return try renderer.page(
                "household-form", HouseholdFormValues.page(HouseholdFormValues.Mode.edit(number.value), typed: typed, error: error, account: account, token: context.token ?? ""),
                status: .unprocessableContent)
        }
    }

    pages.post("archives/:archive_no/status") { request, context -> Response in
        _ = try context.signedIn()
        let number = try context.archiveNumber()
        let form = try await FormBody.read(request, expectedToken: BrowserSession.formToken(of: context.token ?? ""))
        guard let status = form["status"].flatMap(ArchiveStatus.init(rawValue:)) else { throw InvalidField(field: "status", value: form["status"] ?? "") }
        let reason = form["reason"] ?? ""
        let now = try context.request()
        _ = try await Blocking.run { try Households.changeStatus(number, to: status, reason: reason, in: store, context: now) }
        return redirect(to: "/archives/\(PageLinks.segment(number.value))?done=status")
    }
}
