/// An ordered list of sheets; the order is the tab order in the spreadsheet application.
public struct Workbook: Sendable, Equatable {
    public var sheets: [Worksheet]

    public init(sheets: [Worksheet] = []) {
        self.sheets = sheets
    }

    /// Sheet names are compared case-insensitively, as Excel does.
    public subscript(name: String) -> Worksheet? {
        get { sheets.first { $0.name.lowercased() == name.lowercased() } }
        set {
            let index = sheets.firstIndex { $0.name.lowercased() == name.lowercased() }
            switch (index, newValue) {
            case let (i?, sheet?): sheets[i] = sheet
            case let (i?, nil): sheets.remove(at: i)
            case let (nil, sheet?): sheets.append(sheet)
            case (nil, nil): break
            }
        }
    }

    public var sheetNames: [String] { sheets.map(\.name) }
}
