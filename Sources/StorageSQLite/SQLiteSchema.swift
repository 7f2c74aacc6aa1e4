import GRDB
import Storage

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
        migrator.registerMigration("5-usage-rating") { db in
            // When each record happened, in Unix seconds, so that a billing period's records are
            // found by range. Records stored before were checked at ingest; SQLite reads the usual
            // ISO 8601 forms, and a record it cannot read stops the migration (nothing changes).
            // Accepted timestamps are `YYYY-MM-DDThh:mm:ss`, an optional fraction, then the zone.
            // The fraction is dropped (rounding it could carry into the next second, even the next
            // period), and an offset written ±hhmm gets the colon SQLite wants.
            let text = """
                upper(substr(timestamp, 1, 19)) || CASE
                    WHEN upper(substr(timestamp, -1)) = 'Z' THEN 'Z'
                    WHEN substr(timestamp, -3, 1) = ':' THEN substr(timestamp, -6)
                    ELSE substr(timestamp, -5, 3) || ':' || substr(timestamp, -2) END
                """
            let seconds = "CAST(strftime('%s', \(text)) AS INTEGER)"
            if let row = try Row.fetchOne(db, sql: "SELECT id, timestamp FROM usage_records WHERE \(seconds) IS NULL LIMIT 1") {
                let id: String = row["id"]
                let timestamp: String = row["timestamp"]
                throw StoreError(.failed, "migration 5-usage-rating: the timestamp '\(timestamp)' of usage record '\(id)' cannot be converted to Unix seconds by SQLite (a leap second, :60, is the one form revenue accepts that SQLite does not); correct it in usage_records and open the store again")
            }
            try db.execute(sql: """
                ALTER TABLE usage_records ADD COLUMN occurred_at INTEGER NOT NULL DEFAULT 0;
                UPDATE usage_records SET occurred_at = \(seconds);
                CREATE INDEX usage_records_occurred_at ON usage_records (occurred_at, id);
                CREATE TABLE usage_rating_runs (
                    number INTEGER PRIMARY KEY NOT NULL,
                    period TEXT NOT NULL,
                    definitions_version INTEGER NOT NULL REFERENCES definition_versions(number),
                    fingerprint TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    rated INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    summaries INTEGER NOT NULL,
                    totals TEXT NOT NULL,
                    author TEXT NOT NULL,
                    rated_at_ms INTEGER NOT NULL
                );
                CREATE INDEX usage_rating_runs_period ON usage_rating_runs (period, number);
                CREATE TABLE rated_usage (
                    record_id TEXT PRIMARY KEY NOT NULL,
                    period TEXT NOT NULL,
                    run INTEGER NOT NULL REFERENCES usage_rating_runs(number),
                    amount TEXT,
                    currency TEXT,
                    rate TEXT,
                    tiers TEXT,
                    field TEXT,
                    code TEXT,
                    reason TEXT
                ) WITHOUT ROWID;
                CREATE INDEX rated_usage_period ON rated_usage (period, record_id);
                """)
        }
        migrator.registerMigration("6-api") { db in
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    secret_hash BLOB NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    revoked_at_ms INTEGER
                );
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    claimed_at_ms INTEGER NOT NULL,
                    status INTEGER,
                    content_type TEXT,
                    body BLOB,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_claimed_at ON idempotency_keys (claimed_at_ms);
                """)
        }
        return migrator
    }
}
