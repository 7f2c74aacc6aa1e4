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
        migrator.registerMigration("2-quotes") { db in
            try db.execute(sql: """
                CREATE TABLE quotes (
                    id TEXT PRIMARY KEY NOT NULL,
                    latest_revision INTEGER NOT NULL
                );
                CREATE TABLE quote_revisions (
                    quote_id TEXT NOT NULL REFERENCES quotes(id),
                    revision INTEGER NOT NULL CHECK (revision >= 1),
                    definitions_version INTEGER NOT NULL REFERENCES definition_versions(number),
                    input BLOB NOT NULL,
                    input_format TEXT NOT NULL,
                    priced BLOB NOT NULL,
                    currency TEXT NOT NULL,
                    total TEXT NOT NULL,
                    line_count INTEGER NOT NULL,
                    has_errors INTEGER NOT NULL,
                    priced_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (quote_id, revision)
                );
                """)
        }
        migrator.registerMigration("3-usage") { db in
            try db.execute(sql: """
                CREATE TABLE usage_records (
                    id TEXT PRIMARY KEY NOT NULL,
                    asset TEXT NOT NULL,
                    resource TEXT NOT NULL,
                    quantity TEXT NOT NULL,
                    timestamp TEXT NOT NULL,
                    attributes TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("4-usage-files") { db in
            try db.execute(sql: """
                CREATE TABLE usage_files (
                    checksum TEXT PRIMARY KEY NOT NULL,
                    path TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    duplicates INTEGER NOT NULL,
                    conflicts INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    ingested_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
