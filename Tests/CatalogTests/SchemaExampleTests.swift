import Catalog
import Definitions
import Foundation
import Testing

/// The documents under `schema/invalid` are rejected by the JSON Schema (checked by
/// `scripts/check-schema.py`); the compiler must reject each of them too, for the same reason.
@Suite("Definitions: the compiler agrees with the JSON Schema")
struct SchemaExampleTests {
    static let invalidDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema/invalid")

    /// A valid set that the invalid examples refer to (product `P1`, account `ACME`).
    static let context = """
        kind: Catalog
        id: core
        version: 1
        effectiveFrom: 2026-01-01
        unitsOfMeasure: [{ id: each }]
        products: [{ id: P1, name: One, unitOfMeasure: each }]
        ---
        kind: Accounts
        id: accounts
        version: 1
        effectiveFrom: 2026-01-01
        accounts: [{ id: ACME }]

        """

    @Test("each invalid example fails with the expected code", arguments: [
        ("unknown-field.yaml", "UnknownField"),
        ("missing-term.yaml", "MissingField"),
        ("contract-both.yaml", "InvalidContractPrice"),
        ("unknown-kind.json", "UnknownKind"),
        ("float-text.yaml", "InvalidValue"),
        ("bad-attribute.yaml", "InvalidValue"),
        ("missing-header.yaml", "MissingField"),
    ])
    func rejected(file: String, code: String) throws {
        let bytes = try Data(contentsOf: Self.invalidDirectory.appendingPathComponent(file))
        let loaded = DefinitionLoader.load(files: [("context.yaml", Array(Self.context.utf8)), (file, Array(bytes))])
        guard case .failure(let failure) = CatalogCompiler.compile(loaded) else {
            Issue.record("\(file) compiled")
            return
        }
        #expect(failure.diagnostics.map(\.code).contains(code), "\(failure.diagnostics.map(\.description))")
        #expect(failure.diagnostics.allSatisfy { $0.location.file == file })
    }

    @Test("the directory holds exactly the examples tested here")
    func everyExampleIsTested() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.invalidDirectory.path).sorted()
        // `rating/` holds rating documents, which the rating tests compile.
        #expect(names == ["bad-attribute.yaml", "contract-both.yaml", "float-text.yaml", "missing-header.yaml",
                          "missing-term.yaml", "rating", "unknown-field.yaml", "unknown-kind.json"])
    }
}
