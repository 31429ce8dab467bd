import WarehouseTables
import WarehouseSupport

/// `warehouse check`: is this file a sound warehouse? SQLite's integrity and foreign-key checks,
/// the schema against the migrations', and the invariants every command relies on. Read-only:
/// the file is opened with SQLITE_OPEN_READONLY, `query_only` and `trusted_schema = OFF`, and
/// every query runs in one read transaction, so a writer at work is seen before or after.
///
/// Each check is independent: one that cannot run (a corrupt page, a missing table) fails with
/// SQLite's message and the others still run. When the schema lacks a table of the warehouse or
/// holds something else under its name, the invariant checks are skipped: their queries would
/// read an object the migrations did not create (a view could run for ever).
public enum CheckJob {
    public static func run(path: String) throws -> CheckSummary {
        let store = try WarehouseStore.inspecting(path: path)
        let reference = try WarehouseStore.referenceSchema()
        do {
            return try IntegrityQueries.readTransaction(store) {
                CheckSummary(database: path, checks: try checks(store, reference: reference))
            }
        } catch {
            throw WarehouseStore.translate(error, path: path, busyTimeoutMilliseconds: 5_000)
        }
    }

    typealias Verdict = CheckSummary.Verdict

    private static func checks(_ store: WarehouseStore, reference: WarehouseStore) throws -> [Verdict] {
        var verdicts: [Verdict] = []
        verdicts.append(check("integrity", "SQLite's integrity check: pages, indexes, NOT NULL, CHECK and STRICT types") {
            let messages = try IntegrityQueries.integrity(store)
            if messages == ["ok"] { return (0, nil) }
            guard let first = messages.first else { return (1, "SQLite's integrity check returned nothing") }
            let more = messages.count >= 100 ? " (100 or more problems)" : messages.count > 1 ? " (\(messages.count) problems in all)" : ""
            return (Int64(messages.count), printable(first) + more)
        })
        verdicts.append(check("foreign_keys", "SQLite's foreign-key check: every reference has its row") {
            let found = try IntegrityQueries.foreignKeyViolations(store)
            guard found.count > 0 else { return (0, nil) }
            let table = printable(found.first[0].string ?? "?")
            let row = found.first[1].int64.map { " rowid \($0)" } ?? ""
            let parent = printable(found.first[2].string ?? "?")
            return (found.count, "a row of \(table)\(row) refers to a missing \(parent) row\(inAll(found.count, "violations"))")
        })
        let schema = SchemaComparison(actual: store)
        verdicts.append(check("schema", "tables, views, indexes and triggers are the migrations'") {
            let problems = try schema.problems()
            guard let first = problems.first else { return (0, nil) }
            return (Int64(problems.count), first + inAll(Int64(problems.count), "differences"))
        })
        let runnable = (try? schema.tablesFit()) ?? false
        for invariant in invariants(store, reference: reference) {
            if runnable {
                verdicts.append(check(invariant.name, invariant.rule, invariant.body))
            } else {
                verdicts.append(Verdict(name: invariant.name, rule: invariant.rule, status: .skipped, count: 0,
                                        detail: "the schema check found the warehouse's tables missing or replaced"))
            }
        }
        return verdicts
    }

    private struct Invariant {
        let name: String
        let rule: String
        let body: () throws -> (Int64, String?)
    }

    private static func invariants(_ store: WarehouseStore, reference: WarehouseStore) -> [Invariant] {
        typealias Q = IntegrityQueries
        return [
            Invariant(name: "likes_sum", rule: "per user, the likes sum to users.liked_posts") {
                let found: Q.Offenders
                do {
                    found = try Q.likeSumMismatches(store)
                } catch where WarehouseStore.message(of: error).contains("integer overflow") {
                    let overflow = try Q.likeSumOverflows(store)
                    let user = overflow.first.first?.int64 ?? 0
                    return (max(1, overflow.count), "user \(user) has likes summing beyond \(Int64.max)\(inAll(overflow.count, "users"))")
                }
                guard found.count > 0 else { return (0, nil) }
                let row = found.first
                return (found.count, "user \(row[0]) has liked_posts = \(row[1]) but its likes sum to \(row[2])\(inAll(found.count, "users"))")
            },
            Invariant(name: "likes_positive", rule: "every like count is > 0") {
                let found = try Q.nonPositiveLikes(store)
                guard found.count > 0 else { return (0, nil) }
                let row = found.first
                return (found.count, "user \(row[0]), subcategory \(row[1]) has likes = \(row[2])\(inAll(found.count, "like rows"))")
            },
            Invariant(name: "likes_references", rule: "every like's user and subcategory exist") {
                let found = try Q.orphanLikes(store)
                guard found.count > 0 else { return (0, nil) }
                let row = found.first
                let missing = row[2].int64 == 0 ? "no user \(row[0])" : "no subcategory \(row[1])"
                return (found.count, "the like of user \(row[0]), subcategory \(row[1]) has \(missing)\(inAll(found.count, "like rows"))")
            },
            Invariant(name: "personas", rule: "every user has at most one persona, and it exists") {
                let found = try Q.personaProblems(store)
                guard found.count > 0 else { return (0, nil) }
                let row = found.first
                let problem = (row[1].int64 ?? 0) > 1 ? "has \(row[1]) persona rows"
                    : row[2].int64 == 0 ? "has a persona row but no users row" : "has a persona that does not exist"
                return (found.count, "user \(row[0]) \(problem)\(inAll(found.count, "users"))")
            },
            Invariant(name: "seed_batches", rule: "each seed batch holds exactly its id range of users and its like rows") {
                let found = try Q.seedBatchMismatches(store)
                guard found.count > 0 else { return (0, nil) }
                let r = found.first
                let held = (r[5].int64 ?? 0) == 0 ? "holds no users" : "holds \(r[5]) users (ids \(r[6])–\(r[7])) and \(r[8]) like rows"
                return (found.count, "batch \(r[0]) records \(r[1]) users (ids \(r[2])–\(r[3])) and \(r[4]) like rows, but \(held)"
                    + inAll(found.count, "batches"))
            },
            Invariant(name: "run_segments", rule: "every assignment's segment is within 1…k of its run") {
                let found = try Q.segmentsOutOfRange(store)
                guard found.count > 0 else { return (0, nil) }
                let r = found.first
                return (found.count, "run \(r[0]), user \(r[1]) is in segment \(r[2]), outside 1…\(r[3])\(inAll(found.count, "assignments"))")
            },
            Invariant(name: "run_tables", rule: "each run's tables have the rows its k, n_components, feature_count and users say") {
                let problems = try runTableProblems(Q.runRowCounts(store))
                guard let first = problems.first else { return (0, nil) }
                return (Int64(problems.count), first + inAll(Int64(problems.count), "mismatches"))
            },
            Invariant(name: "group_weights", rule: "a latent-class run with covariates has k weights per group, summing to 1") {
                let found = try Q.groupWeightMismatches(store)
                guard found.count > 0 else { return (0, nil) }
                let r = found.first
                let detail = r[1].string == nil
                    ? "run \(r[0]) has no covariates but \(r[4]) latent_class_group_weights rows"
                    : "run \(r[0]) (covariates \(r[1]), k = \(r[5])) has \(r[4]) weights in \(r[2]) groups (\(r[3]) of its \(r[7]) known)"
                        + (r[6].double.map { $0 > 1e-9 ? ", a group's summing to 1 ± \(String(format: "%.3g", $0))" : "" } ?? "")
                return (found.count, detail + inAll(found.count, "runs"))
            },
            Invariant(name: "interaction_likes",
                      rule: "like interactions never outnumber user_likes, and a seeded user's are its liked_posts") {
                if let beyond = try InteractionsTable.likesBeyondUserLikes(store) { return (1, beyond) }
                guard let found = try InteractionsTable.seededLikeMismatches(store) else { return (0, nil) }
                return (found.count, found.first + inAll(found.count, "users"))
            },
            Invariant(name: "interaction_references",
                      rule: "every interaction's user, kind and subcategory exist (its moment's range is the schema's CHECK)") {
                if let orphan = try InteractionsTable.orphan(store) { return (1, orphan) }
                return (0, nil)
            },
            Invariant(name: "interaction_packs",
                      rule: "while interaction_packs_current has its row, the packs hold exactly the interactions' rows") {
                guard let difference = try InteractionPacks.difference(store) else { return (0, nil) }
                return (1, difference)
            },
            Invariant(name: "finite_values", rule: "every REAL value is finite") {
                try nonFinite(store, reference: reference)
            },
        ]
    }

    /// The mismatches between each run's settings and its tables' row counts.
    static func runTableProblems(_ runs: [IntegrityQueries.RunRowCounts]) -> [String] {
        var problems: [String] = []
        for run in runs {
            func product(_ a: Int64, _ b: Int64) -> Int64? {
                let (value, overflow) = a.multipliedReportingOverflow(by: b)
                return overflow ? nil : value
            }
            let expected: [(Int64?, String)] = [
                (run.features, "feature_count = \(run.features)"),
                (run.features, "feature_count = \(run.features)"),
                (run.components, "n_components = \(run.components)"),
                (product(run.components, run.features), "n_components × feature_count = \(run.components) × \(run.features)"),
                (product(run.k, run.components), "k × n_components = \(run.k) × \(run.components)"),
                (run.k, "k = \(run.k)"),
                (run.users, "users = \(run.users)"),
                (product(run.users, run.components), "users × n_components = \(run.users) × \(run.components)"),
            ]
            for (index, table) in run.rows.enumerated() where index < expected.count {
                let (rows, rule) = expected[index]
                guard rows != table.rows else { continue }
                let value = rows.map { rule.hasSuffix(" = \($0)") ? "" : " = \($0)" } ?? " (overflows)"
                problems.append("run \(run.run): \(table.table) has \(table.rows) rows where \(rule)\(value)")
            }
        }
        return problems
    }

    /// Infinite values in the REAL columns of the warehouse's tables, the first one named.
    private static func nonFinite(_ store: WarehouseStore, reference: WarehouseStore) throws -> (Int64, String?) {
        var total: Int64 = 0
        var first: String?
        let tables = try reference.tableNames()
        for table in tables {
            let (columns, key) = try IntegrityQueries.realColumns(of: table, reference)
            let found = try IntegrityQueries.nonFiniteValues(table: table, columns: columns, key: key, store)
            guard found.count > 0 else { continue }
            total += found.count
            if first == nil {
                let keys = zip(key, found.first).map { "\($0) \($1)" }.joined(separator: ", ")
                let values = Array(found.first.dropFirst(key.count))
                let bad = zip(columns, values).first { !($0.1.double?.isFinite ?? true) }
                first = "\(table) (\(keys)): \(bad.map { "\($0.0) = \($0.1)" } ?? "a value is infinite")"
            }
        }
        return (total, first.map { $0 + inAll(total, "rows") })
    }

    /// Runs one check; an error (SQLite's, for a damaged file) is its verdict.
    private static func check(_ name: String, _ rule: String, _ body: () throws -> (Int64, String?)) -> Verdict {
        do {
            let (count, detail) = try body()
            return Verdict(name: name, rule: rule, status: count == 0 ? .ok : .failed, count: count, detail: count == 0 ? nil : detail)
        } catch {
            let reason = WarehouseStore.message(of: error)
            return Verdict(name: name, rule: rule, status: .failed, count: 1, detail: "could not run: " + printable(reason))
        }
    }

    private static func inAll(_ count: Int64, _ noun: String) -> String {
        count > 1 ? " (\(count) \(noun) in all)" : ""
    }

    /// Names and messages read from the file, made safe to print.
    static func printable(_ text: String) -> String { printableExcerpt(text) }
}
