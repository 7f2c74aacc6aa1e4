import Logging
import HTTPTypes
import Hummingbird

/// Checks the API key of every `/v1` request (`Authorization: Bearer rk_….…`) and records the
/// caller in the context. A missing, malformed, unknown or revoked key is a 401; which role may
/// call which route is checked by the route (403).
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = APIContext

    let keys: KeyRing

    @concurrent func handle(_ request: Request, context: APIContext, next: @concurrent (Request, APIContext) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("MissingAPIKey", "this route needs an API key: send 'Authorization: Bearer <key>'")
        }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Self.unauthorized("InvalidAPIKey", "the Authorization header must be 'Bearer <key>'")
        }
        switch await keys.verify(header.dropFirst(7).drop(while: { $0 == " " })) {
        case .valid(let caller):
            var context = context
            context.caller = caller
            context.logger[metadataKey: "key"] = "\(caller.keyId)"
            return try await next(request, context)
        case .invalid:
            throw Self.unauthorized("InvalidAPIKey", "the API key is not valid")
        case .revoked(let id):
            throw Self.unauthorized("RevokedAPIKey", "the API key \(id) was revoked")
        }
    }

    private static func unauthorized(_ code: String, _ detail: String) -> Problem {
        var problem = Problem(.unauthorized, code, detail, pointer: "header:Authorization")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"revenue\""
        return problem
    }
}
