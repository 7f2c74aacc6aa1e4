import Foundation
import NIOSSL
import PostgresNIO
import Storage

/// A `postgres://` URL read into a client configuration.
///
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require][&schema=NAME][&timeout=SECONDS]`.
/// Without `sslmode`, loopback hosts connect in plain text and others prefer TLS. `schema` keeps
/// Revenue's tables in a schema of their own (created if missing), which lets one database hold
/// several stores. `timeout` (1 to 3600 seconds) is how long a call waits for the server before
/// it fails as unavailable.
struct PostgresLocation {
    let configuration: PostgresClient.Configuration
    /// The same server for one direct connection, which tells quickly whether it can be reached.
    let probe: PostgresConnection.Configuration
    let schema: String?
    /// `timeout`, when the URL sets it.
    let timeout: Duration?
    /// The URL without its password, for messages.
    let display: String

    init(_ url: String) throws(StoreError) {
        display = DatabaseLocation.postgres(url: url).description
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw StoreError(.invalidDatabaseURL, "\(display) is not a URL of the form postgres://USER@HOST[:PORT]/DB")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError(.invalidDatabaseURL, "\(display) names no user; use postgres://USER@HOST/DB")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw StoreError(.invalidDatabaseURL, "\(display) names no database; use postgres://USER@HOST/DB")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        if let unknown = parameters.keys.sorted().first(where: { !["sslmode", "schema", "timeout"].contains($0) }) {
            throw StoreError(.invalidDatabaseURL, "\(display): unknown parameter '\(unknown)'; use sslmode, schema or timeout")
        }
        if let text = parameters["timeout"] {
            guard let seconds = Int(text), (1...3600).contains(seconds) else {
                throw StoreError(.invalidDatabaseURL, "\(display): timeout '\(text)' is not a whole number of seconds from 1 to 3600")
            }
            timeout = .seconds(seconds)
        } else {
            timeout = nil
        }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        let tls: PostgresClient.Configuration.TLS
        let probeTLS: PostgresConnection.Configuration.TLS
        do {
            switch parameters["sslmode"] ?? (loopback ? "disable" : "prefer") {
            case "disable":
                tls = .disable
                probeTLS = .disable
            case "prefer":
                tls = .prefer(.makeClientConfiguration())
                probeTLS = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "require":
                tls = .require(.makeClientConfiguration())
                probeTLS = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case let other:
                throw StoreError(.invalidDatabaseURL, "\(display): sslmode '\(other)' is not disable, prefer or require")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "\(display): TLS cannot be set up: \(error)")
        }
        if let schema = parameters["schema"], schema.isEmpty || !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw StoreError(.invalidDatabaseURL, "\(display): schema '\(schema)' must be letters, digits and _")
        }
        let username = user.removingPercentEncoding ?? user
        let password = components.password?.removingPercentEncoding
        var configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: username,
                                                         password: password, database: database, tls: tls)
        var probe = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: username,
                                                     password: password, database: database, tls: probeTLS)
        probe.options.connectTimeout = .seconds(5)
        self.probe = probe
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 8
        schema = parameters["schema"]
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        self.configuration = configuration
    }
}
