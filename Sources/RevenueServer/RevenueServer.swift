public import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import NIOPosix
import Publishing
import ServiceLifecycle
public import Storage

/// How `revenue serve` listens and what it allows.
public struct ServerConfiguration: Sendable {
    /// The address to bind: `127.0.0.1` by default, `0.0.0.0` for every interface.
    public var host: String
    /// The port; 0 picks a free one (``RevenueServer/run(onReady:)`` says which).
    public var port: Int
    /// The largest request body accepted, in bytes; a larger one is a 413.
    public var bodyLimit: Int
    /// How often keys and the latest definitions version are read again from the store, so that
    /// changes by other processes are seen.
    public var refreshInterval: Duration

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = 8 << 20, refreshInterval: Duration = .seconds(1)) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.refreshInterval = refreshInterval
    }
}

/// The HTTP API over a store: every route in `docs/api.md`, API keys with roles, problem+json
/// errors, idempotent creation and metrics.
///
/// ```swift
/// let server = RevenueServer(store: try await SQLiteStore.open(path: "revenue.sqlite"))
/// try await server.run { port in print("listening on \(port)") }   // until SIGTERM or SIGINT
/// ```
public struct RevenueServer: Sendable {
    let backend: Backend
    let logger: Logger

    /// A server over `store`.
    public init(store: any Store, configuration: ServerConfiguration = ServerConfiguration(),
                logger: Logger = Logger(label: "revenue.server"), now: @escaping @Sendable () -> Date = { Date() })
    {
        backend = Backend(store: store, definitions: DefinitionsCache(store: store), keys: KeyRing(store: store),
                          metrics: ServerMetrics(), configuration: configuration, now: now)
        self.logger = logger
    }

    /// Loads the keys and the latest definitions, then serves until SIGTERM or SIGINT, when it
    /// stops accepting connections and finishes the requests in flight. `onReady` is called with
    /// the bound port once the server accepts connections.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await backend.keys.refresh()
        do {
            try await backend.definitions.refresh()
        } catch {
            // The store may hold a version this build cannot compile; pricing then says why.
            logger.warning("cannot load the latest definitions", metadata: ["error": "\(error)"])
        }
        let app = Application(
            router: Self.router(backend),
            configuration: .init(address: .hostname(backend.configuration.host, port: backend.configuration.port),
                                 serverName: "revenue"),
            services: [RefreshService(backend: backend, logger: logger)],
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    /// Every route, behind the request log and (for `/v1`) the key check.
    static func router(_ backend: Backend) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: backend.metrics, routes: RouteTable(allowedMethods)))
        for route in HealthRoutes.routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                await route.handler(request, context, backend).response
            }
        }
        let v1 = router.group().add(middleware: APIKeyMiddleware(keys: backend.keys))
        for endpoint in endpoints {
            v1.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                await endpoint.respond(request, context, backend).response
            }
        }
        return router
    }

    /// The `/v1` routes.
    static var endpoints: [Endpoint] {
        PricingRoutes.endpoints + QuoteRoutes.endpoints + DefinitionsRoutes.endpoints + UsageRoutes.endpoints
            + AccountRoutes.endpoints
    }

    /// Every operation, as the OpenAPI document names it: `GET /v1/quotes/{id}`.
    static var operations: [String] {
        allowedMethods.flatMap { path, methods in
            methods.map { "\($0.rawValue) " + path.replacing(/:([A-Za-z]+)/) { "{\($0.1)}" } }
        }
    }

    /// The methods of every path, in registration order.
    static var allowedMethods: [(path: String, methods: [HTTPRequest.Method])] {
        var result: [(path: String, methods: [HTTPRequest.Method])] = []
        let all = HealthRoutes.routes.map { ($0.path, $0.method) } + endpoints.map { ($0.path, $0.method) }
        for (path, method) in all {
            if let index = result.firstIndex(where: { $0.path == path }) {
                result[index].methods.append(method)
            } else {
                result.append((path, [method]))
            }
        }
        return result
    }
}

/// Reads keys and the latest definitions again every ``ServerConfiguration/refreshInterval``,
/// and forgets idempotency keys older than a day once an hour.
struct RefreshService: Service {
    let backend: Backend
    let logger: Logger

    /// How long a reply to an idempotent request is kept for replays.
    static let idempotencyRetention: TimeInterval = 24 * 3600

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastPurge = ContinuousClock.now - .seconds(3600)
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: backend.configuration.refreshInterval)
                } catch {
                    return
                }
                do {
                    try await backend.keys.refresh()
                    try await backend.definitions.refresh()
                    if ContinuousClock.now - lastPurge >= .seconds(3600) {
                        lastPurge = ContinuousClock.now
                        _ = try await backend.store.purgeIdempotencyKeys(
                            before: backend.now().addingTimeInterval(-Self.idempotencyRetention))
                    }
                } catch {
                    logger.warning("cannot refresh from the store", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}

extension RevenueServer {
    /// Makes Swift's global task executor the server's NIO event loops, so that a request's
    /// handler runs on the thread that reads and writes its connection instead of hopping to a
    /// separate thread pool and back: two thread switches fewer per request.
    ///
    /// Call it once, before any other work, from the process that serves; it returns whether it
    /// took effect. Handlers must not block for long: a blocked handler holds up the other
    /// connections of its event loop.
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
