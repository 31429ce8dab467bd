/// Why an analysis entry point refused its input.
///
/// Every public entry point that can refuse validates before any kernel runs and throws one of
/// these; the description is one line that names the offending setting and its value, in the
/// style of scikit-learn ("n_samples=3 should be >= n_clusters=4").
public enum AnalysisError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A setting outside its valid range: `name=value should be requirement`.
    case invalidParameter(name: String, value: String, requirement: String)
    /// Fewer rows than the method needs (`minimum`), e.g. PCA needs 2 to divide by n − 1.
    case tooFewSamples(samples: Int, minimum: Int, method: String)
    /// k-means asked for more clusters than there are rows.
    case moreClustersThanSamples(samples: Int, clusters: Int)
    /// A matrix without columns.
    case noFeatures
    /// A NaN or ±infinity in the input (the value is kept as text so that NaN compares equal).
    case nonFiniteValue(row: Int, column: Int, value: String)
    /// All rows are identical (to rounding), so the covariance is zero and PCA is undefined.
    case zeroTotalVariance(samples: Int, features: Int)
    /// Two inputs that must agree in length do not.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// A clustering with a number of distinct labels for which the score is undefined.
    case invalidLabelCount(labels: Int, samples: Int)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "\(name)=\(value) should be \(requirement)"
        case let .tooFewSamples(samples, minimum, method):
            return "n_samples=\(samples) should be >= \(minimum) for \(method)"
        case let .moreClustersThanSamples(samples, clusters):
            return "n_samples=\(samples) should be >= n_clusters=\(clusters)"
        case .noFeatures:
            return "n_features=0 should be >= 1"
        case let .nonFiniteValue(row, column, value):
            return "input contains a non-finite value \(value) at row \(row), column \(column)"
        case let .zeroTotalVariance(samples, features):
            return "total variance is 0: all n_samples=\(samples) rows are identical "
                + "across n_features=\(features) columns, so PCA is undefined"
        case let .lengthMismatch(name, count, expected):
            return "\(name) has \(count) entries but \(expected) were expected"
        case let .invalidLabelCount(labels, samples):
            return "number of labels is \(labels); valid values are 2 to n_samples - 1 "
                + "(inclusive) with n_samples=\(samples)"
        }
    }
}
