import HTTPTypes
import Hummingbird
import Logging

/// The outermost layer of every request: answers any error still thrown (a 404 for an unknown
/// route, a 405 for a known path with another method, a 401 from the key check) as a problem,
/// adds `X-Request-Id`, counts and times the request per route for `/metrics`, and writes one
/// access log line. The line has the method,
/// the route (its pattern, never ids or the query), the status, the time taken and the key's
/// public id; never a secret or a body.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIContext

    let metrics: ServerMetrics
    /// The known paths and their methods, to tell a wrong method (405) from an unknown path (404).
    let routes: RouteTable

    @concurrent func handle(_ request: Request, context: APIContext, next: @concurrent (Request, APIContext) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var problem: Problem
            switch error {
            case let error as Problem: problem = error
            case let error as HTTPError where error.status == .notFound:
                if let allowed = routes.methods(of: request.uri.path) {
                    let allow = allowed.map(\.rawValue).joined(separator: ", ")
                    problem = Problem(.methodNotAllowed, "MethodNotAllowed",
                                      "\(request.method) is not allowed on \(request.uri.path); use \(allow)")
                    problem.headers[.allow] = allow
                } else {
                    problem = Problem(.notFound, "NotFound", "there is no route \(request.method) \(request.uri.path)")
                }
            case let error as any HTTPResponseError:
                problem = Problem(error.status, "HTTPError", Problem.title(error.status))
            default:
                context.logger.error("request failed", metadata: ["error": "\(error)"])
                problem = Problem.from(error)
            }
            response = Reply.problem(problem, requestId: context.requestId).response
        }
        let requestId = context.requestId
        response.headers[.requestId] = requestId
        let route = context.endpointPath ?? "unmatched"
        let elapsed = ContinuousClock.now - start
        metrics.record(method: request.method.rawValue, route: route, status: Int(response.status.code), duration: elapsed)
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "route": "\(route)",
            "status": "\(response.status.code)",
            "micros": "\(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)",
        ])
        return response
    }
}
