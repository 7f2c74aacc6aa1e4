import ArgumentParser
import Foundation
import Rating

/// `revenue rate`: rates usage files in bulk.
struct Rate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rate usage files: sum per asset, resource and period, rate, and share amounts back to records.",
        discussion: """
            USAGE files are CSV (.csv, with a header row) or JSON Lines (.jsonl); see \
            docs/usage-files.md. Writes OUT/rated.FORMAT (one line per rated record), \
            OUT/summary.FORMAT (per account, resource and period), OUT/rejects.csv (file:line, \
            field and reason) and OUT/duplicates.csv, and prints the counts: records in = rated + \
            rejected + duplicates. Rejected records do not stop the run unless there are more than \
            --max-errors; then nothing is written and the exit code is 1.
            """
    )

    @Option(name: .long, help: "The definitions directory.")
    var definitions: String

    @Argument(help: "Usage files (.csv or .jsonl).")
    var usage: [String]

    @Option(help: "The billing period: month or day.")
    var period: PeriodOption = .month

    @Option(help: "The output directory.")
    var out = "rated"

    @Option(help: "Output format of rated records and the summary: csv or jsonl.")
    var format: RatedFormatOption = .csv

    @Option(name: .customLong("max-errors"), help: "Stop with exit code 1 once more records than this are rejected.")
    var maxErrors: Int?

    @Option(help: "Threads to use (default: every core).")
    var workers: Int?

    func validate() throws {
        guard !usage.isEmpty else { throw ValidationError("give at least one usage file") }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
        if let workers, workers < 1 { throw ValidationError("--workers must be 1 or more") }
    }

    func run() async throws {
        let rating = try DefinitionsLoading.loadRating(definitions)
        let report = try Self.rate(usage, rating: rating, options: BulkRatingOptions(period: period.length, format: format.format,
                                                                                     maxErrors: maxErrors, workers: workers),
                                   out: out)
        print(Self.describe(report))
    }

    /// Rates with progress on standard error; errors print and exit 1.
    static func rate(_ files: [String], rating: RatingDefinitions, options: BulkRatingOptions, out: String) throws
        -> BulkRatingReport
    {
        let meter = ProgressMeter()
        do {
            let report = try BulkRater(rating, options: options).run(files: files, outputDirectory: out) { meter.update($0) }
            meter.finish()
            return report
        } catch {
            meter.finish()
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func describe(_ report: BulkRatingReport) -> String {
        """
        \(report.records) records in = \(report.rated) rated + \(report.rejected) rejected + \(report.duplicates) duplicates
        \(report.summaries) summaries rated (asset, resource, period and attribute values)
        wrote \(report.outputs.joined(separator: ", "))
        """
    }
}

/// `--period` choices.
enum PeriodOption: String, ExpressibleByArgument, CaseIterable {
    case month, day
    var length: BillingPeriod.Length { self == .day ? .day : .month }
}

/// `--format` choices for rated output.
enum RatedFormatOption: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl
    var format: BulkRatingOptions.OutputFormat { self == .csv ? .csv : .jsonl }
}

/// Progress on standard error: a bar with records/s and the time left on a terminal, otherwise a
/// plain line every five seconds.
final class ProgressMeter {
    private let start = ContinuousClock.now
    private var lastPrint = ContinuousClock.now
    private let terminal = isatty(2) != 0
    private var printed = false
    private var pass = 0
    private var passStart = ContinuousClock.now
    /// With `REVENUE_TIMING` set, the time of each pass is printed when it ends.
    private let timing = ProcessInfo.processInfo.environment["REVENUE_TIMING"] != nil

    func update(_ progress: BulkRatingProgress) {
        let now = ContinuousClock.now
        if timing, progress.pass != pass {
            if pass > 0 { FileHandle.standardError.write(Data("pass \(pass) ended after \(now - passStart)\(cpuSincePass())\n".utf8)) }
            pass = progress.pass
            passStart = now
            passCPU = Self.cpuTime()
        }
        guard now - lastPrint >= (terminal ? .milliseconds(200) : .seconds(5)) else { return }
        lastPrint = now
        // Reading and sums are half the work, the shares and writing the other half. The fraction,
        // rate and time left are for display only, so floating point is fine here (no money).
        let total = max(1, progress.bytesTotal)
        let fraction = progress.pass == 1 ? Double(progress.bytesDone) / Double(total) / 2
            : 0.5 + (progress.pass == 3 ? Double(progress.bytesDone) / Double(total) / 2 : 0)
        let elapsed = Self.seconds(now - start)
        let rate = elapsed > 0 ? Double(progress.records) / elapsed : 0
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let text = String(format: "pass %d/3  %5.1f %%  %.0f records read, %.2f M records/s, about %.0f s left",
                          progress.pass, fraction * 100, Double(progress.records), rate / 1e6, left)
        if terminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(text)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
        printed = true
    }

    func finish() {
        if timing { FileHandle.standardError.write(Data("pass \(pass) ended after \(ContinuousClock.now - passStart)\(cpuSincePass()), \(ContinuousClock.now - start) in all\n".utf8)) }
        if terminal, printed { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    private var passCPU = ProgressMeter.cpuTime()

    /// The process's CPU time (user and system) since the pass began, for `REVENUE_TIMING`.
    private func cpuSincePass() -> String {
        let used = Self.cpuTime() - passCPU
        return " (CPU \(used / 1000) ms)"
    }

    /// User and system CPU time of the process so far, in microseconds.
    private static func cpuTime() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000 + Int(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
