import ArgumentParser
import Foundation
import Pricing

/// `revenue validate DIR`: load, check and compile a definitions tree.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a definitions directory and report every problem, compiler-style.",
        discussion: """
            Reads every .yaml, .yml and .json file below DIR. Prints each problem as \
            file:line:column: error: path: message, with the source line and a caret. \
            Exits 1 if there is any error, 0 with a summary otherwise.
            """
    )

    @Argument(help: "The definitions directory.")
    var directory: String

    func run() async throws {
        let definitions = try DefinitionsLoading.load(directory)
        print(DiagnosticPrinter.summary(definitions, directory: directory), terminator: "")
    }
}

/// Loads definitions for a command, printing every problem and exiting 1 on failure.
enum DefinitionsLoading {
    static func load(_ directory: String) throws -> PricingDefinitions {
        switch PricingCompiler.compile(directory: directory) {
        case .success(let definitions):
            return definitions
        case .failure(let failure):
            FileHandle.standardError.write(Data((DiagnosticPrinter.render(failure) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
