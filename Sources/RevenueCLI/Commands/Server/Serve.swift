import ArgumentParser
import Foundation
import Logging
import Pricing
import Publishing
import RevenueServer
import Storage

/// `revenue serve`: the HTTP API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API (docs/api.md) until SIGTERM or SIGINT.",
        discussion: """
            With no flags it serves sqlite:revenue.sqlite in the working directory on \
            http://127.0.0.1:8080. A store with no published definitions gets the demo definitions \
            (unless --no-demo), and a store with no active API key gets an admin key, printed once. \
            Logs are JSON lines on standard error, one per request, each with its request id. On \
            SIGTERM the server stops accepting connections and finishes the requests in flight.
            """
    )

    @Option(help: "The address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one (printed).")
    var port: Int = 8080

    @Option(name: .customLong("body-limit"), help: "The largest request body, in bytes.")
    var bodyLimit: Int = 8 << 20

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Flag(name: .customLong("event-loop-tasks"), inversion: .prefixedNo,
          help: "Run request handlers on the I/O threads (the default: fewer thread switches per request) or on a separate pool.")
    var eventLoopTasks = true

    @Flag(name: .customLong("no-demo"), help: "Do not publish the demo definitions into an empty store.")
    var noDemo = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port is 0 to 65535, not \(port)") }
        guard bodyLimit >= 1_024 else { throw ValidationError("--body-limit is at least 1024 bytes") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level is one of trace, debug, info, notice, warning, error, critical; not '\(logLevel)'")
        }
    }

    func run() async throws {
        // A long-running server reuses the memory its replies free instead of faulting it in
        // again for every request (5 % of the machine under load, and a source of slow requests).
        HeapPolicy.keepFreedMemory()
        if eventLoopTasks, !RevenueServer.runTasksOnEventLoops() {
            FileHandle.standardError.write(Data("revenue serve: tasks run on their own thread pool (the event loops could not take them)\n".utf8))
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let store = try await database.open()
        var greeting: [String] = []
        if !noDemo, try await StoreFailure.reporting({ () throws(StoreError) in try await store.latest() }) == nil {
            let files = DemoDefinitions.files().filter { $0.0.hasPrefix(DemoDefinitions.definitionsDirectory + "/") }
                .map { DefinitionFile(path: String($0.0.dropFirst(DemoDefinitions.definitionsDirectory.count + 1)), bytes: Array($0.1.utf8)) }
            do {
                let outcome = try await DefinitionsLifecycle(store: store)
                    .publish(files, author: "revenue serve", comment: "the demo definitions", at: Date())
                greeting.append("The store was empty: published the demo definitions as version \(outcome.version.number).")
            } catch {
                try DefinitionsFailure.exit(error)
            }
        }
        var token: String?
        let keys = try await StoreFailure.reporting { () throws(StoreError) in try await store.apiKeys() }
        if !keys.contains(where: { $0.revokedAt == nil }) {
            let issued = APIKeyToken.issue(name: "first admin key", role: .admin, createdBy: "revenue serve", at: Date())
            try await StoreFailure.reporting { () throws(StoreError) in try await store.createAPIKey(issued.key) }
            token = issued.token
            greeting.append("""
                The store had no API key: created the admin key \(issued.key.id). It is shown only now; keep it safe:

                    \(issued.token)

                Create keys for other roles with `revenue keys create --role integrator --name NAME`.
                """)
        }
        let configuration = ServerConfiguration(host: host, port: port, bodyLimit: bodyLimit)
        let server = RevenueServer(store: store, configuration: configuration, logger: Logger(label: "revenue.server"))
        let host = self.host
        let intro = greeting
        let shownKey = token ?? "$REVENUE_API_KEY"
        try await server.run { port in
            let base = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
            var text = intro.map { $0 + "\n" }.joined(separator: "\n")
            text += """

                Revenue is listening on \(base) (\(store.name)). Its OpenAPI document is \(base)/openapi.json.
                Price a quote:

                curl -s \(base)/v1/price -H 'Authorization: Bearer \(shownKey)' -H 'Content-Type: application/json' -d '\(Self.sampleQuote)'

                """
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
        store.close()
    }

    /// A two-line quote against the demo definitions, for the printed curl.
    static let sampleQuote = #"{"header":{"id":"Q-CURL-1","account":"ACME","channel":"direct","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"LAPTOP-14","quantity":5,"attributes":{"Region":"US"}},{"id":"2","product":"SUPPORT-PREMIUM","quantity":1,"sellingModel":"evergreen","termMonths":12}]}"#
}
