import ArgumentParser

@main
struct Compose2Kube: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose2kube",
        abstract: "Migrate a Docker Compose project to Kubernetes.",
        subcommands: [Convert.self, Diff.self, Tutorial.self, Config.self]
    )

    static func main() {
        MemoryTuning.apply()
        main(nil)
    }
}
