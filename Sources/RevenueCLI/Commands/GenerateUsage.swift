import ArgumentParser
import Foundation
import Money

/// `revenue generate-usage`: writes a realistic usage file, and the customers it is for.
struct GenerateUsage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-usage",
        abstract: "Write a realistic usage file for the demo resources, for demos and benchmarks.",
        discussion: """
            Writes --records records for --accounts generated customers (CUST-00001 owning asset \
            AS-00001, and so on) over the 20 demo resources and the days of --month. With \
            --definitions DIR (a demo definitions directory), also writes the customers' accounts \
            and assets to DIR/generated/ so that `revenue rate --definitions DIR` rates the file. \
            The same seed writes the same bytes.
            """
    )

    @Option(help: "How many records.")
    var records: Int

    @Option(help: "How many customers the records are spread over.")
    var accounts: Int = 100

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The month of the timestamps (YYYY-MM).")
    var month = "2026-10"

    @Option(name: .shortAndLong, help: "The file to write (.csv or .jsonl).")
    var output = "usage.csv"

    @Option(help: "A demo definitions directory to add the generated customers to.")
    var definitions: String?

    func validate() throws {
        guard records >= 0 else { throw ValidationError("--records must be 0 or more") }
        guard accounts >= 1, accounts < 10_000_000 else { throw ValidationError("--accounts must be between 1 and 9,999,999") }
    }

    func run() async throws {
        let first: CivilDate
        do { first = try CivilDate(month + "-01") } catch { throw ValidationError("--month: expected YYYY-MM, found '\(month)'") }
        let format: UsageGenerator.Format
        if output.hasSuffix(".csv") {
            format = .csv
        } else if output.hasSuffix(".jsonl") {
            format = .jsonl
        } else {
            throw ValidationError("--output: name the file .csv or .jsonl")
        }
        let customers = UsageGenerator.customers(accounts)
        if let definitions {
            let directory = "\(definitions)/generated"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(customers.accounts.utf8).write(to: URL(fileURLWithPath: "\(directory)/customers.json"))
            try Data(customers.assets.utf8).write(to: URL(fileURLWithPath: "\(directory)/assets.json"))
        }
        try UsageGenerator(assets: customers.assetIds, month: first, seed: seed).write(records: records, format: format, to: output)
        print("Wrote \(records) usage records for \(accounts) customers to \(output)"
              + (definitions.map { " and their accounts and assets to \($0)/generated/" } ?? "") + ".")
    }
}
