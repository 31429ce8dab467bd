import TestSupport
import Foundation
import Testing

/// Issue 15's harness: a seeded, segmented warehouse edited as a hostile analyst could with
/// `sqlite3` (edge values in every column type, deleted and duplicated rows, dropped indexes and
/// tables, triggers, views shadowing tables, user_version, journal mode, flipped bytes), then every
/// command run on its own copy of each edit. None may die by a signal, hang past the time limit,
/// change a file it was not asked to write, or exit 0 with a result that breaks an invariant.
///
/// The short run here tries the crashes issue 15 lists plus a few seeded random edits; the long
/// run is `scripts/hostile-test.sh [EDITS] [SEED]`, which calls `longRun` below.
@Suite struct HostileDatabaseTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// `HOSTILE_BIN` (e.g. a release build) or the debug build next to the tests.
    static var executable: String { environment["HOSTILE_BIN"].flatMap { $0.isEmpty ? nil : $0 } ?? CLIRunner.executable.path }

    /// Records every failure: as a known issue when it matches a defect already filed, else as a failure.
    static func record(_ results: [CaseResult], seed: UInt64?) {
        for result in results {
            for run in result.runs {
                for failure in run.failures {
                    let line = HarnessSummary.failureLine(result, run, failure, seed: seed)
                    if let defect = KnownDefect.match(result.edit, run.command, failure) {
                        withKnownIssue(Comment(rawValue: defect.name), isIntermittent: true) {
                            Issue.record(Comment(rawValue: line))
                        }
                    } else {
                        Issue.record(Comment(rawValue: line + "\n" + result.edit.replay))
                    }
                }
            }
        }
    }

    static func expectCleanControl(_ control: CaseResult) {
        for run in control.runs {
            #expect(run.failures.isEmpty, "the unedited fixture: \(run.command): \(run.failures.map(\.detail))")
        }
    }

    @Test func theListedCrashesAndSeededEditsNeitherCrashNorHangNorLie() throws {
        let dir = try TemporaryDirectory()
        let harness = try HostileHarness(configuration: .init(executable: Self.executable, timeout: 6, width: 4, chunk: 16),
                                        root: dir.url)
        let seed: UInt64 = 20261201
        let generator = harness.generator
        // The listed crashes with the commands issue 15 ran (the rest are tried on the mixture and random edits).
        let listed = KnownCrashEdits.all.enumerated().map { number, edit in
            var edit = edit
            edit.commands = HarnessCommand.issue15
            return (index: 1_000 + number, edit: edit)
        }
        // A few of the mixture edits (cases 2000…): α of 1e308, group weights of 0, probabilities out of range.
        // Only with the commands that read a mixture, to keep this run short.
        let mixture = [0, 12, 23].map { number in
            var edit = MixtureEdits.all[number]
            edit.commands = MixtureEdits.readers
            return (index: 2_000 + number, edit: edit)
        }
        let random = (0..<3).map { (index: $0, edit: generator.edit(seed: seed, index: $0)) }
        let started = monotonicSeconds()
        let (control, results) = try harness.run(listed + mixture + random)
        print(HarnessSummary.text(seed: seed, control: control, results: results, seconds: monotonicSeconds() - started,
                                  executable: Self.executable))
        Self.expectCleanControl(control)
        for result in results where result.index >= 1_000 && result.index < 2_000 {
            #expect(result.refused == nil, "the listed edit \(result.edit.label) was refused: \(result.refused ?? "")")
        }
        Self.record(results, seed: seed)
    }

    /// The edits are a pure function of the seed and the case number.
    @Test func theSameSeedGivesTheSameEdits() throws {
        let catalogue = SchemaCatalogue(tables: [
            .init(name: "users", columns: [.init(name: "id", type: "INTEGER", notNull: false, primaryKey: 1),
                                           .init(name: "age", type: "INTEGER", notNull: true, primaryKey: 0)],
                  rows: 10, withoutRowID: false, uniqueColumns: []),
            .init(name: "elbow", columns: [.init(name: "run_id", type: "INTEGER", notNull: true, primaryKey: 1),
                                           .init(name: "silhouette", type: "REAL", notNull: false, primaryKey: 0)],
                  rows: 5, withoutRowID: true, uniqueColumns: []),
        ], indexes: ["users_age"])
        let generator = HostileEditGenerator(catalogue: catalogue, fileSize: 8_192) { _ in 3 }
        let first = (0..<50).map { generator.edit(seed: 7, index: $0) }
        let again = (0..<50).map { generator.edit(seed: 7, index: $0) }
        #expect(first.map(\.label) == again.map(\.label))
        #expect(first.map(\.sql) == again.map(\.sql))
        #expect(first.map(\.flips) == again.map(\.flips))
        #expect(Set(first.map(\.label)).count > 30, "different cases, different edits")
        #expect(first.map(\.label) != (0..<50).map { generator.edit(seed: 8, index: $0).label })
    }

    /// The long run (scripts/hostile-test.sh): the listed crashes and `HOSTILE_EDITS` random edits of
    /// seed `HOSTILE_SEED`, each command limited to `HOSTILE_TIMEOUT` seconds (20).
    @Test(.enabled(if: environment["HOSTILE_EDITS"] != nil)) func longRun() throws {
        let edits = Int(Self.environment["HOSTILE_EDITS"] ?? "") ?? 300
        let seed = UInt64(Self.environment["HOSTILE_SEED"] ?? "") ?? 1
        let timeout = Double(Self.environment["HOSTILE_TIMEOUT"] ?? "") ?? 20
        let dir = try TemporaryDirectory()
        let harness = try HostileHarness(configuration: .init(executable: Self.executable, timeout: timeout, width: 3), root: dir.url)
        let generator = harness.generator
        let started = monotonicSeconds()
        // The crashes issue 15 lists (cases 1000…), the mixture edits (2000…), then the random edits; HOSTILE_ONLY=14,1003 replays some.
        var cases = KnownCrashEdits.all.enumerated().map { (index: 1_000 + $0.offset, edit: $0.element) }
            + MixtureEdits.all.enumerated().map { (index: 2_000 + $0.offset, edit: $0.element) }
            + (0..<edits).map { (index: $0, edit: generator.edit(seed: seed, index: $0)) }
        if let only = Self.environment["HOSTILE_ONLY"], !only.isEmpty {
            let wanted = Set(only.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
            cases = cases.filter { wanted.contains($0.index) }
        }
        let (control, results) = try harness.run(cases)
        let text = HarnessSummary.text(seed: seed, control: control, results: results, seconds: monotonicSeconds() - started,
                                       executable: Self.executable)
        print(text)
        if let path = Self.environment["HOSTILE_REPORT"], !path.isEmpty {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        Self.expectCleanControl(control)
        Self.record(results, seed: seed)
    }
}
