import ArgumentParser
import Foundation
import Catalog
import Definitions
import Pricing
import Publishing
import Rating

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
        let (definitions, rating) = try DefinitionsLoading.loadAll(directory)
        print(DiagnosticPrinter.summary(definitions, rating: rating, directory: directory), terminator: "")
    }
}

/// Loads definitions for a command, printing every problem and exiting 1 on failure.
enum DefinitionsLoading {
    /// The pricing definitions of a directory (rating documents are accepted, not compiled).
    static func load(_ directory: String) throws -> PricingDefinitions {
        switch PricingCompiler.compile(read(directory), otherKinds: RatingCompiler.kinds) {
        case .success(let definitions): return definitions
        case .failure(let failure): fail(DiagnosticPrinter.render(failure))
        }
    }

    /// The rating definitions of a directory, over its catalog.
    static func loadRating(_ directory: String) throws -> RatingDefinitions {
        try loadAll(directory).1
    }

    /// Pricing and rating definitions, from one read of the directory.
    static func loadAll(_ directory: String) throws -> (PricingDefinitions, RatingDefinitions) {
        switch CompiledDefinitions.compile(read(directory)) {
        case .success(let definitions): return (definitions.pricing, definitions.rating)
        case .failure(let failure): fail(DiagnosticPrinter.render(failure))
        }
    }

    private static func read(_ directory: String) -> LoadedDefinitions {
        do {
            return try DefinitionLoader.load(directory: directory)
        } catch {
            fail(DiagnosticPrinter.render(.noDefinitions(directory, error.message)))
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}
