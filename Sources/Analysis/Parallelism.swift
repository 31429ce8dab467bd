#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread-count default used by every configuration in this module.
public enum Parallelism {
    /// The number of online processors (at least 1), from `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static var activeProcessorCount: Int {
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
