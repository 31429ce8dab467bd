import WarehouseTables

// The tables module's types that a job's signature carries, named here so the command line
// (which imports WarehouseKit alone) can hold them without seeing any table's functions.

/// An open warehouse file (see `WarehouseTables.WarehouseStore`).
public typealias WarehouseStore = WarehouseTables.WarehouseStore
/// Every refusal, with its one-line message (see `WarehouseTables.WarehouseError`).
public typealias WarehouseError = WarehouseTables.WarehouseError
/// `--run ID|latest` (see `WarehouseTables.RunSelector`).
public typealias RunSelector = WarehouseTables.RunSelector
/// `--method` (see `WarehouseTables.SegmentationMethod`).
public typealias SegmentationMethod = WarehouseTables.SegmentationMethod
/// `--covariates` (see `WarehouseTables.LatentClassCovariate`).
public typealias LatentClassCovariate = WarehouseTables.LatentClassCovariate
/// `--features` (see `WarehouseTables.FeatureSet`).
public typealias FeatureSet = WarehouseTables.FeatureSet
/// Moments and durations as options give them (`--as-of`, `--window`, `--half-life`).
public typealias TimeText = WarehouseTables.TimeText
/// How a run counts interactions over time.
public typealias InteractionWindow = WarehouseTables.InteractionWindow
/// A window as the command line asks for it.
public typealias WindowRequest = WarehouseTables.WindowRequest
/// `--age`, `--gender`, `--country`: who an audience may contain (see `WarehouseTables.UserFilter`).
public typealias UserFilter = WarehouseTables.UserFilter
