import GRDB

/// The SQLite schema, as an ordered list of migrations. A migration, once released, never
/// changes; a schema change is a new migration at the end.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-definitions") { db in
            try db.execute(sql: """
                CREATE TABLE definition_drafts (
                    path TEXT PRIMARY KEY NOT NULL,
                    bytes BLOB NOT NULL
                );
                CREATE TABLE definition_versions (
                    number INTEGER PRIMARY KEY NOT NULL CHECK (number >= 1),
                    author TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    published_at_ms INTEGER NOT NULL,
                    checksum TEXT NOT NULL,
                    file_count INTEGER NOT NULL,
                    restores INTEGER REFERENCES definition_versions(number)
                );
                CREATE TABLE definition_version_files (
                    version INTEGER NOT NULL REFERENCES definition_versions(number),
                    path TEXT NOT NULL,
                    bytes BLOB NOT NULL,
                    PRIMARY KEY (version, path)
                );
                """)
        }
        return migrator
    }
}
