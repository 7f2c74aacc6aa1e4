public import Foundation
import Definitions
import Money
import Publishing
public import Rating
public import Storage

extension UsageBook {
    /// What rating a billing period's stored usage did.
    public enum RatingOutcome: Sendable {
        /// The period was rated now: the run as stored.
        case rated(UsageRatingRun)
        /// The latest run of the period rated the same records with the same definitions
        /// version: nothing was done.
        case ratedBefore(UsageRatingRun)
        /// No usage record falls in the period: nothing was stored.
        case noUsage
    }

    /// Rates the usage records stored for `period` with the latest published definitions (or
    /// `version`), exactly as `revenue rate` rates a file: records are summed per summary, each
    /// summary is rated once, and its amount is shared out to its records with the remainder
    /// rule. The results replace the period's earlier ones in one transaction.
    ///
    /// Rating is per period, not per file, because tiers apply to a period's totals: a record
    /// ingested later changes its neighbours' amounts. The run keeps a fingerprint of the records
    /// it rated; rating the same records with the same version again does nothing.
    public func rate(period: BillingPeriod, author: String, at date: Date, version: Int? = nil,
                     workers: Int? = nil) async throws(UsageError) -> RatingOutcome
    {
        let (number, definitions) = try await self.definitions(version)
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let input = "\(scratch)/usage.jsonl"
        let exported = try await export(period, to: input)
        guard exported > 0 else { return .noUsage }
        let fingerprint: String
        let latest: UsageRatingRun?
        do {
            fingerprint = try UsageFile.checksum(ofFileAt: input)
            latest = try await store.latestRatingRun(period: period.description)
        } catch {
            throw .store(error)
        }
        if let latest, latest.fingerprint == fingerprint, latest.definitionsVersion == number {
            return .ratedBefore(latest)
        }
        let report: BulkRatingReport
        let output = "\(scratch)/rated"
        do {
            report = try BulkRater(definitions.rating, options: BulkRatingOptions(period: period.length, workers: workers))
                .run(files: [input], outputDirectory: output)
        } catch {
            throw .unreadable(error)
        }
        // Stored ids are unique, so no record can be a duplicate.
        guard report.duplicates == 0, report.rated + report.rejected == exported else {
            throw .store(StoreError(.failed, "rating \(period): \(exported) records exported but \(report.rated) rated, \(report.rejected) rejected and \(report.duplicates) duplicates"))
        }
        let run = UsageRatingRun(period: period.description, definitionsVersion: number, fingerprint: fingerprint,
                                 records: exported, rated: report.rated, rejected: report.rejected,
                                 summaries: report.summaries, totals: try Self.totals(summary: "\(output)/summary.csv"),
                                 author: author, ratedAt: date)
        do {
            let results = try RatedOutputReader(rated: "\(output)/rated.csv", rejects: "\(output)/rejects.csv",
                                                period: period.description)
            return .rated(try await store.storeRatingRun(run, results: results))
        } catch {
            throw .store(error)
        }
    }

    /// Writes the period's records to `path` as JSON Lines, in the store's (occurredAt, id)
    /// order; returns how many.
    private func export(_ period: BillingPeriod, to path: String) async throws(UsageError) -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw .store(StoreError(.failed, "\(path): cannot create a scratch file"))
        }
        defer { try? file.close() }
        let start = Int64(period.start.daysSinceEpoch) * 86_400
        let end = Int64(period.end.daysSinceEpoch) * 86_400
        var last: UsageRecord?
        var count = 0
        while true {
            let page: [UsageRecord]
            do {
                page = try await store.usageRecords(from: start, to: end, after: last, limit: 10_000)
            } catch {
                throw .store(error)
            }
            guard !page.isEmpty else { break }
            let out = JSONWriter()
            for record in page {
                record.write(to: out)
                out.newline()
            }
            do {
                try file.write(contentsOf: out.bytes)
            } catch {
                throw .store(StoreError(.failed, "\(path): cannot write a scratch file: \(error.localizedDescription)"))
            }
            count += page.count
            last = page.last
        }
        return count
    }

    /// The rated amount per currency from a summary file (`…,currency,records,quantity,amount`),
    /// as `EUR 5.00, USD 1234.56`.
    private static func totals(summary path: String) throws(UsageError) -> String {
        let lines: CSVLines
        do {
            lines = try CSVLines(path: path)
        } catch {
            throw .store(error)
        }
        var totals: [String: ExactDecimal] = [:]
        var decimals: [String: Int] = [:]
        _ = lines.next()
        while let fields = lines.next() {
            // The rater wrote the file: a line it cannot have written means the scratch file broke.
            guard fields.count == 7, let amount = try? ExactDecimal(fields[6]),
                  let sum = try? (totals[fields[3]] ?? ExactDecimal(rawValue: 0)).adding(amount) else {
                throw .store(StoreError(.failed, "\(path): unexpected summary line \(fields)"))
            }
            totals[fields[3]] = sum
            // Amounts carry the currency's minor units: the total keeps them.
            decimals[fields[3]] = fields[6].split(separator: ".").dropFirst().first?.count ?? 0
        }
        return totals.keys.sorted().map { currency in
            "\(currency) \(totals[currency]!.formatted(minimumFractionDigits: decimals[currency] ?? 0))"
        }.joined(separator: ", ")
    }

    /// A new directory of its own under the temporary directory, for the run's files.
    private static func scratchDirectory() throws(UsageError) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-usage-rating-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            throw .store(StoreError(.failed, "\(path): cannot create a scratch directory: \(error.localizedDescription)"))
        }
        return path
    }
}
