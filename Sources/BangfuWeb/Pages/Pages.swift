import BangfuApp
import BangfuStore
import Hummingbird

/// The clerks' pages (spec §9): sign-in and the style sheet for anyone, everything else
/// behind a browser session. Without the templates (an installation fault) every page
/// answers so, and the JSON API still works.
func addPages(to router: Router<WebContext>, store: BangfuDatabase, settings: WebSettings, scans: DuplicateScans, computes: BatchComputes) {
    addStaticFiles(to: router)
    guard let renderer = try? PageRenderer.bundled.get() else { return }
    addSignInPages(to: router, store: store, pages: renderer, settings: settings)
    // Errors answered inside the session too, so that an error page keeps the account's menu.
    let pages = router.group().add(middleware: PageSignIn(store: store)).add(middleware: ErrorAnswers(pages: renderer))
    addWorkbenchPage(to: pages, store: store, renderer: renderer, findings: FindingCounts(store: store, scans: scans, policies: settings.policies))
    addArchivePages(to: pages, store: store, renderer: renderer)
    addHouseholdFormPages(to: pages, store: store, renderer: renderer, settings: settings)
    addHouseholdPage(to: pages, store: store, renderer: renderer)
    addImportPages(to: pages, jobs: ImportJobs(store: store), renderer: renderer, settings: settings)
    addBatchPages(to: pages, store: store, computes: computes, renderer: renderer, settings: settings)
    addFormPages(to: pages, store: store, renderer: renderer, settings: settings)
    addDuplicatePages(to: pages, store: store, scans: scans, renderer: renderer, settings: settings)
    addAuditPage(to: pages, store: store, renderer: renderer); addAccountPages(to: pages, store: store, renderer: renderer)
}
