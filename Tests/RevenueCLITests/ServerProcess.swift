import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing

/// A `revenue serve` child process on a free port, and a small HTTP client for it.
final class ServerProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a request got back.
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        /// The body parsed as a JSON object, or nil.
        var json: [String: any Sendable]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: any Sendable]
        }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Text a pipe delivered so far, shared with its reading handler.
    final class Collected: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var value: String { text.withLock { $0 } }
    }

    let process: Process
    let base: URL
    /// The admin key printed at start (nil when the store had a key already).
    let adminKey: String?
    private let output: Collected
    private let errors: Collected

    /// Starts `revenue serve --port 0` with `arguments` and waits until it listens.
    static func start(_ arguments: [String]) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = PriceCommandTests.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let output = Collected()
        let errors = Collected()
        out.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        err.fileHandleForReading.readabilityHandler = { handle in errors.append(handle.availableData) }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let text = output.value
            if let range = text.range(of: #"listening on (http://127\.0\.0\.1:\d+)"#, options: .regularExpression) {
                let url = String(text[range].dropFirst("listening on ".count))
                let key = text.range(of: #"rk_[a-z2-7]{12}\.[A-Za-z0-9_-]{20,}"#, options: .regularExpression).map { String(text[$0]) }
                return ServerProcess(process: process, base: URL(string: url)!, adminKey: key, output: output, errors: errors)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw Failure(description: "revenue serve did not start: \(output.value) \(errors.value)")
    }

    private init(process: Process, base: URL, adminKey: String?, output: Collected, errors: Collected) {
        self.process = process
        self.base = base
        self.adminKey = adminKey
        self.output = output
        self.errors = errors
    }

    /// What the server printed on standard output and error so far.
    var printed: String { output.value }
    var logged: String { errors.value }

    /// Sends a request; `body` is sent as JSON unless `contentType` says otherwise.
    func send(_ method: String, _ path: String, key: String?, body: String? = nil, contentType: String = "application/json",
              headers: [String: String] = [:]) async throws -> Answer
    {
        var request = URLRequest(url: URL(string: base.absoluteString + path)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure(description: "not an HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    /// Sends SIGTERM and waits (off the cooperative pool) for the process to end; its exit status.
    func stop() async -> Int32 {
        process.terminate()
        let process = self.process
        return await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }
}
