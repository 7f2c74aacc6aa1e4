import Foundation
import Testing

/// Runs the built `revenue` binary the way a user does: demo files, then `revenue price`.
@Suite("revenue price", .serialized)
struct PriceCommandTests {
    /// The `revenue` executable built next to the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("revenue")

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                   errors: String(decoding: err, as: UTF8.self))
    }

    /// A fresh demo directory.
    static func demo() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-cli-\(UUID().uuidString)")
        let result = try run(["demo", "--output", directory.path, "--force"])
        #expect(result.status == 0, "revenue demo failed: \(result.errors)")
        return directory
    }

    @Test("the demo quote prices with exit code 0, as a table and as JSON")
    func demoQuote() throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let arguments = ["price", "--definitions", demo.appendingPathComponent("definitions").path,
                         demo.appendingPathComponent("quotes/sample-quote.yaml").path]
        let table = try Self.run(arguments)
        #expect(table.status == 0)
        #expect(table.output.contains("206,657.21") || table.output.contains("206657.21"))
        let json = try Self.run(arguments + ["--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["total"] as? String == "206657.21")
        #expect(object?["hasErrors"] as? Bool == false)
    }

    @Test("a line that cannot be priced gets its own error and exit code 1; the other lines still price")
    func failingLine() throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let quote = demo.appendingPathComponent("bad-line.yaml")
        try """
            header: { id: Q-BAD, account: ACME, channel: direct, currency: USD, pricingDate: 2026-03-01 }
            lines:
              - { id: "1", product: MONITOR-27, quantity: 2 }
              - { id: "2", product: NO-SUCH-PRODUCT, quantity: 1 }
            """.write(to: quote, atomically: true, encoding: .utf8)
        let result = try Self.run(["price", "--definitions", demo.appendingPathComponent("definitions").path, quote.path,
                                   "--format", "json"])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let lines = object?["lines"] as? [[String: Any]] ?? []
        #expect(lines.count == 2)
        #expect(lines.first?["status"] as? String == "priced")
        let error = lines.last?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "UnknownProduct")
    }

    @Test("a malformed quote file exits 1 naming the file, line and column")
    func malformedQuote() throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let quote = demo.appendingPathComponent("broken.yaml")
        try "header: { id: Q, currency: USD, pricingDate: 2026-03-01 }\nlines:\n  - { id: \"1\", product: X, quantity: ten }\n"
            .write(to: quote, atomically: true, encoding: .utf8)
        let result = try Self.run(["price", "--definitions", demo.appendingPathComponent("definitions").path, quote.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("broken.yaml:3:"), "got: \(result.errors)")
    }
}
