import Logging
import HTTPTypes
import Hummingbird

/// The request context of every route: Hummingbird's core, plus the caller once the key is checked.
struct APIContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by ``APIKeyMiddleware`` for `/v1` routes.
    var caller: Caller?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The request id that every log line of the request carries, and the response's `X-Request-Id`.
    var requestId: String {
        logger[metadataKey: "hb.request.id"].map { "\($0)" } ?? ""
    }
}
