/// The PostgreSQL schema, as an ordered list of named migrations that mirror the SQLite ones. A
/// migration, once released, never changes; a schema change is a new migration at the end.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("1-definitions", """
            CREATE TABLE definition_drafts (
                path TEXT PRIMARY KEY,
                bytes BYTEA NOT NULL
            );
            CREATE TABLE definition_versions (
                number INTEGER PRIMARY KEY CHECK (number >= 1),
                author TEXT NOT NULL,
                comment TEXT NOT NULL,
                published_at_ms BIGINT NOT NULL,
                checksum TEXT NOT NULL,
                file_count INTEGER NOT NULL,
                restores INTEGER REFERENCES definition_versions(number)
            );
            CREATE TABLE definition_version_files (
                version INTEGER NOT NULL REFERENCES definition_versions(number),
                path TEXT NOT NULL,
                bytes BYTEA NOT NULL,
                PRIMARY KEY (version, path)
            );
            """),
    ]
}
