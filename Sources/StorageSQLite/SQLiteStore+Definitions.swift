import Foundation
import GRDB
public import Storage

extension SQLiteStore: DefinitionStore {
    public func drafts() async throws(StoreError) -> [DefinitionFile] {
        try await read("reading the workspace") { db in
            try Row.fetchAll(db, sql: "SELECT path, bytes FROM definition_drafts ORDER BY path").map(Self.file)
        }
    }

    public func replaceDrafts(_ files: [DefinitionFile]) async throws(StoreError) {
        for file in files { try StoredText.check(path: file.path) }
        try await write("replacing the workspace") { db in
            try db.execute(sql: "DELETE FROM definition_drafts")
            for file in files {
                try db.execute(sql: "INSERT INTO definition_drafts (path, bytes) VALUES (?, ?)",
                               arguments: [file.path, Data(file.bytes)])
            }
        }
    }

    public func putDraft(_ file: DefinitionFile) async throws(StoreError) {
        try StoredText.check(path: file.path)
        try await write("saving draft \(file.path)") { db in
            try db.execute(sql: """
                INSERT INTO definition_drafts (path, bytes) VALUES (?, ?)
                ON CONFLICT (path) DO UPDATE SET bytes = excluded.bytes
                """, arguments: [file.path, Data(file.bytes)])
        }
    }

    public func deleteDraft(path: String) async throws(StoreError) {
        let deleted = try await write("deleting draft \(path)") { db in
            try db.execute(sql: "DELETE FROM definition_drafts WHERE path = ?", arguments: [path])
            return db.changesCount
        }
        if deleted == 0 { throw StoreError(.notFound, "the workspace has no draft '\(path)'") }
    }

    public func publish(_ publication: Publication) async throws(StoreError) -> PublishedVersion {
        try StoredText.check(publication)
        let checksum = DefinitionChecksum.of(publication.files)
        let files = publication.files.sorted { $0.path < $1.path }
        return try await write("publishing") { db in
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM definition_versions")
            guard latest == publication.basedOn else {
                throw StoreError.publishConflict(latest: latest, basedOn: publication.basedOn)
            }
            if let restores = publication.restores,
               try Int.fetchOne(db, sql: "SELECT 1 FROM definition_versions WHERE number = ?", arguments: [restores]) == nil
            {
                throw StoreError(.notFound, "there is no version \(restores) to restore")
            }
            let version = PublishedVersion(number: (latest ?? 0) + 1, author: publication.author,
                                           comment: publication.comment, publishedAt: publication.at,
                                           checksum: checksum, fileCount: files.count, restores: publication.restores)
            try db.execute(sql: """
                INSERT INTO definition_versions (number, author, comment, published_at_ms, checksum, file_count, restores)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [version.number, version.author, version.comment,
                                 StoredTime.milliseconds(version.publishedAt), version.checksum, version.fileCount,
                                 version.restores])
            for file in files {
                try db.execute(sql: "INSERT INTO definition_version_files (version, path, bytes) VALUES (?, ?, ?)",
                               arguments: [version.number, file.path, Data(file.bytes)])
            }
            return version
        }
    }

    public func versions() async throws(StoreError) -> [PublishedVersion] {
        try await read("listing versions") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM definition_versions ORDER BY number DESC").map(Self.version)
        }
    }

    public func version(_ number: Int) async throws(StoreError) -> PublishedVersion? {
        try await read("reading version \(number)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM definition_versions WHERE number = ?", arguments: [number])
                .map(Self.version)
        }
    }

    public func files(of version: Int) async throws(StoreError) -> [DefinitionFile] {
        let files = try await read("reading version \(version)") { db -> [DefinitionFile]? in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM definition_versions WHERE number = ?", arguments: [version]) != nil
            else { return nil }
            return try Row.fetchAll(db, sql: "SELECT path, bytes FROM definition_version_files WHERE version = ? ORDER BY path",
                                    arguments: [version]).map(Self.file)
        }
        guard let files else { throw StoreError(.notFound, "there is no version \(version)") }
        return files
    }

    private static func file(_ row: Row) -> DefinitionFile {
        DefinitionFile(path: row["path"], bytes: Array(row["bytes"] as Data))
    }

    private static func version(_ row: Row) -> PublishedVersion {
        PublishedVersion(number: row["number"], author: row["author"], comment: row["comment"],
                         publishedAt: StoredTime.date(milliseconds: row["published_at_ms"]), checksum: row["checksum"],
                         fileCount: row["file_count"], restores: row["restores"])
    }
}
