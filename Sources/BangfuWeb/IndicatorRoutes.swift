import BangfuApp
import BangfuCore
import BangfuStore
import Hummingbird

/// `GET /api/v1/indicators/{project}` (spec §9): the form of a project of `--policies
/// DIR/projects`, in spec §6.3's shape as `bangfu indicators --format json` writes it; 404
/// for a name no project file has, 403 for a role that may not read the forms and for a
/// union's account (`ProjectForms`).
func addIndicatorRoutes(to api: RouterGroup<WebContext>, store: BangfuDatabase, settings: WebSettings) {
    let folder = settings.policiesDirectory
    api.get("indicators/:project") { _, context -> Response in
        let viewer = try context.signedIn()
        let segment = try context.parameters.require("project")
        let name = segment.removingPercentEncoding ?? segment
        let form = try await Blocking.run { try ProjectForms.form(named: name, policiesDirectory: folder, viewer: viewer, in: store) }
        return try APIResponse.json(EvaluationJSON(form.evaluation))
    }
}
