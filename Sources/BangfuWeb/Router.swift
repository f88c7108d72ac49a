import BangfuApp
import BangfuCore
import BangfuStore
import Foundation
import Hummingbird

/// The web application of spec §9 over the use cases of BangfuApp: the clerks' pages and
/// the JSON API. Each call runs off the event loop (`Blocking.run`), as SQLite answers
/// synchronously.
public func buildRouter(store: BangfuDatabase, settings: WebSettings = WebSettings()) -> Router<WebContext> {
    let router = Router(context: WebContext.self)
    let renderer = try? PageRenderer.bundled.get()
    router.add(middleware: SecurityHeaders())
    router.add(middleware: ErrorAnswers(pages: renderer))
    let scans = DuplicateScans(store: store)
    let computes = BatchComputes(store: store)
    addPages(to: router, store: store, settings: settings, scans: scans, computes: computes)
    let api = router.group("api/v1")
    addOpenAPIDocument(to: api)

    api.post("login") { request, context -> Response in
        let body = try await request.decode(as: LoginBody.self, context: context)
        let now = BangfuApp.RequestContext(actor: try Person(name: "api"))
        let (token, account) = try await Blocking.run { try Sessions.signIn(login: body.login, password: body.password, in: store, context: now) }
        return try APIResponse.json(SignedIn(token: token, account: account))
    }

    let signedIn = api.group().add(middleware: Authentication(store: store))
    signedIn.post("logout") { _, context -> Response in
        let token = context.token ?? ""
        let now = try context.request()
        try await Blocking.run { try Sessions.signOut(token: token, in: store, context: now) }
        return Response(status: .noContent)
    }
    signedIn.get("households") { request, context -> Response in
        let viewer = try context.signedIn()
        let query = request.uri.queryParameters
        let text = query["q"].map(String.init)
        let status = try query["status"].map { word -> ArchiveStatus in
            guard let status = ArchiveStatus(rawValue: String(word)) else { throw InvalidField(field: "status", value: String(word)) }
            return status
        }
        let category = try query["category"].map { word -> HardshipCategory in
            guard let category = HardshipCategory(rawValue: String(word)) else { throw InvalidField(field: "category", value: String(word)) }
            return category
        }
        let union = query["union"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let paging = try Paging.api(query)
        let found = try await Blocking.run {
            try Archives.search(text, status: status, category: category, union: union, page: paging.page, perPage: paging.perPage, viewer: viewer, in: store)
        }
        return try APIResponse.json(
            HouseholdPage(total: found.total, totalIsCapped: found.totalIsCapped, page: paging.page, perPage: paging.perPage, items: found.items))
    }
    signedIn.get("households/:archive_no") { _, context -> Response in
        let viewer = try context.signedIn()
        let number = try context.archiveNumber()
        let now = try context.request()
        return try APIResponse.json(try await Blocking.run { try Archives.household(number, viewer: viewer, in: store, context: now) })
    }
    addHouseholdRoutes(to: signedIn, store: store, policies: settings.policies)
    signedIn.get("batches/:id") { _, context -> Response in
        let viewer = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        return try await batchAnswer(id, viewer: viewer, store)
    }
    signedIn.get("batches") { _, context -> Response in
        let viewer = try context.signedIn()
        return try APIResponse.json(try await Blocking.run { try Batches.list(viewer: viewer, in: store) })
    }
    signedIn.post("batches/:id/review") { request, context -> Response in
        let body = try await request.decode(as: ReviewBody.self, context: context)
        guard let stage = Policy.ReviewStage(rawValue: body.stage) else { throw InvalidField(field: "stage", value: body.stage) }
        return try await step(context, store) { id, request in _ = try Batches.review(batch: id, stage: stage, in: store, context: request) }
    }
    signedIn.post("batches/:id/approve") { _, context -> Response in
        try await step(context, store) { id, request in _ = try Batches.approve(batch: id, in: store, context: request) }
    }
    signedIn.post("batches/:id/pay") { request, context -> Response in
        let body = try await request.decode(as: PayBody.self, context: context)
        guard let day = CalendarDate(body.date) else { throw InvalidField(field: "date", value: body.date) }
        return try await step(context, store) { id, request in
            _ = try Batches.pay(batch: id, on: day, payer: request.actor, in: store, context: request)
        }
    }
    addAuditRoutes(to: signedIn, store: store)
    addImportRoutes(to: signedIn, store: store, limit: settings.uploadLimit, folder: settings.uploadFolder)
    addBatchRoutes(to: signedIn, store: store, computes: computes, settings: settings)
    addBatchReturnRoutes(to: signedIn, store: store, limit: settings.uploadLimit, folder: settings.uploadFolder)
    addIndicatorRoutes(to: signedIn, store: store, settings: settings)
    addDuplicateRoutes(to: signedIn, store: store, scans: scans, policies: settings.policies)
    return router
}

/// A step of batch `:id` by the signed-in account, answered with the batch after it (§6.1).
func step(
    _ context: WebContext, _ store: BangfuDatabase, _ body: @escaping @Sendable (Int64, BangfuApp.RequestContext) throws -> Void
) async throws -> Response {
    let viewer = try context.signedIn()
    let id = try context.parameters.require("id", as: Int64.self)
    let request = try context.request()
    try await Blocking.run { try body(id, request) }
    return try await batchAnswer(id, viewer: viewer, store)
}

/// Batch `id` as `viewer` may see it (§6.1), its entries streamed into the body as they are
/// read (issue 22: a province's batch is 400 MB of JSON).
func batchAnswer(_ id: Int64, viewer: Account, _ store: BangfuDatabase) async throws -> Response {
    try await StreamedBody.json { emit in try Batches.writeView(batch: id, viewer: viewer, in: store, emit: emit) }
}

/// `POST …/review`'s body: `{"stage": "first"|"second"}`.
struct ReviewBody: Decodable { var stage: String }

/// `POST …/pay`'s body: `{"date": "YYYY-MM-DD"}`.
struct PayBody: Decodable { var date: String }

/// `POST /api/v1/login`'s body.
struct LoginBody: Decodable {
    var login: String
    var password: String
}

/// `POST /api/v1/login`'s answer: `{"token", "login", "name", "roles", "union"}`.
struct SignedIn: Encodable {
    var token: String
    var login: String
    var name: String
    var roles: [String]
    var union: String?

    init(token: String, account: Account) {
        self.token = token
        login = account.login
        name = account.name
        roles = account.roles.sorted().map(\.rawValue)
        union = account.union
    }

    enum CodingKeys: String, CodingKey { case token, login, name, roles, union }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(login, forKey: .login)
        try container.encode(name, forKey: .name)
        try container.encode(roles, forKey: .roles)
        try container.encode(union, forKey: .union)
    }
}

/// `GET /api/v1/households`'s answer: `{"total", "page", "per_page", "items"}`.
struct HouseholdPage: Encodable {
    /// Counted up to 1,000 (`ArchiveQuery.defaultCountLimit`): a one-character name part
    /// finds a tenth of a province, and counting every match would cost more than the page.
    var total: Int
    /// Whether more archives than `total` match (an extra key, beyond spec §9).
    var totalIsCapped: Bool
    var page: Int
    var perPage: Int
    var items: [HouseholdJSON]

    enum CodingKeys: String, CodingKey {
        case total, totalIsCapped = "total_is_capped", page, perPage = "per_page", items
    }
}

/// The server of `bangfu serve`: the router on `host:port`.
public func buildApplication(store: BangfuDatabase, host: String, port: Int, settings: WebSettings = WebSettings()) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store, settings: settings),
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(settings.idleTimeout)))),
        configuration: .init(address: .hostname(host, port: port), serverName: "Bangfu"))
}
