import Foundation
import NN

/// Safetensors headers and data: sizes, offsets, dtypes.
func fuzz(_ bytes: [UInt8]) {
    _ = try? Safetensors.parse(Data(bytes), path: "fuzz")
}
