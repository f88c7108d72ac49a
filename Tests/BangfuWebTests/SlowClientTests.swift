import BangfuWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A client that opens a connection and stops — in the middle of a request's head, in the
/// middle of its body, or between requests — is cut off after `WebSettings.idleTimeout`
/// (one second here), on a real server over a real socket: it cannot hold the server's
/// sockets (a slow-loris attack, or a laptop whose lid closed mid-upload).
struct SlowClientTests {
    let api = APITests()

    /// What the server sent on a connection that sent `request` and then nothing, until it
    /// closed the connection, and how long that took; nil when it was still open after
    /// `patience` seconds.
    func answer(port: Int, after request: String, patience: Int = 10) async throws -> (bytes: [UInt8], seconds: Double)? {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try RawConnection.exchange(port: port, send: request, patience: patience) })
            }
        }
    }

    func server() throws -> some ApplicationProtocol {
        buildApplication(store: try api.store(), host: "127.0.0.1", port: 0, settings: WebSettings(idleTimeout: 1))
    }

    @Test func aRequestHeadThatNeverEndsIsClosedWithoutAnAnswer() async throws {
        try await server().test(.live) { client in
            let port = try #require(client.port)
            let closed = try #require(try await answer(port: port, after: "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: "))
            #expect(closed.bytes.isEmpty)
            #expect(closed.seconds < 5)
        }
    }

    @Test func aBodyThatStopsHalfwayIsClosed() async throws {
        try await server().test(.live) { client in
            let port = try #require(client.port)
            let request = "POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"login\": "
            let closed = try #require(try await answer(port: port, after: request))
            #expect(closed.seconds < 5)
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosedAfterItsAnswer() async throws {
        try await server().test(.live) { client in
            let port = try #require(client.port)
            let closed = try #require(try await answer(port: port, after: "GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n"))
            let text = String(decoding: closed.bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(text.prefix(200))")
            #expect(closed.seconds < 5)
        }
    }
}

/// One TCP connection to 127.0.0.1 by plain sockets, so that a test can send part of a
/// request, which an HTTP client library never does.
enum RawConnection {
    struct Failure: Error { let step: String }

    static func exchange(port: Int, send request: String, patience: Int) throws -> (bytes: [UInt8], seconds: Double)? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(step: "socket") }
        defer { Glibc.close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(step: "connect") }
        var wait = timeval(tv_sec: patience, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else { throw Failure(step: "send") }
        let started = ContinuousClock.now
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.recv(socket, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                let elapsed = ContinuousClock.now - started
                return (received, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } else {
                return nil  // still open after `patience`: the receive timed out
            }
        }
    }
}
