import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse evaluate`: fit on the past, score every ranking on the future.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score rankings of interests on what users did next: fit on interactions up to --as-of, score on the --horizon after.",
            discussion: """
            Rankers: popularity (positive interactions before the cut, over everyone), history (the user's own counts \
            under --window, --weights and --half-life), segment (their segment's share), model (the warehouse's \
            prediction: the user's counts with their segments as a prior, as recommend ranks) and, on a seeded \
            warehouse, planted (the same prediction under the planted personas' parameters) and oracle (each user's \
            true preference at the cut). Metrics: P@3, R@3, NDCG@5, hit@3 over users with a positive interaction \
            before the cut and one in the horizon, also for new interests only, and for cold-start users apart; \
            95% bootstrap intervals, and each ranker's difference from the best baseline on the same users. \
            Positive: an interaction of a --relevant kind that passes its kind's value rule. Without --weights the fit \
            counts the relevant kinds, weight 1. Stored in evaluations and evaluation_metrics.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var fit: FitOptions
        @OptionGroup var window: WindowOptions

        @Option(help: ArgumentHelp("How far after --as-of to look: days or hours, e.g. 30d (default: 30d).", valueName: "duration"))
        var horizon: String = "30d"

        @Option(help: ArgumentHelp("Kinds whose interactions count as positive, comma-separated (default: like).", valueName: "kinds"))
        var relevant: String = "like"

        @Option(name: .customLong("bootstrap"), parsing: .unconditional,
                help: ArgumentHelp("Bootstrap resamples for the 95% intervals, 0 for none (default: 1000).", valueName: "n"))
        var resamples: Int = 1_000

        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption
        @OptionGroup var quiet: QuietOption

        func makeConfiguration() throws -> EvaluationConfiguration {
            var configuration = EvaluationConfiguration()
            try fit.apply(to: &configuration.segmentation)
            let request = try window.request()
            configuration.asOf = request?.asOf
            configuration.segmentation.window = request.map { WindowRequest(windowSeconds: $0.windowSeconds, halfLifeSeconds: $0.halfLifeSeconds,
                                                                             weights: $0.weights) }
            if let threads = threads.count { configuration.segmentation.threads = threads }
            configuration.horizonSeconds = try parseDuration(horizon, option: "--horizon")
            configuration.relevantKinds = relevant.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if let empty = configuration.relevantKinds.first(where: { $0.isEmpty || $0.count > 64 }) {
                throw ValidationError("--relevant entry '\(empty)' is not a kind name (1 to 64 characters)")
            }
            configuration.resamples = resamples
            try configuration.validate()
            return configuration
        }

        func validate() throws {
            do { _ = try makeConfiguration() } catch let error as ValidationError { throw error } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let showProgress = quiet.showsProgress
            let summary = try EvaluateJob.run(store: store, configuration: try makeConfiguration()) { stage in
                if showProgress { printError("… \(stage)") }
            }
            print(json.enabled ? try summary.json() : Format.printableLines(summary.render()))
        }
    }
}
