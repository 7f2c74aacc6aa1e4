import Foundation
import Testing

/// `revenue definitions` and `revenue db` run as a user runs them, against a store file.
@Suite("revenue definitions", .serialized)
struct DefinitionsCommandTests {
    typealias C = PriceCommandTests

    /// A demo directory and a database file next to it.
    static func setUp() throws -> (definitions: String, database: String) {
        let demo = try C.demo()
        return (demo.appendingPathComponent("definitions").path, "sqlite:" + demo.appendingPathComponent("store.sqlite").path)
    }

    @Test("publish, publish again unchanged, change a price, diff, list and roll back")
    func lifecycle() throws {
        let (definitions, database) = try Self.setUp()
        let migrate = try C.run(["db", "migrate", "--database", database])
        #expect(migrate.status == 0 && migrate.output.hasSuffix("applied 1-definitions, 2-quotes, 3-usage, 4-usage-files, 5-usage-rating, 6-api.\n"), "\(migrate)")
        let first = try C.run(["definitions", "publish", definitions, "--author", "ana", "--comment", "first", "--database", database])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.hasPrefix("Published version 1: 17 files, by ana"))
        let again = try C.run(["definitions", "publish", definitions, "--author", "ana", "--database", database])
        #expect(again.output == "Unchanged: the files are those of version 1; nothing was published.\n")

        let book = definitions + "/pricing/standard-price-book.yaml"
        let text = try String(contentsOfFile: book, encoding: .utf8)
        try text.replacingOccurrences(of: "unitPrice: \"1299.00\"", with: "unitPrice: \"1349.00\"")
            .write(toFile: book, atomically: true, encoding: .utf8)
        let second = try C.run(["definitions", "publish", definitions, "--author", "bo", "--comment", "laptop up",
                                "--database", database])
        #expect(second.output.hasPrefix("Published version 2: 17 files, by bo"), "\(second)")

        let diff = try C.run(["definitions", "diff", "1", "--database", database])
        #expect(diff.output == """
            Changes from version 1 to the latest version:

            PriceBook 'standard' v1
              ~ entries[LAPTOP-14, USD, oneTime] › unitPrice: 1299.00 → 1349.00

            1 change: 0 added, 0 removed, 1 changed.

            """)
        let rollback = try C.run(["definitions", "rollback", "1", "--author", "cy", "--database", database])
        #expect(rollback.output.hasPrefix("Published version 3 (restoring version 1): 17 files, by cy"), "\(rollback)")
        let list = try C.run(["definitions", "list", "--format", "json", "--database", database])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [3, 2, 1])
        #expect(versions.map { $0["author"] as? String } == ["cy", "bo", "ana"])
        #expect(versions[0]["restores"] as? Int == 1)
        #expect(versions[0]["checksum"] as? String == versions[2]["checksum"] as? String)
        #expect(try C.run(["definitions", "diff", "1", "3", "--database", database]).output == "No changes from version 1 to version 3.\n")
    }

    @Test("invalid definitions exit 1 with file, line and column, and publish nothing")
    func invalid() throws {
        let (definitions, database) = try Self.setUp()
        let book = definitions + "/pricing/standard-price-book.yaml"
        let text = try String(contentsOfFile: book, encoding: .utf8)
        try text.replacingOccurrences(of: "product: LAPTOP-14, currency: USD", with: "product: LAPTOP-15, currency: USD")
            .write(toFile: book, atomically: true, encoding: .utf8)
        let publish = try C.run(["definitions", "publish", definitions, "--author", "ana", "--database", database])
        #expect(publish.status == 1)
        #expect(publish.errors.hasPrefix("pricing/standard-price-book.yaml:9:16: error: entries[0].product: unknown product 'LAPTOP-15'"))
        #expect(publish.errors.hasSuffix("Nothing was published.\n"))
        #expect(try C.run(["definitions", "list", "--database", database]).output.hasPrefix("Nothing is published yet"))
    }

    @Test("a stale --based-on, a file that is not a database and an unknown scheme are clear errors")
    func failures() throws {
        let (definitions, database) = try Self.setUp()
        _ = try C.run(["definitions", "publish", definitions, "--author", "ana", "--database", database])
        let stale = try C.run(["definitions", "publish", definitions, "--author", "bo", "--based-on", "0", "--database", database])
        #expect(stale.status == 1)
        let unchangedFromStale = stale.output.hasPrefix("Unchanged")
        #expect(!unchangedFromStale)
        #expect(stale.errors.hasPrefix("error: Conflict: this publish was prepared from version 0"), "\(stale)")

        let notDatabase = definitions + "/catalog/products.yaml"
        let broken = try C.run(["definitions", "list", "--database", "sqlite:" + notDatabase])
        #expect(broken.status == 1)
        #expect(broken.errors.hasPrefix("error: DatabaseUnavailable: "), "\(broken)")
        #expect(broken.errors.contains(notDatabase))

        let scheme = try C.run(["definitions", "list", "--database", "mysql://localhost/revenue"])
        #expect(scheme.status != 0)
        #expect(scheme.errors.contains("--database: 'mysql://localhost/revenue' names an unknown database kind 'mysql'"))
    }
}
