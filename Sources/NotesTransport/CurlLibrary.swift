import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libcurl, opened at first use rather than linked: `notes build` and every other command that
/// never reaches the engine start without loading it (and the TLS, HTTP/2 and IDN libraries it
/// brings), and a machine without libcurl can still build sites.
///
/// Holds the functions ``CurlTransfer`` calls, looked up once. With ``CurlTransfer`` this is the only
/// code that touches libcurl.
struct CurlLibrary: @unchecked Sendable {
    typealias Handle = UnsafeMutableRawPointer

    let setopt: UnsafeMutableRawPointer
    let easyInit: @convention(c) () -> Handle?
    let easyCleanup: @convention(c) (Handle?) -> Void
    let easyStrerror: @convention(c) (CURLcode) -> UnsafePointer<CChar>?
    let multiInit: @convention(c) () -> Handle?
    let multiCleanup: @convention(c) (Handle?) -> CURLMcode
    let multiAddHandle: @convention(c) (Handle?, Handle?) -> CURLMcode
    let multiRemoveHandle: @convention(c) (Handle?, Handle?) -> CURLMcode
    let multiPerform: @convention(c) (Handle?, UnsafeMutablePointer<Int32>?) -> CURLMcode
    let multiPoll: @convention(c) (Handle?, UnsafeMutablePointer<curl_waitfd>?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> CURLMcode
    let multiWakeup: @convention(c) (Handle?) -> CURLMcode
    let multiInfoRead: @convention(c) (Handle?, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<CURLMsg>?
    let slistAppend: @convention(c) (UnsafeMutablePointer<curl_slist>?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<curl_slist>?
    let slistFreeAll: @convention(c) (UnsafeMutablePointer<curl_slist>?) -> Void

    /// Why libcurl could not be used.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The library, opened and initialised once per process (Swift runs a static's initialiser once,
    /// thread-safely, as `curl_global_init` requires).
    static let shared: Result<CurlLibrary, Unavailable> = open()

    private static func open() -> Result<CurlLibrary, Unavailable> {
        #if os(macOS)
            let names = ["libcurl.4.dylib", "/usr/lib/libcurl.4.dylib"]
        #else
            let names = ["libcurl.so.4", "libcurl-gnutls.so.4"]
        #endif
        guard let library = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(
                Unavailable(description: "record and live mode need libcurl, which is not installed (Debian: apt-get install libcurl4)"))
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(Unavailable) -> T {
            guard let address = dlsym(library, name) else {
                throw Unavailable(description: "libcurl has no \(name); it must be 7.68 or later")
            }
            return unsafeBitCast(address, to: type)
        }
        do {
            let globalInit = try symbol("curl_global_init", as: (@convention(c) (Int) -> CURLcode).self)
            guard globalInit(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else {
                return .failure(Unavailable(description: "libcurl could not be initialised"))
            }
            guard let setopt = dlsym(library, "curl_easy_setopt") else {
                return .failure(Unavailable(description: "libcurl has no curl_easy_setopt"))
            }
            return .success(
                CurlLibrary(
                    setopt: setopt,
                    easyInit: try symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
                    easyCleanup: try symbol("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self),
                    easyStrerror: try symbol("curl_easy_strerror", as: (@convention(c) (CURLcode) -> UnsafePointer<CChar>?).self),
                    multiInit: try symbol("curl_multi_init", as: (@convention(c) () -> Handle?).self),
                    multiCleanup: try symbol("curl_multi_cleanup", as: (@convention(c) (Handle?) -> CURLMcode).self),
                    multiAddHandle: try symbol("curl_multi_add_handle", as: (@convention(c) (Handle?, Handle?) -> CURLMcode).self),
                    multiRemoveHandle: try symbol("curl_multi_remove_handle", as: (@convention(c) (Handle?, Handle?) -> CURLMcode).self),
                    multiPerform: try symbol(
                        "curl_multi_perform", as: (@convention(c) (Handle?, UnsafeMutablePointer<Int32>?) -> CURLMcode).self),
                    multiPoll: try symbol(
                        "curl_multi_poll",
                        as: (@convention(c) (Handle?, UnsafeMutablePointer<curl_waitfd>?, UInt32, Int32, UnsafeMutablePointer<Int32>?) ->
                            CURLMcode)
                            .self),
                    multiWakeup: try symbol("curl_multi_wakeup", as: (@convention(c) (Handle?) -> CURLMcode).self),
                    multiInfoRead: try symbol(
                        "curl_multi_info_read",
                        as: (@convention(c) (Handle?, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<CURLMsg>?).self),
                    slistAppend: try symbol(
                        "curl_slist_append",
                        as: (@convention(c) (UnsafeMutablePointer<curl_slist>?, UnsafePointer<CChar>?) -> UnsafeMutablePointer<curl_slist>?)
                            .self),
                    slistFreeAll: try symbol("curl_slist_free_all", as: (@convention(c) (UnsafeMutablePointer<curl_slist>?) -> Void).self)))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Options

    func set(_ handle: Handle, _ option: CURLoption, _ value: Int) {
        _ = notes_curl_set_long(setopt, handle, option, value)
    }

    func set(_ handle: Handle, _ option: CURLoption, offset value: Int) {
        _ = notes_curl_set_offset(setopt, handle, option, curl_off_t(value))
    }

    func set(_ handle: Handle, _ option: CURLoption, _ value: UnsafeRawPointer?) {
        _ = notes_curl_set_pointer(setopt, handle, option, value)
    }

    /// A string option; libcurl copies strings, so `value` need not outlive the call.
    func set(_ handle: Handle, _ option: CURLoption, string value: String) {
        _ = value.withCString { notes_curl_set_pointer(setopt, handle, option, $0) }
    }

    func set(_ handle: Handle, _ option: CURLoption, callback: notes_curl_data_callback) {
        _ = notes_curl_set_data_callback(setopt, handle, option, callback)
    }

    func set(_ handle: Handle, socketCallback: notes_curl_socket_callback) {
        _ = notes_curl_set_socket_callback(setopt, handle, socketCallback)
    }
}
