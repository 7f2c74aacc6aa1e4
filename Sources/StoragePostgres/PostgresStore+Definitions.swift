import Foundation
import NIOCore
import PostgresNIO
public import Storage

extension PostgresStore: DefinitionStore {
    public func drafts() async throws(StoreError) -> [DefinitionFile] {
        try await transaction("reading the workspace") { connection in
            try await Self.files(connection.query("SELECT path, bytes FROM definition_drafts ORDER BY path COLLATE \"C\"",
                                                  logger: self.logger))
        }
    }

    public func replaceDrafts(_ files: [DefinitionFile]) async throws(StoreError) {
        for file in files { try StoredText.check(path: file.path) }
        try await transaction("replacing the workspace") { connection in
            // One replacement at a time: two at once would both insert the same paths.
            try await connection.query("SELECT pg_advisory_xact_lock(7413003)", logger: self.logger)
            try await connection.query("DELETE FROM definition_drafts", logger: self.logger)
            for file in files {
                try await connection.query("INSERT INTO definition_drafts (path, bytes) VALUES (\(file.path), \(ByteBuffer(bytes: file.bytes)))",
                                           logger: self.logger)
            }
        }
    }

    public func putDraft(_ file: DefinitionFile) async throws(StoreError) {
        try StoredText.check(path: file.path)
        try await transaction("saving draft \(file.path)") { connection in
            _ = try await connection.query("""
                INSERT INTO definition_drafts (path, bytes) VALUES (\(file.path), \(ByteBuffer(bytes: file.bytes)))
                ON CONFLICT (path) DO UPDATE SET bytes = excluded.bytes
                """, logger: self.logger)
        }
    }

    public func deleteDraft(path: String) async throws(StoreError) {
        let deleted = try await transaction("deleting draft \(path)") { connection in
            try await connection.query("DELETE FROM definition_drafts WHERE path = \(path) RETURNING path", logger: self.logger)
                .collect().count
        }
        if deleted == 0 { throw StoreError(.notFound, "the workspace has no draft '\(path)'") }
    }

    public func publish(_ publication: Publication) async throws(StoreError) -> PublishedVersion {
        try StoredText.check(publication)
        let checksum = DefinitionChecksum.of(publication.files)
        let files = publication.files.sorted { $0.path < $1.path }
        return try await transaction("publishing") { connection in
            // One publish at a time: the second waits, then sees the first one's version.
            try await connection.query("SELECT pg_advisory_xact_lock(7413002)", logger: self.logger)
            let latest = try await connection.query("SELECT MAX(number) FROM definition_versions", logger: self.logger)
                .collect().first.flatMap { try $0.decode(Int?.self) }
            guard latest == publication.basedOn else {
                throw StoreError.publishConflict(latest: latest, basedOn: publication.basedOn)
            }
            if let restores = publication.restores,
               try await connection.query("SELECT 1 FROM definition_versions WHERE number = \(restores)", logger: self.logger)
                .collect().isEmpty
            {
                throw StoreError(.notFound, "there is no version \(restores) to restore")
            }
            let version = PublishedVersion(number: (latest ?? 0) + 1, author: publication.author,
                                           comment: publication.comment, publishedAt: publication.at,
                                           checksum: checksum, fileCount: files.count, restores: publication.restores)
            try await connection.query("""
                INSERT INTO definition_versions (number, author, comment, published_at_ms, checksum, file_count, restores)
                VALUES (\(version.number), \(version.author), \(version.comment), \(StoredTime.milliseconds(version.publishedAt)),
                        \(version.checksum), \(version.fileCount), \(version.restores))
                """, logger: self.logger)
            for file in files {
                try await connection.query("""
                    INSERT INTO definition_version_files (version, path, bytes)
                    VALUES (\(version.number), \(file.path), \(ByteBuffer(bytes: file.bytes)))
                    """, logger: self.logger)
            }
            return version
        }
    }

    public func versions() async throws(StoreError) -> [PublishedVersion] {
        try await transaction("listing versions") { connection in
            try await Self.versions(connection.query("""
                SELECT number, author, comment, published_at_ms, checksum, file_count, restores
                FROM definition_versions ORDER BY number DESC
                """, logger: self.logger))
        }
    }

    public func version(_ number: Int) async throws(StoreError) -> PublishedVersion? {
        try await transaction("reading version \(number)") { connection in
            try await Self.versions(connection.query("""
                SELECT number, author, comment, published_at_ms, checksum, file_count, restores
                FROM definition_versions WHERE number = \(number)
                """, logger: self.logger)).first
        }
    }

    public func files(of version: Int) async throws(StoreError) -> [DefinitionFile] {
        let files = try await transaction("reading version \(version)") { connection -> [DefinitionFile]? in
            guard try await !connection.query("SELECT 1 FROM definition_versions WHERE number = \(version)", logger: self.logger)
                .collect().isEmpty
            else { return nil }
            return try await Self.files(connection.query("""
                SELECT path, bytes FROM definition_version_files WHERE version = \(version) ORDER BY path COLLATE "C"
                """, logger: self.logger))
        }
        guard let files else { throw StoreError(.notFound, "there is no version \(version)") }
        return files
    }

    private static func files(_ rows: PostgresRowSequence) async throws -> [DefinitionFile] {
        var files: [DefinitionFile] = []
        for try await (path, bytes) in rows.decode((String, ByteBuffer).self) {
            files.append(DefinitionFile(path: path, bytes: Array(bytes.readableBytesView)))
        }
        return files
    }

    private static func versions(_ rows: PostgresRowSequence) async throws -> [PublishedVersion] {
        var versions: [PublishedVersion] = []
        for try await (number, author, comment, published, checksum, count, restores)
            in rows.decode((Int, String, String, Int64, String, Int, Int?).self)
        {
            versions.append(PublishedVersion(number: number, author: author, comment: comment,
                                             publishedAt: StoredTime.date(milliseconds: published), checksum: checksum,
                                             fileCount: count, restores: restores))
        }
        return versions
    }
}
