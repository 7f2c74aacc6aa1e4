import Foundation
import Testing

/// `revenue serve` run as a user runs it, driven over HTTP: the demo store it fills, keys and
/// roles, problem+json for bad input, idempotent creation, usage batches, definitions,
/// accounts, metrics, and a graceful stop on SIGTERM.
@Suite("revenue serve", .serialized)
struct ServeCommandTests {
    typealias C = PriceCommandTests

    static func quote(_ id: String, product: String = "LAPTOP-14", quantity: String = "5") -> String {
        #"{"header":{"id":"\#(id)","account":"ACME","channel":"direct","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"\#(product)","quantity":\#(quantity),"attributes":{"Region":"US"}},{"id":"2","product":"SUPPORT-PREMIUM","quantity":1,"sellingModel":"evergreen","termMonths":12}]}"#
    }

    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `body` against `revenue serve` on a fresh SQLite file (with `arguments` too), then
    /// stops the server and removes the file.
    static func withSQLiteServer(arguments: [String] = [], _ body: (ServerProcess) async throws -> Void) async throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(["--database", try CommandStore.sqlite.database(in: directory)] + arguments)
        defer { server.process.terminate() }
        try await body(server)
    }

    @Test("on an empty store it publishes the demo, prints an admin key and a curl that prices, and stops cleanly on SIGTERM",
          arguments: CommandStore.allCases)
    func startsAndStops(_ kind: CommandStore) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try kind.database(in: directory)
        let server = try await ServerProcess.start(["--database", database])
        #expect(server.printed.contains("published the demo definitions as version 1"))
        let key = try #require(server.adminKey)
        // The printed curl's body prices.
        let printed = server.printed
        let body = try #require(printed.range(of: #"-d '\{.*\}'"#, options: .regularExpression).map { String(printed[$0].dropFirst(4).dropLast()) })
        let priced = try await server.send("POST", "/v1/price", key: key, body: body)
        #expect(priced.status == 200, "\(priced.text)")
        let quote = priced.json?["quote"] as? [String: any Sendable]
        #expect(quote?["total"] as? String == "8283.00")
        #expect(priced.headers["x-request-id"]?.isEmpty == false)
        #expect(try await server.send("GET", "/livez", key: nil).status == 200)
        let ready = try await server.send("GET", "/readyz", key: nil)
        #expect(ready.status == 200 && ready.json?["definitionsVersion"] as? Int == 1, "\(ready.text)")
        #expect(await server.stop() == 0)
        // Started again on the same store: no new demo, no new key.
        let again = try await ServerProcess.start(["--database", database])
        #expect(again.adminKey == nil && !again.printed.contains("published the demo"))
        #expect(try await again.send("POST", "/v1/price", key: key, body: Self.quote("Q-2")).status == 200)
        #expect(await again.stop() == 0)
    }

    @Test("401 for a missing, malformed, unknown or revoked key; 403 for a role the route does not admit; no secret in the logs")
    func keysAndRoles() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try CommandStore.sqlite.database(in: directory)
        let server = try await ServerProcess.start(["--database", database])
        let admin = try #require(server.adminKey)
        func create(_ role: String) throws -> String {
            let run = try C.run(["keys", "create", "--role", role, "--name", "\(role) key", "--author", "tests", "--database", database])
            #expect(run.status == 0, "\(run.errors)")
            return try #require(run.output.range(of: #"rk_[a-z2-7]{12}\.[A-Za-z0-9_-]{20,}"#, options: .regularExpression).map { String(run.output[$0]) })
        }
        let viewer = try create("viewer")
        let integrator = try create("integrator")

        let missing = try await server.send("POST", "/v1/price", key: nil, body: Self.quote("Q-1"))
        #expect(missing.status == 401 && missing.json?["code"] as? String == "MissingAPIKey")
        #expect(missing.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(missing.headers["content-type"] == "application/problem+json")
        let wrong = try await server.send("POST", "/v1/price", key: String(admin.dropLast(2)) + "xx", body: Self.quote("Q-1"))
        #expect(wrong.status == 401 && wrong.json?["code"] as? String == "InvalidAPIKey")
        let garbage = try await server.send("GET", "/v1/quotes", key: "not-a-key", body: nil)
        #expect(garbage.status == 401)

        // A key created while the server runs works at once.
        let priced = try await server.send("POST", "/v1/price", key: integrator, body: Self.quote("Q-1"))
        #expect(priced.status == 200, "\(priced.text)")
        let forbidden = try await server.send("POST", "/v1/price", key: viewer, body: Self.quote("Q-1"))
        #expect(forbidden.status == 403 && forbidden.json?["code"] as? String == "Forbidden", "\(forbidden.text)")
        #expect(try await server.send("GET", "/v1/quotes", key: viewer).status == 200)
        let publish = try await server.send("POST", "/v1/definitions/publish", key: integrator, body: "{}")
        #expect(publish.status == 403)

        let integratorId = String(integrator.prefix(15))
        let revoke = try C.run(["keys", "revoke", integratorId, "--database", database])
        #expect(revoke.status == 0, "\(revoke.errors)")
        var revoked = 0
        for _ in 0..<50 where revoked != 401 {
            try await Task.sleep(for: .milliseconds(100))
            revoked = try await server.send("GET", "/v1/quotes", key: integrator).status
        }
        #expect(revoked == 401)
        let answer = try await server.send("GET", "/v1/quotes", key: integrator)
        #expect(answer.json?["code"] as? String == "RevokedAPIKey")
        _ = await server.stop()
        let logs = server.logged
        #expect(logs.contains("\"requestId\":") && logs.contains("\"route\":\"/v1/price\""))
        for secret in [admin, viewer, integrator] {
            #expect(!logs.contains(String(secret.dropFirst(16))), "a key's secret is in the log")
        }
        let list = try C.run(["keys", "list", "--database", database])
        #expect(list.output.contains(integratorId) && list.output.contains("integrator"))
    }

    @Test("bad input gets a 4xx problem naming the field, never a 500")
    func badInput() async throws {
        try await Self.withSQLiteServer(arguments: ["--body-limit", "4096"]) { server in
            let key = try #require(server.adminKey)
            func problem(_ body: String, contentType: String = "application/json", path: String = "/v1/price")
                async throws -> (Int, String?, String?)
            {
                let answer = try await server.send("POST", path, key: key, body: body, contentType: contentType)
                #expect(answer.headers["content-type"] == "application/problem+json", "\(answer.text)")
                return (answer.status, answer.json?["code"] as? String, answer.json?["pointer"] as? String)
            }
            #expect(try await problem("{\"header\":") == (400, "MalformedJSON", ""))
            #expect(try await problem(Self.quote("Q-1", quantity: "\"many\"")) == (400, "InvalidValue", "/lines/0/quantity"))
            #expect(try await problem(Self.quote("Q-1").replacingOccurrences(of: "\"header\":{", with: "\"header\":{\"colour\":1,"))
                == (400, "UnknownField", "/header/colour"))
            #expect(try await problem(#"{"lines":[]}"#) == (400, "MissingField", "/header"))
            #expect(try await problem(Self.quote("Q-1", product: "NOPE")) == (422, "UnknownProduct", "/lines/0/product"))
            #expect(try await problem(String(repeating: " ", count: 5000) + "{}") == (413, "PayloadTooLarge", ""))
            #expect(try await problem("{}", contentType: "text/plain") == (415, "UnsupportedMediaType", "header:Content-Type"))
            #expect(try await problem(Self.quote("Q-1"), path: "/v1/price?version=abc") == (400, "InvalidParameter", "?version"))
            #expect(try await problem(Self.quote("Q-1").replacingOccurrences(of: "\"id\":\"Q-1\",", with: ""))
                == (400, "MissingField", "/header/id"))
            #expect(try await problem(Self.quote("Q-1").replacingOccurrences(of: "USD", with: "ABC"))
                == (422, "UnknownCurrency", "/header/currency"))
            #expect(try await problem(#"{"version":2.5}"#, path: "/v1/definitions/rollback") == (400, "InvalidValue", "/version"))
            let unknown = try await server.send("GET", "/v1/nowhere", key: key)
            #expect(unknown.status == 404 && unknown.json?["code"] as? String == "NotFound")
            let wrongMethod = try await server.send("DELETE", "/v1/quotes/Q-1", key: key)
            #expect(wrongMethod.status == 405 && wrongMethod.json?["code"] as? String == "MethodNotAllowed", "\(wrongMethod.text)")
            #expect(wrongMethod.headers["allow"] == "GET")
            #expect(try await server.send("PATCH", "/v1/quotes", key: nil).headers["allow"] == "POST, GET")
        }
    }

    @Test("serves its OpenAPI document, and a whole number may be written 2.0")
    func openAPI() async throws {
        try await Self.withSQLiteServer { server in
            let document = try await server.send("GET", "/openapi.json", key: nil)
            #expect(document.status == 200 && document.json?["openapi"] as? String == "3.1.0")
            #expect((document.json?["paths"] as? [String: Any])?["/v1/price"] != nil)
            let key = try #require(server.adminKey)
            let rollback = try await server.send("POST", "/v1/definitions/rollback", key: key, body: #"{"version":1.0}"#)
            #expect(rollback.status == 200 && rollback.json?["published"] as? Bool == false, "\(rollback.text)")
        }
    }

    @Test("a creating POST with an Idempotency-Key is done once: a replay gets the stored reply, another body a 422")
    func idempotentQuotes() async throws {
        try await Self.withSQLiteServer { server in
            let key = try #require(server.adminKey)
            let created = try await server.send("POST", "/v1/quotes", key: key, body: Self.quote("Q-7"), headers: ["Idempotency-Key": "create-q7"])
            #expect(created.status == 201, "\(created.text)")
            #expect(created.headers["location"] == "/v1/quotes/Q-7")
            let replay = try await server.send("POST", "/v1/quotes", key: key, body: Self.quote("Q-7"), headers: ["Idempotency-Key": "create-q7"])
            #expect(replay.status == 201 && replay.body == created.body && replay.headers["idempotent-replayed"] == "true")
            let other = try await server.send("POST", "/v1/quotes", key: key, body: Self.quote("Q-8"), headers: ["Idempotency-Key": "create-q7"])
            #expect(other.status == 422 && other.json?["code"] as? String == "IdempotencyKeyReused")
            let again = try await server.send("POST", "/v1/quotes", key: key, body: Self.quote("Q-7"))
            #expect(again.status == 409 && again.json?["code"] as? String == "Conflict")
            let stored = try await server.send("GET", "/v1/quotes/Q-7", key: key)
            #expect(stored.status == 200 && stored.json?["revision"] as? Int == 1)
            let list = try await server.send("GET", "/v1/quotes?limit=1", key: key)
            #expect((list.json?["items"] as? [Any])?.count == 1)
            let reprice = try await server.send("POST", "/v1/quotes/Q-7/reprice", key: key)
            #expect(reprice.status == 200 && reprice.json?["unchanged"] as? Bool == true, "\(reprice.text)")
            let failed = try await server.send("POST", "/v1/quotes", key: key, body: Self.quote("Q-9", product: "NOPE"))
            #expect(failed.status == 422)
            #expect(try await server.send("GET", "/v1/quotes/Q-9", key: key).status == 404)
        }
    }

    @Test("a usage batch stores the good records and reports the bad ones by index and field; rating and rated usage")
    func usage() async throws {
        try await Self.withSQLiteServer { server in
            let key = try #require(server.adminKey)
            func record(_ id: String, asset: String = "AS-ACME-1", quantity: String = "1200", time: String = "2026-10-05T10:00:00Z") -> String {
                #"{"recordId":"\#(id)","assetId":"\#(asset)","resourceId":"events","timestamp":"\#(time)","quantity":\#(quantity)}"#
            }
            let batch = "{\"records\":[" + [record("u-1"), record("u-2", asset: "AS-NOPE"), record("u-3", quantity: "-4"),
                                              record("u-4", time: "yesterday"), record("u-5"), "42"].joined(separator: ",") + "]}"
            let answer = try await server.send("POST", "/v1/usage/records", key: key, body: batch)
            #expect(answer.status == 422 && answer.json?["code"] as? String == "InvalidUsageRecords", "\(answer.text)")
            #expect(answer.json?["inserted"] as? Int == 2 && answer.json?["received"] as? Int == 6)
            let errors = answer.json?["errors"] as? [[String: Any]] ?? []
            #expect(errors.map { $0["index"] as? Int } == [1, 2, 3, 5])
            #expect(errors.map { $0["pointer"] as? String }.prefix(3) == ["/records/1/assetId", "/records/2/quantity", "/records/3/timestamp"])
            // Written over several lines, and a record with a field twice: refused by index and field.
            let twice = #"{"recordId":"u-7","assetId":"AS-ACME-1","resourceId":"events","timestamp":"2026-10-05T10:00:00Z","quantity":1,"quantity":2}"#
            let pretty = try await server.send("POST", "/v1/usage/records", key: key, body: "{\n  \"records\": [\n    \(twice)\n  ]\n}\n")
            #expect(pretty.status == 422 && (pretty.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/records/0/quantity",
                    "\(pretty.text)")
            let malformed = try await server.send("POST", "/v1/usage/records", key: key, body: "{\"records\":[\n\(record("u-8")),\n]}")
            #expect(malformed.status == 400 && malformed.json?["code"] as? String == "MalformedJSON"
                    && (malformed.json?["detail"] as? String)?.contains("line 3, column 1") == true, "\(malformed.text)")
            let good = try await server.send("POST", "/v1/usage/records", key: key, body: "{\"records\":[\(record("u-1")),\(record("u-6"))]}")
            #expect(good.status == 200 && good.json?["inserted"] as? Int == 1 && good.json?["duplicates"] as? Int == 1, "\(good.text)")
            let conflict = try await server.send("POST", "/v1/usage/records", key: key, body: "{\"records\":[\(record("u-1", quantity: "7"))]}")
            #expect((conflict.json?["errors"] as? [[String: Any]])?.first?["code"] as? String == "DuplicateRecordConflict")
            let rated = try await server.send("POST", "/v1/usage/rate", key: key, body: #"{"period":"2026-10"}"#)
            #expect(rated.status == 201 && rated.json?["rated"] as? Int == 3, "\(rated.text)")
            let before = try await server.send("POST", "/v1/usage/rate", key: key, body: #"{"period":"2026-10"}"#)
            #expect(before.status == 200 && before.json?["outcome"] as? String == "ratedBefore")
            let page = try await server.send("GET", "/v1/usage/rated?period=2026-10&limit=2", key: key)
            #expect((page.json?["items"] as? [Any])?.count == 2 && page.json?["nextCursor"] as? String == "u-5", "\(page.text)")
            let badPeriod = try await server.send("POST", "/v1/usage/rate", key: key, body: #"{"period":"October"}"#)
            #expect(badPeriod.status == 400 && badPeriod.json?["pointer"] as? String == "/period")
            let metrics = try await server.send("GET", "/metrics", key: nil)
            #expect(metrics.text.contains("revenue_usage_records_ingested_total 3") && metrics.text.contains("revenue_usage_records_rated_total 3"),
                    "\(metrics.text)")
            #expect(metrics.text.contains(#"http_requests_total{method="POST",route="/v1/usage/records",status="422"} 3"#))
        }
    }

    @Test("definitions: drafts, validate, publish, versions, diff, export and rollback; invalid drafts are a 422 with file and line")
    func definitions() async throws {
        try await Self.withSQLiteServer { server in
            let key = try #require(server.adminKey)
            let drafts = try await server.send("GET", "/v1/definitions/drafts", key: key)
            var files = try #require(drafts.json?["files"] as? [[String: String]])
            let index = try #require(files.firstIndex { $0["path"] == "pricing/standard-price-book.yaml" })
            files[index]["content"] = files[index]["content"]?.replacingOccurrences(of: "1299.00", with: "1249.00")
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["files": files]), as: UTF8.self)
            #expect(try await server.send("PUT", "/v1/definitions/drafts", key: key, body: body).status == 200)
            #expect(try await server.send("POST", "/v1/definitions/validate", key: key).status == 200)
            let published = try await server.send("POST", "/v1/definitions/publish", key: key, body: #"{"comment":"cheaper laptops"}"#)
            #expect(published.status == 201 && published.json?["version"] as? Int == 2, "\(published.text)")
            let diff = try await server.send("GET", "/v1/definitions/diff?from=1&to=2", key: key)
            #expect(diff.status == 200 && diff.text.contains("1249.00"), "\(diff.text)")
            let priced = try await server.send("POST", "/v1/price", key: key, body: Self.quote("Q-1"))
            #expect((priced.json?["quote"] as? [String: Any])?["total"] as? String == "8033.00", "the new version prices at once")
            let rollback = try await server.send("POST", "/v1/definitions/rollback", key: key, body: #"{"version":1}"#)
            #expect(rollback.status == 201 && rollback.json?["restores"] as? Int == 1)
            let versions = try await server.send("GET", "/v1/definitions/versions?limit=2", key: key)
            #expect((versions.json?["items"] as? [[String: Any]])?.compactMap { $0["version"] as? Int } == [3, 2])
            #expect(versions.json?["nextCursor"] as? String == "2")
            let export = try await server.send("GET", "/v1/definitions/versions/3/files", key: key)
            #expect((export.json?["files"] as? [Any])?.count == files.count)
            let broken = try await server.send("POST", "/v1/definitions/validate", key: key,
                                               body: #"{"files":[{"path":"bad.yaml","content":"kind: Catalog\nid: x\n"}]}"#)
            #expect(broken.status == 422 && broken.json?["code"] as? String == "InvalidDefinitions", "\(broken.text)")
            #expect(((broken.json?["errors"] as? [[String: Any]])?.first?["file"] as? String) == "bad.yaml")
            let accounts = try await server.send("GET", "/v1/accounts", key: key)
            #expect((accounts.json?["items"] as? [[String: Any]])?.contains { $0["id"] as? String == "ACME" } == true)
            let acme = try await server.send("GET", "/v1/accounts/ACME", key: key)
            #expect(acme.status == 200 && !((acme.json?["contractPrices"] as? [Any]) ?? []).isEmpty, "\(acme.text)")
            #expect(try await server.send("GET", "/v1/accounts/NOBODY", key: key).status == 404)
        }
    }
}
