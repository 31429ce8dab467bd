import Analysis
import WarehouseTables

/// Everything one segmentation run found; what `run-segmentation` prints and stores.
public struct SegmentationResult: Sendable {
    /// One segment (numbered 1…k, 1 the largest).
    public struct Segment: Sendable {
        public let segment: Int
        public let users: Int
        /// users / clustered users.
        public let share: Double
        public let meanAge: Double
        public let meanLikedPosts: Double
        /// Categories by lift, highest first: (name, share of the segment's likes, lift).
        public let categories: [(name: String, share: Double, lift: Double)]
        /// Subcategory lines of `segment_profiles`, in subcategory order.
        public let subcategories: [SubcategoryProfile]
    }

    public struct SubcategoryProfile: Sendable {
        public let subcategoryID: Int
        public let name: String
        public let meanLikes: Double
        public let share: Double
        public let lift: Double?
        public let usersLiking: Int
    }

    public let runID: Int64
    /// How the run was made.
    public let settings: RunSettings
    public let users: Int
    public let usersWithoutLikes: Int
    public let maxUserID: Int64
    public let featureNames: [String]
    public let scaling: Standardization
    public let pca: PCAResult
    public let kMeans: KMeansResult
    public let elbow: ElbowResult?
    public let silhouette: Double?
    public let silhouetteSample: Int
    /// Adjusted Rand index against the planted personas, when every clustered user has one.
    public let adjustedRandIndex: Double?
    public let segments: [Segment]
    /// (stage, seconds) of the stages that ran one after the other; they add up to the wall time.
    public internal(set) var stageSeconds: [(stage: String, seconds: Double)]
    /// (stage, seconds) of the clustering stages (elbow, fit) that ran on background threads while
    /// the PCA scores were written: they overlap "write scores" and "wait for clustering".
    public let backgroundSeconds: [(stage: String, seconds: Double)]
    /// How the run clustered; for `.latentClass`, `kMeans` holds the mixture's most probable
    /// segments with centroids = the segments' mean PCA scores (distances to them, inertia Σ d²).
    public internal(set) var method: SegmentationMethod = .kmeans
    /// The fitted mixture and its sweep, for a latent-class run.
    public internal(set) var latentClass: LatentClassOutcome?
    /// ARI of the Bayes classifier that knows the planted persona parameters: the most any
    /// segmentation of these users can reach (nil without planted personas).
    public internal(set) var ceilingAdjustedRandIndex: Double?
    /// Users the ceiling was computed on: every clustered user up to 100,000, else a seeded sample.
    public internal(set) var ceilingUsers: Int?
    /// The segments' names and descriptions, as stored with the run (`SegmentNaming`).
    public internal(set) var segmentNames: [SegmentName] = []

    public var explainedVariance: Double {
        pca.explainedVarianceRatio.reduce(0, +)
    }

    /// Wall time of the run, in seconds.
    public var totalSeconds: Double {
        stageSeconds.reduce(0) { $0 + $1.seconds }
    }
}
