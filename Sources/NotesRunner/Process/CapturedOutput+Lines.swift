import Foundation
import NotesRecords

extension CapturedOutput {
    /// The output as lines per stream, each stamped with when its first byte arrived (milliseconds
    /// after `origin`), in order of arrival. Bytes that are not UTF-8 become U+FFFD, so any output
    /// is kept safely. When output was dropped, a last line says how much.
    func lines(origin: Double, limit: Int) -> [Transcript.Output.Line] {
        var lines: [Transcript.Output.Line] = []
        var pending: [Bool: (bytes: [UInt8], time: Double)] = [:]
        func emit(_ bytes: [UInt8], time: Double, isStandardError: Bool) {
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            lines.append(.init(stream: isStandardError ? "stderr" : "stdout", atMS: Int(((time - origin) * 1000).rounded()), text: text))
        }
        for chunk in chunks {
            var start = chunk.bytes.startIndex
            for index in chunk.bytes.indices where chunk.bytes[index] == 0x0A {
                let piece = Array(chunk.bytes[start..<index])
                if let open = pending.removeValue(forKey: chunk.isStandardError) {
                    emit(open.bytes + piece, time: open.time, isStandardError: chunk.isStandardError)
                } else {
                    emit(piece, time: chunk.time, isStandardError: chunk.isStandardError)
                }
                start = index + 1
            }
            if start < chunk.bytes.endIndex {
                let rest = Array(chunk.bytes[start...])
                if let open = pending[chunk.isStandardError] {
                    pending[chunk.isStandardError] = (open.bytes + rest, open.time)
                } else {
                    pending[chunk.isStandardError] = (rest, chunk.time)
                }
            }
        }
        for (isStandardError, open) in pending.sorted(by: { $0.value.time < $1.value.time }) {
            emit(open.bytes, time: open.time, isStandardError: isStandardError)
        }
        if droppedBytes > 0 {
            let last = lines.last?.atMS ?? 0
            lines.append(
                .init(
                    stream: "notes", atMS: last,
                    text:
                        "[output truncated: the first \(limit.formattedBytes) were kept, \(droppedBytes.formattedBytes) more were dropped]")
            )
        }
        return lines
    }
}

extension Int {
    /// "1 MiB", "512 KiB", "90 bytes".
    var formattedBytes: String {
        if self >= 1 << 20, self % (1 << 20) == 0 { return "\(self >> 20) MiB" }
        if self >= 1 << 20 { return String(format: "%.1f MiB", Double(self) / Double(1 << 20)) }
        if self >= 1 << 10 { return "\(self >> 10) KiB" }
        return self == 1 ? "1 byte" : "\(self) bytes"
    }
}
