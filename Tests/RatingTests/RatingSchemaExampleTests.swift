import Catalog
import Definitions
import Foundation
import Rating
import Testing

/// The rating documents under `schema/invalid/rating` are rejected by the JSON Schema (checked by
/// `scripts/check-schema.py`); the rating compiler must reject each of them too.
@Suite struct RatingSchemaExampleTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema/invalid/rating")

    /// A valid set the examples refer to: product `P1`, resource `calls`, asset `A-1`.
    static let context = """
        kind: Catalog
        id: core
        version: 1
        effectiveFrom: 2026-01-01
        unitsOfMeasure: [{ id: call }]
        products: [{ id: P1, name: One, unitOfMeasure: call }]
        ---
        kind: Accounts
        id: accounts
        version: 1
        effectiveFrom: 2026-01-01
        accounts: [{ id: ACME }]
        ---
        kind: UsageResources
        id: resources
        version: 1
        effectiveFrom: 2026-01-01
        resources: [{ id: calls, unitOfMeasure: call }]
        ---
        kind: Assets
        id: assets
        version: 1
        effectiveFrom: 2026-01-01
        assets: [{ id: A-1, account: ACME, product: P1, currency: USD }]

        """

    @Test(arguments: [
        ("rate-card-tiers-and-rate.yaml", "UnknownField"),
        ("negotiated-rate-two-owners.yaml", "InvalidValue"),
    ])
    func rejected(file: String, code: String) throws {
        let bytes = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        let loaded = DefinitionLoader.load(files: [("context.yaml", Array(Self.context.utf8)), (file, Array(bytes))])
        guard case .failure(let failure) = RatingCompiler.compile(loaded) else {
            Issue.record("\(file) compiled")
            return
        }
        #expect(failure.diagnostics.map(\.code).contains(code), "\(failure.diagnostics.map(\.description))")
        #expect(failure.diagnostics.allSatisfy { $0.location.file == file })
    }

    @Test func theDirectoryHoldsExactlyTheExamplesTestedHere() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        #expect(names == ["negotiated-rate-two-owners.yaml", "rate-card-tiers-and-rate.yaml"])
    }
}
