import ArgumentParser
import SwiftGAN


/// How a series file is read: CSV columns, layout, and optional sliding windows.
struct SeriesInputOptions: ParsableArguments {
    @Option(help: "CSV: the series id column (long layout) or row id column (wide layout).") var id = "id"
    @Option(help: "CSV: the time column; its presence selects the long layout.") var time = "time"
    @Option(help: "CSV: a class label column (one label per series).") var label: String?
    @Option(help: "CSV layout: auto, long or wide.") var layout: SeriesCSV.Layout = .auto
    @Option(help: "Cut the series into windows of this many steps (needed when lengths differ).") var window: Int?
    @Option(help: "Steps between window starts (default: 1).") var stride = 1

    /// The series in `path`, stacked or cut into windows, and the CSV layout they were read in.
    func load(_ path: String) throws -> (SeriesArray, SeriesCSV.Layout) {
        let options = SeriesCSV.Options(layout: layout, idColumn: id, timeColumn: time, labelColumn: label)
        let (collection, layout) = try SeriesFile.read(path: path, csv: options)
        let data = try window.map { try collection.windows(length: $0, stride: stride) } ?? collection.stacked()
        return (data, layout)
    }
}
