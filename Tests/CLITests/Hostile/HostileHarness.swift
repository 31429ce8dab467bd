import Foundation

/// What went wrong with one command on one edited warehouse.
struct HarnessFailure: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        /// Died by a signal (a trap, an abort, a failed allocation under the memory limit).
        case signal
        /// Still running at the time limit (killed).
        case hang
        /// Changed a file it was not asked to write (the database for a read-only command, the
        /// database's directory, the import directory, stray files in the working directory).
        case changedFile = "changed-file"
        /// Failed, but changed the database anyway.
        case changedOnFailure = "changed-on-failure"
        /// Exited 0 with a result that breaks a checked invariant.
        case invariant
        /// Failed without the one line README promises (several lines, none, a raw constraint error).
        case messyError = "messy-error"
        /// Printed raw control characters (terminal injection) from stored text.
        case controlCharacters = "control-characters"
    }

    var kind: Kind
    var detail: String
}

/// A command of the CLI as the harness runs it, and what its success must leave.
struct HarnessCommand: Sendable {
    enum Expectation: Sendable {
        case output, json, compareJSON, report(String), export, seedBatch(users: Int), newRun(k: Int, report: String?)
        /// Run `run`'s (nil: the latest run's) assignments placed everyone; its audiences add up.
        case assign(run: Int64? = nil), target(run: Int64? = nil)
        /// A file or a non-empty directory of files written in the output directory.
        case file(String), directory(String)
    }

    let name: String
    let writes: Bool
    let expectation: Expectation
    /// The arguments, given the database, the output directory, the import directory and the user to ask about.
    let arguments: @Sendable (_ db: String, _ out: String, _ importDirectory: String, _ user: Int64) -> [String]
    /// Files the command may create in its output directory.
    var outputs: Set<String> {
        switch expectation {
        case .report(let name): [name]
        case .newRun(_, let report?): [report]
        case .export: ["export"]
        case .file(let name), .directory(let name): [name]
        default: []
        }
    }

    /// The commands issue 15's harness ran, before the latent-class and campaign ones were added.
    static var issue15: Set<String> {
        Set(all.map(\.name)).subtracting(["compare --json 3 4", "assign --run 3", "target --run 3", "name", "name --segment",
                                           "audience --min-probability", "audience --format meta", "lookalike"])
    }

    static let all: [HarnessCommand] = [
        HarnessCommand(name: "info", writes: false, expectation: .output) { db, _, _, _ in ["info", "--db", db] },
        HarnessCommand(name: "runs", writes: false, expectation: .output) { db, _, _, _ in ["runs", "--db", db] },
        HarnessCommand(name: "runs --json", writes: false, expectation: .json) { db, _, _, _ in ["runs", "--db", db, "--json"] },
        HarnessCommand(name: "compare 1 2", writes: false, expectation: .output) { db, _, _, _ in ["compare", "--db", db, "1", "2"] },
        HarnessCommand(name: "compare --json 1 2", writes: false, expectation: .compareJSON) { db, _, _, _ in ["compare", "--db", db, "--json", "1", "2"] },
        HarnessCommand(name: "recommend", writes: false, expectation: .output) { db, _, _, user in ["recommend", "--db", db, "--user", "\(user)"] },
        HarnessCommand(name: "recommend --json", writes: false, expectation: .json) { db, _, _, user in ["recommend", "--db", db, "--user", "\(user)", "--json"] },
        HarnessCommand(name: "report", writes: false, expectation: .report("report.html")) { db, out, _, _ in
            ["report", "--db", db, "--out", out + "/report.html", "--sample", "500"]
        },
        HarnessCommand(name: "export", writes: false, expectation: .export) { db, out, _, _ in ["export", "--db", db, "--out", out + "/export"] },
        HarnessCommand(name: "target", writes: true, expectation: .target()) { db, _, _, _ in ["target", "--db", db] },
        HarnessCommand(name: "target --json", writes: true, expectation: .target()) { db, _, _, _ in ["target", "--db", db, "--json"] },
        HarnessCommand(name: "assign", writes: true, expectation: .assign()) { db, _, _, _ in ["assign", "--db", db] },
        HarnessCommand(name: "seed --append", writes: true, expectation: .seedBatch(users: 50)) { db, _, _, _ in
            ["seed", "--db", db, "--users", "50", "--seed", "77", "--append", "--quiet"]
        },
        HarnessCommand(name: "run-segmentation", writes: true, expectation: .newRun(k: 3, report: nil)) { db, _, _, _ in
            ["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "2...3", "--quiet"]
        },
        HarnessCommand(name: "pipeline", writes: true, expectation: .newRun(k: 3, report: "pipeline.html")) { db, out, _, _ in
            ["pipeline", "--db", db, "--k", "3", "--out", out + "/pipeline.html", "--quiet"]
        },
        HarnessCommand(name: "compare --json 3 4", writes: false, expectation: .compareJSON) { db, _, _, _ in ["compare", "--db", db, "--json", "3", "4"] },
        HarnessCommand(name: "assign --run 3", writes: true, expectation: .assign(run: 3)) { db, _, _, _ in ["assign", "--db", db, "--run", "3"] },
        HarnessCommand(name: "target --run 3", writes: true, expectation: .target(run: 3)) { db, _, _, _ in ["target", "--db", db, "--run", "3"] },
        HarnessCommand(name: "name", writes: false, expectation: .output) { db, _, _, _ in ["name", "--db", db, "--run", "3"] },
        HarnessCommand(name: "name --segment", writes: true, expectation: .output) { db, _, _, _ in
            ["name", "--db", db, "--run", "4", "--segment", "1", "Weekend athletes"]
        },
        HarnessCommand(name: "audience --min-probability", writes: false, expectation: .file("a.csv")) { db, out, _, _ in
            ["audience", "--db", db, "--run", "3", "--segment", "1", "--min-probability", "0.5", "--out", out + "/a.csv"]
        },
        HarnessCommand(name: "audience --format meta", writes: false, expectation: .directory("lists")) { db, out, _, _ in
            ["audience", "--db", db, "--segment", "all", "--format", "meta", "--out", out + "/lists"]
        },
        HarnessCommand(name: "lookalike", writes: false, expectation: .file("l.csv")) { db, out, _, _ in
            ["lookalike", "--db", db, "--run", "2", "--segment", "1", "--size", "100", "--format", "google", "--out", out + "/l.csv"]
        },
        HarnessCommand(name: "import-run", writes: true, expectation: .newRun(k: 4, report: nil)) { db, _, importDirectory, _ in
            ["import-run", "--db", db, importDirectory, "--quiet"]
        },
    ]
}

/// One command's run on one edited copy, and what was wrong with it.
struct CommandRun: Sendable {
    var command: String
    var arguments: [String]
    var status: Int32
    var signalled: Bool
    var seconds: Double
    var firstErrorLine: String
    var failures: [HarnessFailure]
}

/// One edit and every command run on it.
struct CaseResult: Sendable {
    var index: Int
    var edit: HostileEdit
    /// Why SQLite refused the edit (the fixture then stays as it was, and nothing is run).
    var refused: String?
    var runs: [CommandRun]
}

/// The seeded, segmented warehouse every edit starts from (about 2,000 users, runs 1 (k = 3) and
/// 2 (k = 4, elbow 1…6), latent-class runs 3 (k = 3, age-group covariates) and 4 (k = 3), 100 users appended, assigned and targeted, then 50 more not yet assigned),
/// and an import-run directory matching it.
struct HostileFixture: Sendable {
    let root: URL
    let db: String
    let bytes: Data
    let importDirectory: URL
    let importFiles: [String: Data]
    let catalogue: SchemaCatalogue

    static func build(executable: String, in root: URL) throws -> HostileFixture {
        let directory = root.appendingPathComponent("fixture")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("w.sqlite").path
        func warehouse(_ arguments: [String], on path: String = db) throws {
            let outcome = try HarnessProcess.run(executable, Array(arguments.prefix(1)) + ["--db", path] + arguments.dropFirst(),
                                                 in: directory, timeout: 300)
            guard outcome.status == 0, !outcome.signalled else {
                throw HarnessError("building the fixture: warehouse \(arguments.joined(separator: " ")) failed: \(outcome.stderrText)")
            }
        }
        try warehouse(["seed", "--users", "2000", "--seed", "1", "--quiet"])
        try warehouse(["run-segmentation", "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"])
        try warehouse(["run-segmentation", "--k", "4", "--n-init", "2", "--elbow", "1...6", "--seed", "7", "--quiet"])
        // Runs 3 and 4: latent-class mixtures (3 with age-group covariates), so the probability
        // columns and latent_class_* tables are there to edit; 4 is the latest run, so assign,
        // target, name, audience and lookalike without --run work on a mixture.
        try warehouse(["run-segmentation", "--method", "latent-class", "--covariates", "age-group", "--k", "3",
                       "--elbow", "off", "--seed", "5", "--quiet"])
        try warehouse(["run-segmentation", "--method", "latent-class", "--k", "3", "--elbow", "off", "--seed", "6", "--quiet"])
        try warehouse(["seed", "--users", "100", "--seed", "2", "--append", "--quiet"])
        try warehouse(["assign"])
        try warehouse(["target"])
        try warehouse(["seed", "--users", "50", "--seed", "3", "--append", "--quiet"])

        // What an engine would return for run 2 over today's users: its assignments, all users placed.
        let scratch = directory.appendingPathComponent("scratch.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: scratch)
        try warehouse(["assign", "--run", "2"], on: scratch)
        guard let rows = HarnessProcess.query(scratch, "SELECT user_id, segment, distance FROM segment_assignments WHERE run_id = 2 ORDER BY user_id;", in: directory),
              let components = HarnessProcess.integer(scratch, "SELECT n_components FROM segmentation_runs WHERE id = 2;", in: directory),
              let maxUser = HarnessProcess.integer(scratch, "SELECT max(id) FROM users;", in: directory)
        else { throw HarnessError("building the fixture: reading run 2 failed") }
        let importDirectory = root.appendingPathComponent("import")
        try FileManager.default.createDirectory(at: importDirectory.appendingPathComponent("assignments"), withIntermediateDirectories: true)
        let csv = (["user_id,segment,distance"] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
        try Data(csv.utf8).write(to: importDirectory.appendingPathComponent("assignments/part-00000-x-c000.csv"))
        try Data().write(to: importDirectory.appendingPathComponent("assignments/_SUCCESS"))
        let meta: [String: Any] = [
            "format": "warehouse-segmentation-result", "version": 1, "engine": "spark", "engine_version": "harness",
            "master": "local[2]", "init_mode": "k-means||", "k": 4, "n_components": components, "seed": 42, "max_iter": 300,
            "tol": 1e-4, "features": "category_share", "feature_names": ["share_sports", "share_fashion", "share_food", "share_pets"],
            "users": rows.count, "max_user_id": maxUser, "inertia": 1000.0, "iterations": 5, "seconds": 1.5, "cores": 2,
            "assignments": "assignments", "source_run": 2,
        ]
        try JSONSerialization.data(withJSONObject: meta, options: [.sortedKeys]).write(to: importDirectory.appendingPathComponent("meta.json"))
        try FileManager.default.removeItem(atPath: scratch)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }

        // The import must succeed on the fixture, or import-run is never tested past its checks.
        let check = directory.appendingPathComponent("import-check.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: check)
        try warehouse(["import-run", importDirectory.path, "--quiet"], on: check)
        try FileManager.default.removeItem(atPath: check)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: check + suffix) }

        let catalogue = try SchemaCatalogue.read(db, in: directory)
        return HostileFixture(root: root, db: db, bytes: try Data(contentsOf: URL(fileURLWithPath: db)),
                              importDirectory: importDirectory, importFiles: try Self.files(in: importDirectory),
                              catalogue: catalogue)
    }

    /// Every regular file under `directory`, by relative path, with its bytes.
    static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            }
        }
        return files
    }
}

/// Facts of an edited warehouse taken before any command, to judge what a command did.
struct CaseFacts: Sendable {
    var maxRun: Int64?
    var maxBatch: Int64?
    var quickCheckOK: Bool
    var foreignKeyViolations: Int64?
}

/// Edits copies of the fixture and runs every command on each edit, each command on its own copy.
final class HostileHarness: @unchecked Sendable {
    struct Configuration: Sendable {
        var executable: String
        /// The time limit of a command; stretched to 5× the command's time on the unedited
        /// fixture when that is longer (a loaded machine).
        var timeout: Double
        /// Commands run at once.
        var width: Int
        /// Cases prepared and run together.
        var chunk = 6
    }

    let configuration: Configuration
    let fixture: HostileFixture
    let root: URL
    private var limits: [String: Double] = [:]
    /// Each command's time on the unedited fixture, once the control ran.
    private(set) var controlSeconds: [String: Double] = [:]

    init(configuration: Configuration, root: URL) throws {
        self.configuration = configuration
        self.root = root
        fixture = try HostileFixture.build(executable: configuration.executable, in: root)
    }

    var generator: HostileEditGenerator {
        let db = fixture.db
        let directory = fixture.root
        return HostileEditGenerator(catalogue: fixture.catalogue, fileSize: fixture.bytes.count) { sql in
            HarnessProcess.integer(db, sql, in: directory)
        }
    }

    /// Runs the control (no edit) first, to set each command's time limit, then every case.
    func run(_ cases: [(index: Int, edit: HostileEdit)]) throws -> (control: CaseResult, cases: [CaseResult]) {
        let control = try runChunk([(index: -1, edit: .none)], timeoutFor: { _ in 120 })[0]
        for run in control.runs {
            controlSeconds[run.command] = run.seconds
            limits[run.command] = max(configuration.timeout, 5 * run.seconds)
        }
        var results: [CaseResult] = []
        var start = 0
        while start < cases.count {
            let chunk = Array(cases[start..<min(start + configuration.chunk, cases.count)])
            results += try runChunk(chunk) { [limits, configuration] in limits[$0] ?? configuration.timeout }
            start += configuration.chunk
        }
        return (control, results)
    }

    private struct Prepared {
        var index: Int
        var edit: HostileEdit
        var directory: URL
        var bytes: Data
        var facts: CaseFacts
    }

    private func prepare(_ index: Int, _ edit: HostileEdit) throws -> (Prepared?, String?) {
        let directory = root.appendingPathComponent("case-\(index)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let master = directory.appendingPathComponent("w.sqlite").path
        try fixture.bytes.write(to: URL(fileURLWithPath: master))
        if !edit.sql.isEmpty {
            let outcome = try HarnessProcess.sqlite(master, edit.sql, in: directory)
            if outcome.status != 0 || outcome.signalled || outcome.timedOut {
                try? FileManager.default.removeItem(at: directory)
                return (nil, outcome.errorLines.first ?? "sqlite3 exit \(outcome.status)")
            }
        }
        if !edit.flips.isEmpty {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: master))
            for flip in edit.flips where flip.offset < bytes.count { bytes[flip.offset] ^= flip.mask }
            try bytes.write(to: URL(fileURLWithPath: master))
        }
        let facts = CaseFacts(
            maxRun: HarnessProcess.integer(master, "SELECT coalesce(max(id), 0) FROM segmentation_runs;", in: directory, timeout: 10),
            maxBatch: HarnessProcess.integer(master, "SELECT coalesce(max(id), 0) FROM seed_batches;", in: directory, timeout: 10),
            quickCheckOK: HarnessProcess.query(master, "PRAGMA quick_check;", in: directory, timeout: 10)?.first?.first == "ok",
            foreignKeyViolations: HarnessProcess.integer(master, "SELECT count(*) FROM pragma_foreign_key_check;", in: directory, timeout: 10))
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: master + suffix) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: master))
        return (Prepared(index: index, edit: edit, directory: directory, bytes: bytes, facts: facts), nil)
    }

    private func runChunk(_ cases: [(index: Int, edit: HostileEdit)], timeoutFor: @escaping @Sendable (String) -> Double) throws -> [CaseResult] {
        var results: [CaseResult] = []
        var prepared: [Prepared] = []
        for (index, edit) in cases {
            let (ready, refusal) = try prepare(index, edit)
            if let ready { prepared.append(ready) }
            results.append(CaseResult(index: index, edit: edit, refused: refusal, runs: []))
        }
        // The slowest commands first, so the last ones to finish are short.
        let order = HarnessCommand.all.sorted { (controlSeconds[$0.name] ?? 0) > (controlSeconds[$1.name] ?? 0) }
        let jobs = prepared.flatMap { preparedCase in
            order.filter { preparedCase.edit.commands?.contains($0.name) ?? true }.map { (preparedCase, $0) }
        }
        let collected = JobResults(count: jobs.count)
        let group = DispatchGroup()
        let next = JobCounter()
        for _ in 0..<max(1, configuration.width) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let job = next.take(below: jobs.count) {
                    let (preparedCase, command) = jobs[job]
                    let limit = min(timeoutFor(command.name), preparedCase.edit.timeLimit ?? .infinity)
                    collected.store(job, runCommand(command, on: preparedCase, timeout: limit))
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let runs = collected.values
        for (position, job) in jobs.enumerated() {
            if let slot = results.firstIndex(where: { $0.index == job.0.index }) { results[slot].runs.append(runs[position]) }
        }
        let position = Dictionary(uniqueKeysWithValues: HarnessCommand.all.enumerated().map { ($1.name, $0) })
        for slot in results.indices { results[slot].runs.sort { position[$0.command] ?? 0 < position[$1.command] ?? 0 } }
        for preparedCase in prepared { try? FileManager.default.removeItem(at: preparedCase.directory) }
        return results
    }

    private func runCommand(_ command: HarnessCommand, on preparedCase: Prepared, timeout: Double) -> CommandRun {
        let job = preparedCase.directory.appendingPathComponent(command.name.replacingOccurrences(of: " ", with: "_"))
        let dbDirectory = job.appendingPathComponent("db")
        let out = job.appendingPathComponent("out")
        let db = dbDirectory.appendingPathComponent("w.sqlite").path
        let arguments = command.arguments(db, out.path, fixture.importDirectory.path, preparedCase.edit.focusUser)
        defer { try? FileManager.default.removeItem(at: job) }
        do {
            try FileManager.default.createDirectory(at: dbDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try preparedCase.bytes.write(to: URL(fileURLWithPath: db))
            let outcome = try HarnessProcess.run(configuration.executable, arguments, in: out, timeout: timeout)
            let failures = judge(command, outcome, timeout: timeout, db: db, out: out, facts: preparedCase.facts, original: preparedCase.bytes,
                                 master: preparedCase.directory.appendingPathComponent("w.sqlite").path)
            return CommandRun(command: command.name, arguments: arguments, status: outcome.status, signalled: outcome.signalled,
                              seconds: outcome.seconds, firstErrorLine: outcome.crashLine, failures: failures)
        } catch {
            return CommandRun(command: command.name, arguments: arguments, status: -1, signalled: false, seconds: 0,
                              firstErrorLine: "\(error)", failures: [HarnessFailure(kind: .hang, detail: "the harness could not run it: \(error)")])
        }
    }

    // MARK: Judging one run

    private func judge(_ command: HarnessCommand, _ outcome: HarnessOutcome, timeout: Double, db: String, out: URL,
                       facts: CaseFacts, original: Data, master: String) -> [HarnessFailure] {
        if outcome.timedOut {
            return [HarnessFailure(kind: .hang, detail: "still running after \(Int(timeout)) s (killed)")]
        }
        if outcome.signalled || outcome.status > 128 {
            let signal = outcome.signalled ? outcome.status : outcome.status - 128
            return [HarnessFailure(kind: .signal, detail: "died by signal \(signal): \(outcome.crashLine)")]
        }
        var failures: [HarnessFailure] = []
        let fileManager = FileManager.default
        let dbDirectory = (db as NSString).deletingLastPathComponent
        for name in (try? fileManager.contentsOfDirectory(atPath: dbDirectory)) ?? []
        where !["w.sqlite", "w.sqlite-wal", "w.sqlite-shm"].contains(name) {
            failures.append(HarnessFailure(kind: .changedFile, detail: "left \(name) beside the database"))
        }
        let walBytes = ((try? fileManager.attributesOfItem(atPath: db + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
        let changed = (try? Data(contentsOf: URL(fileURLWithPath: db))) != original || walBytes > 0
        let wal = walBytes > 0 ? " (and left \(walBytes) bytes of -wal)" : ""
        if !command.writes && changed {
            failures.append(HarnessFailure(kind: .changedFile, detail: "a read-only command changed the database\(wal)"))
        }
        if command.writes && outcome.status != 0 && changed {
            failures.append(HarnessFailure(kind: .changedOnFailure, detail: "exit \(outcome.status), yet the database changed\(wal): \(outcome.crashLine)"))
        }
        for name in (try? fileManager.contentsOfDirectory(atPath: out.path)) ?? [] where !command.outputs.contains(name) {
            failures.append(HarnessFailure(kind: .changedFile, detail: "wrote \(name) into its working directory"))
        }
        if (try? HostileFixture.files(in: fixture.importDirectory)) != fixture.importFiles {
            failures.append(HarnessFailure(kind: .changedFile, detail: "changed the import directory"))
        }
        let isJSON: Bool = switch command.expectation {
        case .json, .compareJSON: true
        default: command.name.hasSuffix("--json")
        }
        if Self.hasControlCharacters(outcome.stderrText) || (!isJSON && Self.hasControlCharacters(outcome.stdoutText)) {
            failures.append(HarnessFailure(kind: .controlCharacters, detail: "printed raw control characters from stored text"))
        }
        if outcome.status == 0 {
            let broken = invariants(command, outcome, db: db, out: out, facts: facts, master: master)
            failures += broken.map { HarnessFailure(kind: .invariant, detail: "exit 0, but \($0)") }
        } else if outcome.errorLines.count != 1 {
            failures.append(HarnessFailure(kind: .messyError, detail: "exit \(outcome.status) with \(outcome.errorLines.count) lines on stderr: \(outcome.errorLines.prefix(2).joined(separator: " / ").prefix(300))"))
        } else if outcome.stderrText.contains("SQLite error") && outcome.stderrText.contains("constraint failed") {
            failures.append(HarnessFailure(kind: .messyError, detail: "a raw constraint error: \(outcome.crashLine.prefix(300))"))
        }
        return failures
    }

    /// ESC, other C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F).
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
        }
    }

    private static let nonFiniteSVGNumber = try! NSRegularExpression(
        pattern: #"\b(x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|points|transform|viewBox)="[^"]*(nan|inf)"#, options: [.caseInsensitive])

    /// `master` is the edited copy before the command ran: an invariant on rows the command may
    /// leave alone (assign's earlier rows) counts only what the command made worse.
    private func invariants(_ command: HarnessCommand, _ outcome: HarnessOutcome, db: String, out: URL, facts: CaseFacts,
                            master: String) -> [String] {
        let directory = out
        func integers(_ sql: String, on file: String? = nil) -> [Int64]? {
            HarnessProcess.query(file ?? db, sql, in: directory, timeout: 20)?.first.map { $0.map { Int64($0) ?? Int64.min } }
        }
        func bad(_ column: String) -> String { "NOT (\(column) > -9e999 AND \(column) < 9e999)" }
        var broken: [String] = []
        // A write that succeeds must not break the file or add foreign-key violations.
        if command.writes {
            if facts.quickCheckOK, HarnessProcess.query(db, "PRAGMA quick_check;", in: directory)?.first?.first != "ok" {
                broken.append("PRAGMA quick_check no longer says ok")
            }
            if let before = facts.foreignKeyViolations,
               let after = HarnessProcess.integer(db, "SELECT count(*) FROM pragma_foreign_key_check;", in: directory), after > before {
                broken.append("foreign-key violations went from \(before) to \(after)")
            }
        }
        switch command.expectation {
        case .output:
            if outcome.stdout.isEmpty { broken.append("nothing on stdout") }
        case .json:
            if (try? JSONSerialization.jsonObject(with: outcome.stdout)) == nil { broken.append("stdout is not JSON") }
        case .compareJSON:
            if let object = (try? JSONSerialization.jsonObject(with: outcome.stdout)) as? [String: Any] {
                if let ari = (object["overlap"] as? [String: Any])?["adjusted_rand_index"] as? Double, !(ari >= -1 && ari <= 1) {
                    broken.append("an adjusted Rand index of \(ari)")
                }
            } else {
                broken.append("stdout is not a JSON object")
            }
        case .report(let name):
            broken += reportProblems(out.appendingPathComponent(name))
        case .export:
            let export = out.appendingPathComponent("export").path
            if ((try? FileManager.default.contentsOfDirectory(atPath: export)) ?? []).isEmpty { broken.append("no export directory with files") }
        case .seedBatch(let users):
            guard let batch = integers("SELECT id, users, first_user_id, last_user_id, like_rows FROM seed_batches ORDER BY id DESC LIMIT 1;"),
                  batch.count == 5 else { broken.append("no seed batch readable"); break }
            if let before = facts.maxBatch, batch[0] <= before { broken.append("no new seed batch") ; break }
            if batch[1] != Int64(users) { broken.append("the new batch has \(batch[1]) users, not \(users)") }
            let (first, last) = (batch[2], batch[3])
            if let counts = integers("""
                SELECT (SELECT count(*) FROM users WHERE id BETWEEN \(first) AND \(last)),
                       (SELECT count(*) FROM user_likes WHERE user_id BETWEEN \(first) AND \(last)),
                       (SELECT count(*) FROM user_personas WHERE user_id BETWEEN \(first) AND \(last)),
                       (SELECT count(*) FROM users AS u WHERE u.id BETWEEN \(first) AND \(last)
                          AND u.liked_posts != (SELECT coalesce(sum(likes), 0) FROM user_likes WHERE user_id = u.id));
                """) {
                if counts[0] != Int64(users) { broken.append("\(counts[0]) users in the new batch's id range \(first)–\(last), not \(users)") }
                if counts[1] != batch[4] { broken.append("\(counts[1]) like rows for the new users, the batch says \(batch[4])") }
                if counts[2] != Int64(users) { broken.append("\(counts[2]) personas for \(users) new users") }
                if counts[3] != 0 { broken.append("\(counts[3]) new users whose likes do not sum to liked_posts") }
            }
        case .newRun(let k, let report):
            guard let run = integers("SELECT id, k, users FROM segmentation_runs ORDER BY id DESC LIMIT 1;"), run.count == 3 else {
                broken.append("no run readable"); break
            }
            if let before = facts.maxRun, run[0] <= before { broken.append("no new run"); break }
            let id = run[0]
            if run[1] != Int64(k) { broken.append("the new run has k = \(run[1]), not \(k)") }
            if let counts = integers("""
                SELECT (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND method = 'fitted'),
                       (SELECT count(*) FROM segments WHERE run_id = \(id)),
                       (SELECT coalesce(sum(users), 0) FROM segments WHERE run_id = \(id)),
                       (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND (\(bad("distance")) OR distance < 0)),
                       (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND (segment < 1 OR segment > \(k))),
                       (SELECT count(*) FROM pca_scores WHERE run_id = \(id) AND \(bad("score"))),
                       (SELECT count(*) FROM segment_centroids WHERE run_id = \(id) AND \(bad("value"))),
                       (SELECT count(*) FROM segmentation_runs WHERE id = \(id) AND \(bad("inertia")));
                """) {
                if counts[0] != run[2] { broken.append("run \(id) has \(counts[0]) fitted assignments for \(run[2]) users") }
                if counts[1] != Int64(k) { broken.append("run \(id) has \(counts[1]) segments, not \(k)") }
                if counts[2] != run[2] { broken.append("run \(id)'s segments hold \(counts[2]) users, the run \(run[2])") }
                if counts[3] != 0 { broken.append("run \(id) has \(counts[3]) non-finite or negative distances") }
                if counts[4] != 0 { broken.append("run \(id) has \(counts[4]) assignments outside segments 1…\(k)") }
                if counts[5] != 0 { broken.append("run \(id) has \(counts[5]) non-finite PCA scores") }
                if counts[6] != 0 { broken.append("run \(id) has \(counts[6]) non-finite centroid values") }
                if counts[7] != 0 { broken.append("run \(id) has a non-finite inertia") }
            }
            if let report { broken += reportProblems(out.appendingPathComponent(report)) }
        case .assign(let wanted):
            let which = wanted.map { "WHERE id = \($0)" } ?? "ORDER BY id DESC LIMIT 1"
            guard let run = integers("SELECT id, k FROM segmentation_runs \(which);"), run.count == 2 else { break }
            let (id, k) = (run[0], run[1])
            // A mixture's probabilities: in (0, 1], the runner-up's no larger, a runner-up another segment.
            let query = """
                SELECT (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND (\(bad("distance")) OR distance < 0)),
                       (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND (segment < 1 OR segment > \(k))),
                       (SELECT count(*) FROM users AS u WHERE EXISTS (SELECT 1 FROM user_likes AS l WHERE l.user_id = u.id)
                          AND NOT EXISTS (SELECT 1 FROM segment_assignments AS a WHERE a.run_id = \(id) AND a.user_id = u.id)),
                       (SELECT count(*) FROM segment_assignments WHERE run_id = \(id) AND method = 'assigned' AND probability IS NOT NULL
                          AND (NOT (probability > 0 AND probability <= 1) OR NOT (coalesce(runner_up_probability, 0) BETWEEN 0 AND probability)
                               OR runner_up = segment OR runner_up < 1 OR runner_up > \(k)));
                """
            // Rows the edit broke and assign left alone are not assign's: only the rows it added count.
            let earlier = integers(query, on: master) ?? [0, 0, 0, 0]
            if var counts = integers(query) {
                for column in [0, 1, 3] where counts.count == 4 && earlier.count == 4 { counts[column] = max(0, counts[column] - earlier[column]) }
                if counts[0] != 0 { broken.append("run \(id) has \(counts[0]) non-finite or negative distances") }
                if counts[1] != 0 { broken.append("run \(id) has \(counts[1]) assignments outside segments 1…\(k)") }
                if counts[2] != 0 { broken.append("\(counts[2]) users with likes are still without a segment in run \(id)") }
                if counts[3] != 0 { broken.append("run \(id) has \(counts[3]) assigned users with impossible probabilities") }
            }
        case .file(let name):
            let size = ((try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path))?[.size] as? NSNumber)?.intValue
            if size == nil { broken.append("no \(name) written") }
        case .directory(let name):
            if ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(name).path)) ?? []).isEmpty {
                broken.append("no files in \(name)/")
            }
        case .target(let wanted):
            let which = wanted.map { "WHERE id = \($0)" } ?? "ORDER BY id DESC LIMIT 1"
            guard let run = integers("SELECT id FROM segmentation_runs \(which);"), let id = run.first else { break }
            if let counts = integers("""
                SELECT (SELECT count(*) FROM segment_audiences WHERE run_id = \(id)),
                       (SELECT coalesce(sum(users), 0) FROM segment_audiences WHERE run_id = \(id)),
                       (SELECT count(*) FROM segment_assignments AS a WHERE run_id = \(id) AND EXISTS (SELECT 1 FROM users AS u WHERE u.id = a.user_id)),
                       (SELECT count(*) FROM segment_affinity WHERE run_id = \(id)
                          AND (\(bad("user_share")) OR \(bad("like_share")) OR user_index IN (9e999, -9e999) OR like_index IN (9e999, -9e999))),
                       (SELECT count(*) FROM segment_assignments AS a WHERE run_id = \(id) AND NOT EXISTS (SELECT 1 FROM users AS u WHERE u.id = a.user_id));
                """) {
                if counts[0] == 0 { broken.append("no audiences stored for run \(id)") }
                // Members whose user is gone are left out, and `target` must say how many.
                if counts[1] != counts[2] { broken.append("run \(id)'s audiences hold \(counts[1]) users, its assignments of existing users \(counts[2])") }
                if counts[3] != 0 { broken.append("\(counts[3]) affinity rows of run \(id) with non-finite values") }
                if counts[4] > 0, !outcome.stdoutText.contains("no longer in users"), !outcome.stdoutText.contains("\"missing_users\" : \(counts[4])") {
                    broken.append("\(counts[4]) members of run \(id) are not in users and target did not say so")
                }
            }
        }
        return broken
    }

    private func reportProblems(_ file: URL) -> [String] {
        guard let data = try? Data(contentsOf: file) else { return ["no report at \(file.lastPathComponent)"] }
        if data.count > 50 << 20 { return ["a report of \(data.count) bytes"] }
        let html = String(decoding: data, as: UTF8.self)
        var problems: [String] = []
        if !html.contains("</html>") { problems.append("the report does not end its HTML") }
        if let match = Self.nonFiniteSVGNumber.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
           let range = Range(match.range, in: html) {
            problems.append("the report has a non-finite SVG number: \(html[range].prefix(80))")
        }
        return problems
    }
}

/// Hands out job numbers to the worker threads.
private final class JobCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// Collects the worker threads' results by job number.
private final class JobResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CommandRun?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ run: CommandRun) {
        lock.lock()
        slots[index] = run
        lock.unlock()
    }

    var values: [CommandRun] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
