import Analysis
import WarehouseTables

/// Recomputes what runs stored before migration 0003 lack: the PCA centre (the column means of
/// the standardised features over the run's users) and which features were constant.
///
/// Exact, not approximate: the fitted users' feature rows are rebuilt in user-id order, exactly
/// the matrix the run standardised; `Standardization.fit` on it must give the stored means and
/// scales bit for bit (else the users changed since the run and nothing can be recovered), and
/// the PCA centre is then `Standardization.fit(z).means`, the same chunk-ordered column sums
/// `fitPCA` took (independent of the thread count).
enum ProjectionRecovery {
    static func recover(record: RunRecord, sets: [FeatureSet], means: [Double], scales: [Double], data: WarehouseData,
                        members: RunMembers, threads: Int) throws -> (scaling: Standardization, pcaMean: [Double]) {
        let run = record.id
        let fitted = (0..<members.count).filter { !members.assigned[$0] }.map { Int(members.rows[$0]) }
        guard fitted.count == record.users, fitted.count >= 1 else {
            throw WarehouseError.brokenInvariant(
                "run \(run) fitted \(record.users) users but \(fitted.count) of them are still in the warehouse; "
                    + "its PCA centre (not stored by older versions) cannot be recomputed")
        }
        let x = RunProjection.features(rows: fitted, sets: sets, width: means.count, data: data)
        let scaling = Standardization.fit(x, threads: threads)
        if let j = means.indices.first(where: { scaling.means[$0] != means[$0] || scaling.scales[$0] != scales[$0] }) {
            throw WarehouseError.brokenInvariant(
                "the users of run \(run) changed since it was fitted (feature \(j + 1): mean \(means[j]), std \(scales[j]) then; "
                    + "mean \(scaling.means[j]), std \(scaling.scales[j]) now); its PCA centre cannot be recomputed")
        }
        let z = scaling.transform(x, threads: threads)
        return (scaling, Standardization.fit(z, threads: threads).means)
    }
}
