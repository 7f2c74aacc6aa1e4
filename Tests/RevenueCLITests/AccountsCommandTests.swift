import Foundation
import Testing

/// `revenue accounts list|show` over a published demo.
@Suite("revenue accounts", .serialized)
struct AccountsCommandTests {
    typealias C = PriceCommandTests

    @Test("list prints the hierarchy as a tree; show gives parents, children, assets and inherited contract prices")
    func listAndShow() throws {
        let (demo, database) = try UsageCommandTests.publishedDemo(.sqlite)
        defer { try? FileManager.default.removeItem(at: demo) }
        let list = try C.run(["accounts", "list", "--database", database])
        #expect(list.status == 0, "\(list.errors)")
        let lines = list.output.split(separator: "\n").map { String($0) }
        #expect(lines.first == "Definitions version 1: 6 accounts.")
        #expect(lines.contains { $0.hasPrefix("ACME-GLOBAL  Acme Global Holdings") })
        #expect(lines.contains { $0.hasPrefix("  ACME       Acme Corporation") })
        #expect(lines.contains { $0.hasPrefix("    ACME-EU  Acme Europe GmbH") })

        let show = try C.run(["accounts", "show", "ACME-EU", "--database", database])
        #expect(show.status == 0, "\(show.errors)")
        #expect(show.output.contains("parents: ACME → ACME-GLOBAL"), "\(show.output)")
        #expect(show.output.contains("AS-ACME-EU-1  CLOUD-STANDARD"), "\(show.output)")
        // Its own account has none; both of its ancestors' prices are inherited.
        #expect(show.output.contains("Contract prices (2)"), "\(show.output)")
        #expect(show.output.contains("ACME-LAPTOP-16") && show.output.contains("1899.00 USD"), "\(show.output)")
        #expect(show.output.contains("family == \"software\"") && show.output.contains("8% off"), "\(show.output)")

        let missing = try C.run(["accounts", "show", "acme", "--database", database])
        #expect(missing.status == 1)
        #expect(missing.errors == "error: NotFound: no account 'acme' in definitions version 1; similar: ACME, ACME-EU, ACME-GLOBAL\n",
                "\(missing.errors)")
        let unknownVersion = try C.run(["accounts", "list", "--definitions-version", "9", "--database", database])
        #expect(unknownVersion.status == 1)
        #expect(unknownVersion.errors.contains("9"), "\(unknownVersion.errors)")
    }
}
