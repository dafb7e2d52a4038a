// libcurl 7.68+ (the engine leg of record and live mode), from Debian's libcurl4-openssl-dev.
//
// `curl_easy_setopt` and `curl_easy_getinfo` are variadic, which Swift cannot call; these typed
// wrappers are the only way in. Only NotesTransport/CurlTransfer.swift uses this module.
#include <curl/curl.h>

static inline CURLcode notes_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode notes_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode notes_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*notes_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef curl_socket_t (*notes_curl_socket_callback)(void *context, curlsocktype purpose, struct curl_sockaddr *address);

static inline CURLcode notes_curl_set_data_callback(CURL *handle, CURLoption option, notes_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode notes_curl_set_socket_callback(CURL *handle, notes_curl_socket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}
