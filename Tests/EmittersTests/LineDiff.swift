/// The lines two texts differ in, `-` for the expected and `+` for the actual, with two lines of
/// context, for a golden file that no longer matches (a longest-common-subsequence diff).
enum LineDiff {
    static func text(expected: String, actual: String, limit: Int = 60) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // common[i][j]: the longest common subsequence of old[i...] and new[j...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: Substring)] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append((" ", old[i]))
                (i, j) = (i + 1, j + 1)
            } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
                lines.append(("-", old[i]))
                i += 1
            } else {
                lines.append(("+", new[j]))
                j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        let shown = lines.indices.filter { index in changed.contains { abs($0 - index) <= 2 } }
        var output = shown.prefix(limit).map { "\(lines[$0].mark) \(lines[$0].text)" }
        if shown.count > limit { output.append("… \(shown.count - limit) more lines") }
        return output.joined(separator: "\n")
    }
}
