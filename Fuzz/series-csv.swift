import TimeSeries

/// Series CSV in both layouts, with and without a label column.
func fuzz(_ bytes: [UInt8]) {
    _ = try? SeriesCSV.parse(bytes: bytes, path: "fuzz")
    _ = try? SeriesCSV.parse(bytes: bytes, path: "fuzz", options: .init(layout: .wide, labelColumn: "label"))
}
