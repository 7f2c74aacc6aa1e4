/// The PostgreSQL schema, as an ordered list of named migrations that mirror the SQLite ones. A
/// migration, once released, never changes; a schema change is a new migration at the end.
///
/// Priced quotes are compressed with lz4 (PostgreSQL 14 or later, built with lz4, as Debian's
/// is): storing a 1.7 MB waterfall takes a third of the time of the default pglz.
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
        ("2-quotes", """
            CREATE TABLE quotes (
                id TEXT PRIMARY KEY,
                latest_revision INTEGER NOT NULL
            );
            CREATE TABLE quote_revisions (
                quote_id TEXT NOT NULL REFERENCES quotes(id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                definitions_version INTEGER NOT NULL REFERENCES definition_versions(number),
                input BYTEA COMPRESSION lz4 NOT NULL,
                input_format TEXT NOT NULL,
                priced BYTEA COMPRESSION lz4 NOT NULL,
                currency TEXT NOT NULL,
                total TEXT NOT NULL,
                line_count INTEGER NOT NULL,
                has_errors BOOLEAN NOT NULL,
                priced_at_ms BIGINT NOT NULL,
                PRIMARY KEY (quote_id, revision)
            );
            """),
        ("3-usage", """
            CREATE TABLE usage_records (
                id TEXT COLLATE "C" PRIMARY KEY,
                asset TEXT NOT NULL,
                resource TEXT NOT NULL,
                quantity TEXT NOT NULL,
                timestamp TEXT NOT NULL,
                attributes TEXT NOT NULL
            );
            """),
        ("4-usage-files", """
            CREATE TABLE usage_files (
                checksum TEXT COLLATE "C" PRIMARY KEY,
                path TEXT NOT NULL,
                records BIGINT NOT NULL,
                inserted BIGINT NOT NULL,
                duplicates BIGINT NOT NULL,
                conflicts BIGINT NOT NULL,
                rejected BIGINT NOT NULL,
                author TEXT NOT NULL,
                ingested_at_ms BIGINT NOT NULL
            );
            """),
        ("5-usage-rating", """
            ALTER TABLE usage_records ADD COLUMN occurred_at BIGINT;
            UPDATE usage_records SET occurred_at = floor(extract(epoch FROM
                regexp_replace(replace("timestamp", ',', '.'), '(\\.[0-9]{6})[0-9]+', '\\1')::timestamptz))::bigint;
            ALTER TABLE usage_records ALTER COLUMN occurred_at SET NOT NULL;
            CREATE INDEX usage_records_occurred_at ON usage_records (occurred_at, id);
            CREATE TABLE usage_rating_runs (
                number BIGSERIAL PRIMARY KEY,
                period TEXT NOT NULL,
                definitions_version INTEGER NOT NULL REFERENCES definition_versions(number),
                fingerprint TEXT NOT NULL,
                records BIGINT NOT NULL,
                rated BIGINT NOT NULL,
                rejected BIGINT NOT NULL,
                summaries BIGINT NOT NULL,
                totals TEXT NOT NULL,
                author TEXT NOT NULL,
                rated_at_ms BIGINT NOT NULL
            );
            CREATE INDEX usage_rating_runs_period ON usage_rating_runs (period, number);
            CREATE TABLE rated_usage (
                record_id TEXT COLLATE "C" PRIMARY KEY,
                period TEXT NOT NULL,
                run BIGINT NOT NULL REFERENCES usage_rating_runs(number),
                amount TEXT,
                currency TEXT,
                rate TEXT,
                tiers TEXT,
                field TEXT,
                code TEXT,
                reason TEXT
            );
            CREATE INDEX rated_usage_period ON rated_usage (period, record_id);
            """),
        ("6-api", """
            CREATE TABLE api_keys (
                id TEXT COLLATE "C" PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                secret_hash BYTEA NOT NULL,
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                revoked_at_ms BIGINT
            );
            CREATE TABLE idempotency_keys (
                scope TEXT COLLATE "C" NOT NULL,
                key TEXT COLLATE "C" NOT NULL,
                fingerprint TEXT NOT NULL,
                claimed_at_ms BIGINT NOT NULL,
                status INTEGER,
                content_type TEXT,
                body BYTEA,
                PRIMARY KEY (scope, key)
            );
            CREATE INDEX idempotency_keys_claimed_at ON idempotency_keys (claimed_at_ms);
            """),
    ]
}
