import Foundation
import Storage
import TestSupport
import Testing

/// Issue 24, item 9: `--max-iter` and `--tol` with `--method latent-class` are the EM's own (applied,
/// and stored as used); `--mini-batch` has no latent-class meaning and is refused; a run never
/// stores a setting its fit did not use.
@Suite struct CLILatentClassSettingsTests {
    /// The run's stored max_iter, tol and iterations.
    private func stored(_ db: String, run: Int) throws -> (maxIter: Int64?, tol: Double?, iterations: Int64?) {
        let connection = try Connection(path: db, options: .init(readOnly: true))
        func value(_ column: String) throws -> SQLValue? {
            try connection.scalar("SELECT \(column) FROM segmentation_runs WHERE id = ?", [.integer(Int64(run))])
        }
        return (try value("max_iter")?.int64, try value("tol")?.double, try value("iterations")?.int64)
    }

    @Test func miniBatchIsRefusedWithLatentClass() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "600", "--quiet"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let refused = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--mini-batch", "500",
                                         "--elbow", "off", "--quiet"])
        #expect(refused.status == 64, "status \(refused.status), stderr: \(refused.stderr)")
        #expect(refused.errorLines.count == 1, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("--mini-batch 500 needs --method kmeans (the latent-class fit has no mini-batches)"),
                "stderr: \(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a refused run leaves the database as it was")
        // With k-means it is still taken.
        let kmeans = try CLIRunner.run(["run-segmentation", "--db", db, "--mini-batch", "500", "--elbow", "off", "--quiet"])
        #expect(kmeans.status == 0, "stderr: \(kmeans.stderr)")
    }

    /// Mini-batch k-means counts passes over the users and stops on no improvement (tolerance 0):
    /// the run stores those, not Lloyd's 300 and 1e-4, and `--max-iter`/`--tol` reach the fit.
    @Test func miniBatchStoresThePassesAndToleranceItUsed() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "600", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--mini-batch", "100", "--elbow", "off", "--quiet"]).status == 0)
        let first = try stored(db, run: 1)
        #expect(first.maxIter == 100 && first.tol == 0, "stored \(first)")
        let given = try CLIRunner.run(["run-segmentation", "--db", db, "--mini-batch", "100", "--elbow", "off",
                                       "--max-iter", "1", "--tol", "0.25", "--quiet"])
        #expect(given.status == 0, "stderr: \(given.stderr)")
        let second = try stored(db, run: 2)
        #expect(second.maxIter == 1 && second.tol == 0.25, "stored \(second)")
        // One pass of 100-user batches over 600 users is at most 6 steps.
        #expect((second.iterations ?? .max) <= 6, "stored \(second)")
    }

    @Test func maxIterAndTolAreTheEMsAndStoredAsUsed() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "600", "--quiet"]).status == 0)
        // Defaults: the EM's own (200 iterations, 1e-8), not k-means' 300 and 1e-4.
        let plain = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--k", "3", "--elbow", "off", "--quiet"])
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        let first = try stored(db, run: 1)
        #expect(first.maxIter == 200 && first.tol == 1e-8, "stored \(first)")
        // Given: applied (a tolerance of 0 never stops early, so EM runs exactly --max-iter steps) and stored.
        let capped = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--k", "3", "--elbow", "off",
                                        "--max-iter", "2", "--tol", "0", "--quiet"])
        #expect(capped.status == 0, "stderr: \(capped.stderr)")
        #expect(capped.stdout.contains("stopped at the iteration limit 2"), "stdout: \(capped.stdout)")
        let second = try stored(db, run: 2)
        #expect(second.maxIter == 2 && second.tol == 0 && second.iterations == 2, "stored \(second)")
        // k-means keeps its own defaults and takes the options as before.
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--quiet"]).status == 0)
        let third = try stored(db, run: 3)
        #expect(third.maxIter == 300 && third.tol == 1e-4, "stored \(third)")
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--max-iter", "7", "--tol", "0.5",
                                   "--quiet"]).status == 0)
        let fourth = try stored(db, run: 4)
        #expect(fourth.maxIter == 7 && fourth.tol == 0.5, "stored \(fourth)")
        // Out of range is refused for either method, naming the option.
        let bad = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--max-iter", "0", "--quiet"])
        #expect(bad.status == 64 && bad.errorLines.count == 1 && bad.stderr.contains("--max-iter must be between 1 and 100000, got 0"),
                "stderr: \(bad.stderr)")
    }
}
