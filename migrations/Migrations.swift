import Storage

/// The warehouse schema as ordered migrations, embedded in the binary so it works from any
/// working directory. `migrations/NNNN_name.sql` is the source of truth; SwiftPM embeds each file
/// as bytes (`PackageResources`). A test checks this list matches the folder and that applying
/// it gives exactly `schema.sql`.
public enum WarehouseMigrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "core", sql: text(PackageResources._001_core_sql)),
        Migration(version: 2, name: "segmentation", sql: text(PackageResources._002_segmentation_sql)),
        Migration(version: 3, name: "targeting", sql: text(PackageResources._003_targeting_sql)),
        Migration(version: 4, name: "exchange", sql: text(PackageResources._004_exchange_sql)),
        Migration(version: 5, name: "latent_class", sql: text(PackageResources._005_latent_class_sql)),
        Migration(version: 6, name: "campaigns", sql: text(PackageResources._006_campaigns_sql)),
        Migration(version: 7, name: "latent_class_covariates", sql: text(PackageResources._007_latent_class_covariates_sql)),
        Migration(version: 8, name: "import", sql: text(PackageResources._008_import_sql)),
        Migration(version: 9, name: "interactions", sql: text(PackageResources._009_interactions_sql)),
        Migration(version: 10, name: "evaluations", sql: text(PackageResources._010_evaluations_sql)),
        Migration(version: 11, name: "demographics", sql: text(PackageResources._011_demographics_sql), rebuildsTables: true),
        Migration(version: 12, name: "one_lift", sql: text(PackageResources._012_one_lift_sql)),
        Migration(version: 13, name: "latest_segments_names", sql: text(PackageResources._013_latest_segments_names_sql)),
        Migration(version: 14, name: "interaction_packs", sql: text(PackageResources._014_interaction_packs_sql)),
    ]

    /// The schema version this binary writes.
    public static var latestVersion: Int { all.count }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
