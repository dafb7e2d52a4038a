// zlib (decoding gzip and deflate bodies for cassettes), from Debian's zlib1g-dev.
// Only NotesTransport/ContentDecoder.swift uses this module.
#include <zlib.h>

// `inflateInit2` is a macro, which Swift cannot call.
static inline int notes_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
