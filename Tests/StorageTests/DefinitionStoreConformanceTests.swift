import Foundation
import Storage
import Testing

/// The contract of ``DefinitionStore``, run against every adapter.
@Suite("Storage: definition store conformance")
struct DefinitionStoreConformanceTests {
    typealias F = StoreFixtures

    @Test("an empty store has no versions, no drafts, and says so for an unknown version", arguments: StoreKind.allCases)
    func emptyStore(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        #expect(try await store.versions().isEmpty)
        #expect(try await store.latest() == nil)
        #expect(try await store.drafts().isEmpty)
        #expect(try await store.version(1) == nil)
        let error = await #expect(throws: StoreError.self) { try await store.files(of: 1) }
        #expect(error?.code == .notFound)
        #expect(error?.message == "there is no version 1")
    }

    @Test("drafts are added, replaced, listed in path order and deleted", arguments: StoreKind.allCases)
    func drafts(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.replaceDrafts([F.file("b.yaml", "b"), F.file("a.yaml", "a")])
        try await store.putDraft(F.file("c.yaml", "c"))
        try await store.putDraft(F.file("a.yaml", "a2"))
        #expect(try await store.drafts() == [F.file("a.yaml", "a2"), F.file("b.yaml", "b"), F.file("c.yaml", "c")])
        try await store.deleteDraft(path: "b.yaml")
        #expect(try await store.drafts().map(\.path) == ["a.yaml", "c.yaml"])
        let error = await #expect(throws: StoreError.self) { try await store.deleteDraft(path: "b.yaml") }
        #expect(error?.code == .notFound)
        try await store.replaceDrafts([])
        #expect(try await store.drafts().isEmpty)
    }

    @Test("published versions are numbered, immutable and listed newest first", arguments: StoreKind.allCases)
    func publish(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let first = try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "first",
                                                        at: F.date, basedOn: nil))
        let second = try await store.publish(Publication(files: F.definitions(serverPrice: "16000"), author: "bo",
                                                         comment: "new prices", at: F.date.addingTimeInterval(60),
                                                         basedOn: 1))
        #expect(first.number == 1 && second.number == 2)
        #expect(first.fileCount == 3)
        #expect(first.checksum == DefinitionChecksum.of(F.definitions()))
        #expect(first.checksum != second.checksum)
        #expect(try await store.versions() == [second, first])
        #expect(try await store.version(1) == first)
        #expect(try await store.files(of: 1) == F.definitions().sorted { $0.path < $1.path })
        #expect(try await store.latest()?.publishedAt == F.date.addingTimeInterval(60))
        #expect(try await store.latest()?.author == "bo")
    }

    @Test("a publish prepared from an older version is a conflict and writes nothing", arguments: StoreKind.allCases)
    func staleBase(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "", at: F.date, basedOn: nil))
        let error = await #expect(throws: StoreError.self) {
            try await store.publish(Publication(files: F.definitions(serverPrice: "1"), author: "bo", comment: "",
                                                at: F.date, basedOn: nil))
        }
        #expect(error?.code == .conflict)
        #expect(error?.message.hasPrefix("this publish was prepared from an empty store, but version 1 is the latest") == true)
        #expect(try await store.versions().count == 1)
        #expect(try await store.files(of: 1) == F.definitions().sorted { $0.path < $1.path })
    }

    @Test("of two concurrent publishes from the same version, one wins and the other is a conflict",
          arguments: StoreKind.allCases)
    func concurrentPublishes(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "", at: F.date, basedOn: nil))
        let results = await withTaskGroup(of: Result<PublishedVersion, StoreError>.self) { group in
            for price in ["17000", "18000", "19000", "20000"] {
                group.addTask {
                    do throws(StoreError) {
                        return .success(try await store.publish(Publication(
                            files: F.definitions(serverPrice: price), author: price, comment: "", at: F.date, basedOn: 1)))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        #expect(winners.first?.number == 2)
        for case .failure(let error) in results { #expect(error.code == .conflict) }
        #expect(try await store.versions().count == 2)
    }

    @Test("restoring an unknown version is NotFound and writes nothing", arguments: StoreKind.allCases)
    func restoreUnknown(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let error = await #expect(throws: StoreError.self) {
            try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "", at: F.date, basedOn: nil,
                                                restores: 7))
        }
        #expect(error?.code == .notFound)
        #expect(try await store.versions().isEmpty)
    }

    @Test("quotes, semicolons, SQL and Unicode in every field are stored and read back as given",
          arguments: StoreKind.allCases)
    func hostileText(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let nasty = "O'Brien\"; DROP TABLE definition_versions; -- ünïcødé 💶 \\ %_ $1 ?end"
        let path = "dir/\(nasty).yaml"
        let bytes = Array("kind: Catalog\n# \(nasty)\n".utf8) + [0, 255, 254]
        try await store.putDraft(DefinitionFile(path: path, bytes: bytes))
        #expect(try await store.drafts() == [DefinitionFile(path: path, bytes: bytes)])
        let version = try await store.publish(Publication(files: [DefinitionFile(path: path, bytes: bytes)], author: nasty,
                                                          comment: nasty, at: F.date, basedOn: nil))
        #expect(try await store.version(1) == version)
        #expect(version.author == nasty && version.comment == nasty)
        #expect(try await store.files(of: 1) == [DefinitionFile(path: path, bytes: bytes)])
        try await store.deleteDraft(path: path)
        #expect(try await store.drafts().isEmpty)
        #expect(try await store.versions().count == 1)
    }

    @Test("text with a NUL character is refused before anything is written", arguments: StoreKind.allCases)
    func nulCharacters(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let draft = await #expect(throws: StoreError.self) { try await store.putDraft(F.file("a\u{0}b.yaml", "x")) }
        #expect(draft?.code == .invalidInput)
        #expect(draft?.message == "the path 'a\\0b.yaml' contains a NUL character")
        let publish = await #expect(throws: StoreError.self) {
            try await store.publish(Publication(files: F.definitions(), author: "a\u{0}", comment: "", at: F.date, basedOn: nil))
        }
        #expect(publish?.message == "the author contains a NUL character")
        #expect(try await store.drafts().isEmpty)
        #expect(try await store.versions().isEmpty)
    }

    @Test("a store written by a newer revenue (a migration this one does not know) is refused", arguments: StoreKind.allCases)
    func newerSchema(kind: StoreKind) async throws {
        let location = try kind.newLocation()
        let store = try await kind.open(location)
        #expect(try await store.appliedMigrations() == ["1-definitions", "2-quotes", "3-usage", "4-usage-files", "5-usage-rating", "6-api"])
        store.close()
        switch kind {
        case .sqlite: try kind.runSQL("INSERT INTO grdb_migrations (identifier) VALUES ('99-future')", at: location)
        case .postgres:
            try kind.runSQL("INSERT INTO revenue_migrations (position, name, applied_at_ms) VALUES (99, '99-future', 0)", at: location)
        }
        let error = await #expect(throws: StoreError.self) { try await kind.open(location) }
        #expect(error?.code == .failed)
        #expect(error?.message.contains("has schema migration '99-future', which this version of revenue does not know") == true,
                "\(String(describing: error))")
    }
}
