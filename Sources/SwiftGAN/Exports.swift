// The library data pipelines import: `import SwiftGAN` brings the synthesizers (AudioSynthesizer,
// TableSynthesizer, SeriesSynthesizer), the HTML reports and every layer below them, and Foundation (URL, Data and
// FileManager are in the signatures), so a program needs no other import. Public names are unique across these
// modules, so none is ambiguous.
@_exported import AudioIO
@_exported import DSP
@_exported import Evaluation
@_exported import Foundation
@_exported import Models
@_exported import NN
@_exported import Reports
@_exported import Tabular
@_exported import TensorCore
@_exported import TimeSeries
@_exported import Training
