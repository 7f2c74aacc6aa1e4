import ArgumentParser

/// The `revenue` command: every subcommand is a thin shell over the library.
@main
struct Revenue: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "revenue",
        abstract: "Revenue: an open revenue engine for pricing, usage rating and order orchestration.",
        version: version,
        subcommands: [Validate.self, Price.self, Rate.self, GenerateUsage.self, DefinitionsCommand.self, QuotesCommand.self, UsageCommand.self,
                      AccountsCommand.self, Serve.self, KeysCommand.self,
                      Database.self,
                      Demo.self]
    )

}
