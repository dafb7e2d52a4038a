// libcurl 7.68+ (the engine leg of record and live mode): its types and constants, from Debian's
// libcurl4-openssl-dev. The library itself is not linked: NotesTransport/CurlLibrary.swift opens it
// at first use, so commands that never reach the engine (build, check, serve) do not load it and
// its dozens of dependencies.
//
// `curl_easy_setopt` is variadic, which Swift cannot call; these typed wrappers call it through the
// pointer CurlLibrary found. Only CurlLibrary.swift and CurlTransfer.swift use this module.
#include <curl/curl.h>

typedef CURLcode (*notes_curl_setopt_function)(CURL *handle, CURLoption option, ...);

static inline CURLcode notes_curl_set_long(void *setopt, CURL *handle, CURLoption option, long value) {
    return ((notes_curl_setopt_function)setopt)(handle, option, value);
}

static inline CURLcode notes_curl_set_offset(void *setopt, CURL *handle, CURLoption option, curl_off_t value) {
    return ((notes_curl_setopt_function)setopt)(handle, option, value);
}

static inline CURLcode notes_curl_set_pointer(void *setopt, CURL *handle, CURLoption option, const void *value) {
    return ((notes_curl_setopt_function)setopt)(handle, option, value);
}

typedef size_t (*notes_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef curl_socket_t (*notes_curl_socket_callback)(void *context, curlsocktype purpose, struct curl_sockaddr *address);

static inline CURLcode notes_curl_set_data_callback(void *setopt, CURL *handle, CURLoption option, notes_curl_data_callback callback) {
    return ((notes_curl_setopt_function)setopt)(handle, option, callback);
}

static inline CURLcode notes_curl_set_socket_callback(void *setopt, CURL *handle, notes_curl_socket_callback callback) {
    return ((notes_curl_setopt_function)setopt)(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}
