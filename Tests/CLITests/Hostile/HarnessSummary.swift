import Foundation

/// The figures of a harness run and every failure with its reproducer, as text.
enum HarnessSummary {
    /// The command line of `run` with short paths: the database `w.sqlite`, outputs under `out/`.
    static func commandLine(_ run: CommandRun, user: Int64) -> String {
        guard let command = HarnessCommand.all.first(where: { $0.name == run.command }) else { return run.command }
        return "warehouse " + command.arguments("w.sqlite", "out", "import", user).joined(separator: " ")
    }

    static func failureLine(_ result: CaseResult, _ run: CommandRun, _ failure: HarnessFailure, seed: UInt64?) -> String {
        let origin = seed.map { "case \(result.index) of seed \($0)" } ?? "case \(result.index)"
        return "\(origin): \(result.edit.label) → \(commandLine(run, user: result.edit.focusUser)): [\(failure.kind.rawValue)] \(failure.detail)"
    }

    static func text(seed: UInt64?, control: CaseResult, results: [CaseResult], seconds: Double, executable: String) -> String {
        let applied = results.filter { $0.refused == nil }
        let runs = results.flatMap(\.runs)
        var byKind: [HarnessFailure.Kind: Int] = [:]
        var known = 0
        var new = 0
        var byDefect: [String: Int] = [:]
        for result in results {
            for run in result.runs {
                for failure in run.failures {
                    byKind[failure.kind, default: 0] += 1
                    if let defect = KnownDefect.match(result.edit, run.command, failure) {
                        known += 1
                        byDefect[defect.name, default: 0] += 1
                    } else {
                        new += 1
                    }
                }
            }
        }
        let failing = runs.filter { !$0.failures.isEmpty }.count
        var editKinds: [String: Int] = [:]
        for result in applied { editKinds[result.edit.kind.rawValue, default: 0] += 1 }
        var lines: [String] = []
        lines.append("hostile-database harness\(seed.map { ", seed \($0)" } ?? ""), binary \(executable)")
        let listed = results.filter { (1_000..<2_000).contains($0.index) }.count
        let mixture = results.filter { $0.index >= 2_000 }.count
        lines.append("edits tried: \(results.count) (\(results.count - listed - mixture) random"
                     + (listed > 0 ? ", \(listed) of the crashes issue 15 lists, cases 1000…" : "")
                     + (mixture > 0 ? ", \(mixture) aimed at the latent-class and campaign tables, cases 2000…" : "") + "; "
                     + "\(applied.count) applied, \(results.count - applied.count) refused by SQLite)")
        lines.append("edits applied by kind: " + editKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("commands run: \(runs.count) (up to \(HarnessCommand.all.count) per applied edit) + \(control.runs.count) on the unedited control, in \(String(format: "%.0f", seconds)) s")
        lines.append("times on the unedited control: " + control.runs.map { "\($0.command) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", "))
        lines.append("control: " + (control.runs.allSatisfy { $0.failures.isEmpty } ? "no failures"
                                    : "\(control.runs.filter { !$0.failures.isEmpty }.count) failing commands"))
        lines.append("commands that failed a check: \(failing); failures: \(known + new) (\(known) of known defects, \(new) new)")
        lines.append("failures by kind: " + HarnessFailure.Kind.allCases.map { "\($0.rawValue) \(byKind[$0] ?? 0)" }.joined(separator: ", "))
        if !byDefect.isEmpty {
            lines.append("known defects seen:")
            for (name, count) in byDefect.sorted(by: { $0.key < $1.key }) { lines.append("  \(count)× \(name)") }
        }
        for result in [control] + results {
            let failures = result.runs.filter { !$0.failures.isEmpty }
            guard !failures.isEmpty else { continue }
            lines.append("")
            lines.append("case \(result.index)\(seed.map { " of seed \($0)" } ?? ""): \(result.edit.label)")
            if !result.edit.replay.isEmpty {
                lines.append(contentsOf: result.edit.replay.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            }
            for run in failures {
                for failure in run.failures {
                    let defect = KnownDefect.match(result.edit, run.command, failure).map { "known: \($0.name)" } ?? "NEW"
                    lines.append("  \(commandLine(run, user: result.edit.focusUser))")
                    lines.append("    [\(failure.kind.rawValue)] \(failure.detail)  (\(defect))")
                }
            }
        }
        let refused = results.filter { $0.refused != nil }
        if !refused.isEmpty {
            lines.append("")
            lines.append("edits refused by SQLite (nothing run):")
            for result in refused { lines.append("  case \(result.index): \(result.edit.label): \(result.refused ?? "")") }
        }
        return lines.joined(separator: "\n")
    }
}
