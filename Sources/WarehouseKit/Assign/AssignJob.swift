import Analysis
import WarehouseTables

/// `warehouse assign`: places users who have no segment in a run (typically added by
/// `seed --append` after it) in the run's segments without re-clustering, by the run's own
/// projection (see `RunProjection`), or for a latent-class run by its fitted mixture (see
/// `RunMixture`, with the probabilities stored as for its fitted users), and stores them in `segment_assignments` with
/// `method = 'assigned'`, in ONE transaction. The run's fitted users, centroids and profiles are
/// not touched; running it again assigns only users still without a segment.
///
/// Users without likes have no interests to place (their shares are undefined) and are left out,
/// as in the fit.
public enum AssignJob {
    public static func run(store: WarehouseStore, run selector: RunSelector,
                           threads: Int = min(Parallelism.activeProcessorCount, 256)) throws -> AssignSummary {
        guard threads >= 1, threads <= 256 else {
            throw WarehouseError.invalidArgument("--threads must be between 1 and 256, got \(threads)")
        }
        // One transaction: the users are read, placed and written in one state (the write lock
        // keeps another `assign` or a seed from committing in between).
        let (record, alreadyInRun, withoutLikes, placed, source, probabilities) = try store.write {
            () -> (RunRecord, Int, Int, (segments: [Int32], distances: [Double]), RunProjection.Source, [Double]?) in
            let record = try selector.record(in: store)
            let data = try WarehouseData.readInTransaction(store, window: record.window)
            let members = try RunMembers.read(run: record.id, k: record.k, userIDs: data.userIDs, from: store)
            let projection = try RunProjection.load(record: record, data: data, members: members, threads: threads,
                                                    from: store)
            var isMember = [Bool](repeating: false, count: data.userCount)
            for row in members.rows { isMember[Int(row)] = true }
            var candidates: [Int] = []
            var withoutLikes = 0
            for row in 0..<data.userCount where !isMember[row] {
                if data.totalLikes(user: row) > 0 { candidates.append(row) } else { withoutLikes += 1 }
            }
            var placed = try projection.place(rows: candidates, data: data, threads: threads)
            var memberships: AssignmentsTable.Memberships?
            if record.method == .latentClass {
                // By the fitted mixture, not the nearest mean PCA score; the distance stays the
                // one to the chosen segment's mean PCA score, as for the run's own members.
                let posteriors = try RunMixture.load(record: record, data: data, from: store)
                    .place(rows: candidates, data: data, threads: threads)
                placed.segments = posteriors.labels.map { $0 + 1 }
                placed.distances = projection.distances(placed.scores, to: posteriors.labels)
                memberships = AssignmentsTable.Memberships(probabilities: posteriors.probabilities, runnerUp: posteriors.runnerUp,
                                                           runnerUpProbabilities: posteriors.runnerUpProbabilities)
            }
            try AssignmentsTable.insert(run: record.id, userIDs: candidates.map { data.userIDs[$0] },
                                        labels: placed.segments.map { $0 - 1 }, distances: placed.distances,
                                        method: .assigned, memberships: memberships, into: store)
            return (record, members.count, withoutLikes, (placed.segments, placed.distances), projection.source,
                    memberships?.probabilities)
        }
        var perSegment = [Int](repeating: 0, count: record.k)
        for segment in placed.segments { perSegment[Int(segment) - 1] += 1 }
        let distances = placed.distances
        var summary = AssignSummary(
            runID: record.id, assigned: distances.count, perSegment: perSegment, alreadyInRun: alreadyInRun,
            usersWithoutLikes: withoutLikes, meanDistance: distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count),
            projection: source)
        if let probabilities, !probabilities.isEmpty {
            summary.meanProbability = probabilities.reduce(0, +) / Double(probabilities.count)
        }
        return summary
    }
}
