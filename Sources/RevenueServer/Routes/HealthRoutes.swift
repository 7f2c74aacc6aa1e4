import Definitions
import Logging
import HTTPTypes
import Hummingbird
import Storage

/// The routes without a key: `/livez`, `/readyz`, `/metrics` and `/openapi.json`.
enum HealthRoutes {
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var handler: @Sendable (Request, APIContext, Backend) async -> Reply
    }

    static var routes: [Route] {
        [
            Route(method: .get, path: "/livez") { _, _, _ in
                .json { out in out.object { out.field("status", "live") } }
            },
            Route(method: .get, path: "/readyz") { _, context, backend in
                do {
                    let latest = try await backend.store.latest()
                    return .json { out in out.object {
                        out.field("status", "ready")
                        out.field("definitionsVersion", latest?.number)
                    } }
                } catch {
                    return .problem(Problem.from(error), requestId: context.requestId)
                }
            },
            Route(method: .get, path: "/metrics") { _, _, backend in
                Reply(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: backend.metrics.exposition())
            },
            Route(method: .get, path: "/openapi.json") { _, _, _ in
                .json(bytes: OpenAPIDocument.json)
            },
        ]
    }
}
