/// How a datetime column writes its values: ISO 8601 dates (`2013-01-31`, or `2013/01/31`) and date-times
/// (`2013-01-31 05:40`, `2013-01-31T05:40:00`, `2013-01-31T05:40:00Z`). A datetime column holds its values as seconds
/// since 1970-01-01 00:00 UTC (proleptic Gregorian calendar, no time zones besides an optional `Z`, no leap
/// seconds), so SwiftGAN models, compares and oversamples it as a number and writes it back in its own format.
public struct DateTimeFormat: Codable, Equatable, Hashable, Sendable {
    /// Between year, month and day: `-` or `/`.
    public var dateSeparator: Character
    /// Between the date and the time of day (`T` or a space); nil for dates without a time.
    public var timeSeparator: Character?
    /// Whether the time of day has seconds.
    public var hasSeconds: Bool
    /// Whether the value ends in `Z`.
    public var utcSuffix: Bool

    public init(dateSeparator: Character = "-", timeSeparator: Character? = nil, hasSeconds: Bool = false,
                utcSuffix: Bool = false) {
        self.dateSeparator = dateSeparator
        self.timeSeparator = timeSeparator
        self.hasSeconds = hasSeconds
        self.utcSuffix = utcSuffix
    }

    /// The step, in seconds, of the values this format can write: a day, a minute or a second.
    public var resolution: Double { timeSeparator == nil ? 86_400 : hasSeconds ? 1 : 60 }

    /// Earliest and latest instants a format writes: years 0001 to 9999.
    public static let range: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// `text` read as a date or date-time: seconds since 1970 UTC and the text's format; nil when `text` is not one of
    /// the forms above or names no real day or time (a 31 April, a 25th hour).
    public static func parse(_ text: String) -> (seconds: Double, format: DateTimeFormat)? {
        let u = Array(text.utf8)
        guard u.count == 10 || (u.count >= 16 && u.count <= 20) else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var v = 0
            for i in start..<(start + length) {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        let separator = u[4]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), u[7] == separator,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var format = DateTimeFormat(dateSeparator: Character(Unicode.Scalar(separator)))
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard u.count > 10 else { return (seconds, format) }
        var end = u.count
        if u[end - 1] == UInt8(ascii: "Z") {
            format.utcSuffix = true
            end -= 1
        }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), end == 16 || end == 19, u[13] == UInt8(ascii: ":"),
              let hour = number(11, 2), let minute = number(14, 2), hour < 24, minute < 60
        else { return nil }
        format.timeSeparator = Character(Unicode.Scalar(u[10]))
        var second = 0
        if end == 19 {
            guard u[16] == UInt8(ascii: ":"), let s = number(17, 2), s < 60 else { return nil }
            second = s
            format.hasSeconds = true
        }
        seconds += Double(hour * 3600 + minute * 60 + second)
        return (seconds, format)
    }

    /// `seconds` (since 1970 UTC) written in this format, rounded to its resolution and kept within years
    /// 0001–9999; empty for NaN.
    public func string(_ seconds: Double) -> String {
        guard !seconds.isNaN else { return "" }
        let clamped = Swift.min(Swift.max(rounded(seconds), Self.range.lowerBound), Self.range.upperBound)
        let whole = Int(clamped)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let time = whole - days * 86_400
        let (y, m, d) = Self.civilFromDays(days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: Swift.max(0, width - s.count)) + s
        }
        let ds = String(dateSeparator)
        var out = pad(y, 4) + ds + pad(m, 2) + ds + pad(d, 2)
        guard let timeSeparator else { return out }
        out += String(timeSeparator) + pad(time / 3600, 2) + ":" + pad(time / 60 % 60, 2)
        if hasSeconds { out += ":" + pad(time % 60, 2) }
        return utcSuffix ? out + "Z" : out
    }

    /// `seconds` rounded (half away from zero) to this format's resolution; NaN stays NaN.
    public func rounded(_ seconds: Double) -> Double {
        guard seconds.isFinite else { return seconds }
        return (seconds / resolution).rounded() * resolution
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01: the inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // Characters are coded as one-character strings.
    enum CodingKeys: String, CodingKey { case dateSeparator, timeSeparator, hasSeconds, utcSuffix }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func character(_ s: String?, allowed: Set<Character>, key: CodingKeys) throws -> Character? {
            guard let s else { return nil }
            guard s.count == 1, let ch = s.first, allowed.contains(ch) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                       debugDescription: "unsupported date-time separator '\(s)'")
            }
            return ch
        }
        dateSeparator = try character(try c.decode(String.self, forKey: .dateSeparator), allowed: ["-", "/"],
                                      key: .dateSeparator)!
        timeSeparator = try character(try c.decodeIfPresent(String.self, forKey: .timeSeparator), allowed: ["T", " "],
                                      key: .timeSeparator)
        hasSeconds = try c.decode(Bool.self, forKey: .hasSeconds)
        utcSuffix = try c.decode(Bool.self, forKey: .utcSuffix)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(dateSeparator), forKey: .dateSeparator)
        try c.encodeIfPresent(timeSeparator.map(String.init), forKey: .timeSeparator)
        try c.encode(hasSeconds, forKey: .hasSeconds)
        try c.encode(utcSuffix, forKey: .utcSuffix)
    }
}
