import CZlib
import Foundation

/// Decodes a gzip or deflate body chunk by chunk, so a cassette keeps readable JSON and events while
/// the program receives the engine's bytes untouched: the only file that calls zlib.
final class ContentDecoder {
    /// Content codings this decoder reads; the transport asks the engine for no others.
    static let supported: Set<String> = ["gzip", "x-gzip", "deflate"]

    private var stream = z_stream()
    private var failed = false

    /// A decoder for `encoding` (a `content-encoding` value), or nil when the body is not encoded
    /// or the coding is not one of ``supported``.
    init?(encoding: String?) {
        guard let encoding = encoding?.lowercased().trimmingCharacters(in: .whitespaces), Self.supported.contains(encoding) else {
            return nil
        }
        // 15 + 32: the largest window, with zlib or gzip headers detected automatically.
        guard notes_inflate_init(&stream, 15 + 32) == Z_OK else { return nil }
    }

    deinit {
        inflateEnd(&stream)
    }

    /// The decoded bytes of the next `chunk`; nil once the data turned out not to be what its
    /// coding says.
    func decode(_ chunk: [UInt8]) -> [UInt8]? {
        guard !failed else { return nil }
        var input = chunk
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBytes in
            stream.next_in = inputBytes.baseAddress
            stream.avail_in = UInt32(inputBytes.count)
            var status = Z_OK
            repeat {
                status = buffer.withUnsafeMutableBufferPointer { outputBytes in
                    stream.next_out = outputBytes.baseAddress
                    stream.avail_out = UInt32(outputBytes.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output += buffer[0..<(buffer.count - Int(stream.avail_out))]
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            stream.next_in = nil
            return status
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            failed = true
            return nil
        }
        return output
    }
}
