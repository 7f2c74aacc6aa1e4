import Foundation
import Pricing
import Publishing
import Quoting
import Storage
import Testing

/// Quotes kept with their waterfall and the definitions version used, over every store.
@Suite("Storage: quotes")
struct QuoteStoreTests {
    typealias F = StoreFixtures

    static let quote = Array("""
        header: { id: Q-1, currency: USD, pricingDate: 2026-03-01, priceBook: std, procedure: standard }
        lines:
          - { id: "1", product: SERVER, quantity: 2 }
          - { id: "2", product: RACK, quantity: 1 }
        """.utf8)

    static func store(_ kind: StoreKind) async throws -> any Store {
        guard let store = try await kind.makeStore() as? any Store else { throw StoreError(.failed, "not a whole store") }
        return store
    }

    static func revision(_ id: String, _ number: Int, version: Int = 1, total: String = "1.00") -> StoredQuote {
        StoredQuote(id: id, revision: number, definitionsVersion: version, input: Array("id: \(id)".utf8), inputFormat: "yaml",
                    priced: Array("{\"total\":\"\(total)\",\"lines\":[]}".utf8), currency: "USD", total: total, lineCount: 0,
                    hasErrors: false, pricedAt: F.date)
    }

    @Test("revisions are stored whole, read back by number or as the latest, and listed by cursor", arguments: StoreKind.allCases)
    func revisions(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        _ = try await store.publish(Publication(files: F.definitions(), author: "a", comment: "", at: F.date, basedOn: nil))
        for id in ["B", "A", "C'; DROP TABLE quotes; --", "Ä"] { try await store.createQuote(Self.revision(id, 1)) }
        try await store.addRevision(Self.revision("A", 2, total: "2.00"))
        #expect(try await store.quote("A", revision: nil) == Self.revision("A", 2, total: "2.00"))
        #expect(try await store.quote("A", revision: 1) == Self.revision("A", 1))
        #expect(try await store.quote("A", revision: 3) == nil)
        #expect(try await store.quote("Z", revision: nil) == nil)
        let first = try await store.quotes(after: nil, limit: 2)
        #expect(first.map(\.id) == ["A", "B"])
        #expect(first.map(\.revision) == [2, 1])
        let rest = try await store.quotes(after: first.last?.id, limit: 10)
        #expect(rest.map(\.id) == ["C'; DROP TABLE quotes; --", "Ä"])
    }

    @Test("an existing id, a skipped revision and an unknown quote are refused, writing nothing", arguments: StoreKind.allCases)
    func refusals(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        _ = try await store.publish(Publication(files: F.definitions(), author: "a", comment: "", at: F.date, basedOn: nil))
        try await store.createQuote(Self.revision("A", 1))
        let again = await #expect(throws: StoreError.self) { try await store.createQuote(Self.revision("A", 1, total: "9.00")) }
        #expect(again?.code == .conflict)
        let skipped = await #expect(throws: StoreError.self) { try await store.addRevision(Self.revision("A", 3)) }
        #expect(skipped?.code == .conflict)
        #expect(skipped?.message == "quote 'A' is at revision 1, so revision 3 cannot follow it; another reprice came first")
        let unknown = await #expect(throws: StoreError.self) { try await store.addRevision(Self.revision("B", 2)) }
        #expect(unknown?.code == .notFound)
        #expect(try await store.quote("A", revision: nil) == Self.revision("A", 1))
        #expect(try await store.quotes(after: nil, limit: 10).count == 1)
    }

    @Test("a quote is priced with the latest definitions, stored, and repriced showing what changed", arguments: StoreKind.allCases)
    func createAndReprice(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let lifecycle = DefinitionsLifecycle(store: store)
        _ = try await lifecycle.publish(F.definitions(), author: "a", comment: "", at: F.date)
        let book = QuoteBook(store: store)
        let created = try await book.create(document: Self.quote, path: "q.yaml", at: F.date)
        #expect(created.stored.revision == 1 && created.stored.definitionsVersion == 1)
        // 2 × 15,000 and 1 × 1,000, less 10 %.
        #expect(created.stored.total == "27900.00")
        #expect(try await book.revision("Q-1", nil) == created.stored)

        let unchanged = try await book.reprice("Q-1", at: F.date)
        #expect(unchanged.isUnchanged && unchanged.toRevision == nil)

        _ = try await lifecycle.publish(F.definitions(serverPrice: "16000"), author: "b", comment: "", at: F.date)
        let report = try await book.reprice("Q-1", at: F.date)
        #expect(report.toRevision == 2 && report.fromVersion == 1 && report.toVersion == 2)
        #expect(report.oldTotal == "27900.00" && report.newTotal == "29700.00")
        #expect(report.lines.map(\.lineId) == ["1"])
        #expect(report.lines.first?.oldTotal == "27000.00" && report.lines.first?.newTotal == "28800.00")
        #expect(report.lines.first?.steps.map(\.elementId) == ["list", "volume"])
        #expect(try await book.revision("Q-1", nil).total == "29700.00")
        #expect(try await book.revision("Q-1", 1).total == "27900.00")

        do {
            _ = try await book.create(document: Self.quote, path: "q.yaml", at: F.date)
            Issue.record("stored a second quote Q-1")
        } catch {
            guard case .store(let store) = error else { Issue.record("\(error)"); return }
            #expect(store.code == .conflict)
        }
    }
}
