import Foundation
import Money
import Rating
import Testing

/// Runs the bulk rater on files written to a fresh temporary directory and reads back what it wrote.
struct BulkFixture {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "revenue-bulk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes a file and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = "\(directory)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Rates `files` into `out` and returns the report.
    func rate(_ files: [String], out: String = "out", options: BulkRatingOptions = BulkRatingOptions(),
              definitions: RatingDefinitions? = nil) throws -> BulkRatingReport {
        try BulkRater(definitions ?? RatingFixtures.definitions(), options: options)
            .run(files: files, outputDirectory: "\(directory)/\(out)")
    }

    /// The lines of an output file, header included.
    func lines(_ name: String, out: String = "out") throws -> [String] {
        try String(contentsOfFile: "\(directory)/\(out)/\(name)", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    func bytes(_ name: String, out: String = "out") throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(out)/\(name)")))
    }

    /// Rated records as (recordId, amount) from a CSV `rated.csv`.
    func amounts(out: String = "out") throws -> [String: ExactDecimal] {
        var result: [String: ExactDecimal] = [:]
        for line in try lines("rated.csv", out: out).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            result[String(fields[0])] = try ExactDecimal(String(fields[1]))
        }
        return result
    }

    /// The fields of a CSV line (RFC 4180 quoting, no line breaks inside fields).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        current.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    static let header = "recordId,assetId,resourceId,timestamp,quantity,region\n"
}
