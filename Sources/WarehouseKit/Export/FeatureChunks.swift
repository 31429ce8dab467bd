import Analysis
import WarehouseTables

/// The feature rows of the users with likes (id ≤ `maxUserID`), a chunk of users at a time, in
/// user-id order: memory holds one chunk (`chunkUsers` users' likes and features), not the
/// warehouse.
///
/// Each chunk is an id range read by `WarehouseReader` (so the same invariant checks as a run)
/// and turned into rows by `FeatureMatrix` (so the same features as a run, bit for bit). With a
/// window (a windowed run's), the chunk's interest is the window's, read from the interactions of
/// exactly the chunk's users (`WarehouseReader.read(…, interest:)`), as the run read it. Call
/// inside one read transaction so every pass sees the same users.
struct FeatureChunks {
    let store: WarehouseStore
    let catalogue: WarehouseReader.Catalogue
    let sets: [FeatureSet]
    let maxUserID: Int64
    let chunkUsers: Int
    /// The window resolved against the warehouse; nil: all-time likes.
    var interest: WindowedInterest.Plan? = nil

    /// Calls `body(userIDs, features)` per chunk that has users with likes, ids ascending.
    func forEach(_ body: ([Int64], Matrix) throws -> Void) throws {
        guard var low = try UsersTable.idBounds(store)?.lowerBound, low <= maxUserID else { return }
        while true {
            let high = try UsersTable.id(after: chunkUsers - 1, from: low, through: maxUserID, store) ?? maxUserID
            let data = try interest.map {
                try WarehouseReader.read(store, catalogue: catalogue, ids: low...high, capacity: chunkUsers, interest: $0)
            } ?? WarehouseReader.read(store, catalogue: catalogue, ids: low...high, capacity: chunkUsers)
            let features = FeatureMatrix(data: data, sets: sets)
            if !features.users.isEmpty {
                try body(features.users.map { data.userIDs[$0] }, features.matrix)
            }
            guard high < maxUserID else { return }
            low = high + 1
        }
    }
}

/// Means and population standard deviations merged over chunks (Chan, Golub and LeVeque's
/// pairwise update), for a standardisation fitted without holding every row.
///
/// Each chunk is fitted by `Standardization.fit` (two-pass, exact within the chunk); the merge
/// adds n_a·n_b/n·δ² per chunk. The result equals one `Standardization.fit` over all rows up to
/// rounding (not bit for bit). A feature is constant by `ColumnStatistics.isConstant`'s rule:
/// variance ≤ n·ε·variance + (n·|mean|·ε)².
struct StreamingScaling {
    private(set) var count = 0
    private var means: [Double]
    /// Σ (x − mean)² per column.
    private var squares: [Double]

    init(columns: Int) {
        means = [Double](repeating: 0, count: columns)
        squares = [Double](repeating: 0, count: columns)
    }

    mutating func add(_ chunk: Matrix, threads: Int) {
        guard chunk.rows > 0 else { return }
        let fit = Standardization.fit(chunk, threads: threads)
        let constant = Set(fit.zeroVarianceColumns)
        let nA = Double(count), nB = Double(chunk.rows), n = nA + nB
        for j in means.indices {
            let chunkSquares = constant.contains(j) ? 0 : fit.scales[j] * fit.scales[j] * nB
            let delta = fit.means[j] - means[j]
            means[j] += delta * nB / n
            squares[j] += chunkSquares + delta * delta * nA * nB / n
        }
        count += chunk.rows
    }

    /// The merged standardisation. - Precondition: `count > 0`.
    var standardization: Standardization {
        let n = Double(count)
        var scales = [Double](repeating: 1, count: means.count)
        var zero: [Int] = []
        for j in means.indices {
            let variance = squares[j] / n
            let meanTerm = n * abs(means[j]) * Double.ulpOfOne
            if variance <= n * Double.ulpOfOne * variance + meanTerm * meanTerm {
                zero.append(j)
            } else {
                scales[j] = variance.squareRoot()
            }
        }
        return Standardization(means: means, scales: scales, zeroVarianceColumns: zero)
    }
}
