import Foundation
import TimeSeries

/// NumPy headers (version, length, descr, shape) and data.
func fuzz(_ bytes: [UInt8]) {
    _ = try? NPY.decode(Data(bytes), path: "fuzz")
}
