import ArgumentParser
import Catalog
import Foundation

/// `revenue demo`: write a realistic definitions set and validate it.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the demo definitions (products, bundles, price books, contracts) and validate them.",
        discussion: """
            Writes a catalog of 36 products with attributes and bundles, price books in USD, EUR \
            and GBP, a cost book, exchange rates, two channels, an account hierarchy and contract \
            prices for two accounts, then validates the set like `revenue validate`.
            """
    )

    @Option(name: .shortAndLong, help: "Where to write the demo definitions.")
    var output = "revenue-demo"

    @Flag(help: "Replace the output directory if it exists.")
    var force = false

    func run() async throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output) {
            guard force || DemoDefinitions.isDemoDirectory(output) else {
                throw ValidationError("\(output) exists and is not a demo directory; choose another --output or pass --force")
            }
            try manager.removeItem(atPath: output)
        }
        for (path, text) in DemoDefinitions.files() {
            let url = URL(fileURLWithPath: output).appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        print("Wrote the demo definitions to \(output)/.")
        switch CatalogCompiler.compile(directory: output) {
        case .success(let snapshot):
            print(DiagnosticPrinter.summary(snapshot, directory: output), terminator: "")
            print("\nNext: edit a file under \(output)/ and run `revenue validate \(output)`.")
        case .failure(let failure):
            FileHandle.standardError.write(Data((DiagnosticPrinter.render(failure) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
