// The socket layer, over real loopback connections: limits, keep-alive, encoded bodies and
// graceful shutdown.
#include "selfdirect/http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}) {
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<Server>(*service_, options);
    auto port = server_->Start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
  }

  tcp::socket Connect() {
    tcp::socket socket(io_);
    socket.connect({net::ip::make_address("127.0.0.1"), port_});
    return socket;
  }

  // Sends raw bytes and reads one response.
  bhttp::response<bhttp::string_body> RoundTrip(tcp::socket& socket, const std::string& raw) {
    net::write(socket, net::buffer(raw));
    return ReadResponse(socket);
  }

  bhttp::response<bhttp::string_body> ReadResponse(tcp::socket& socket) {
    bhttp::response<bhttp::string_body> response;
    beast::error_code ec;
    bhttp::read(socket, buffer_, response, ec);
    EXPECT_FALSE(ec) << ec.message();
    return response;
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  net::io_context io_;
  beast::flat_buffer buffer_;
};

TEST_F(ServerTest, ServesHealthzAndKeepsTheConnectionAlive) {
  StartServer();
  auto socket = Connect();
  for (int i = 0; i < 3; ++i) {
    auto r = RoundTrip(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_THAT(r.body(), HasSubstr("ok"));
    EXPECT_TRUE(r.keep_alive());
  }
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
  StartServer();
  auto socket = Connect();
  net::write(socket, net::buffer(std::string("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(true);  // a response to HEAD has no body
  bhttp::read(socket, buffer_, parser);
  EXPECT_EQ(parser.get().result_int(), 200);
  EXPECT_EQ(parser.get()[bhttp::field::content_length], "15");
  EXPECT_TRUE(parser.get().body().empty());
}

TEST_F(ServerTest, ABodyOverTheLimitIs413AndTheServerKeepsServing) {
  StartServer({.max_body_bytes = 1024 * 1024});
  {
    auto socket = Connect();
    const std::string body(2 * 1024 * 1024, 'x');
    net::write(socket, net::buffer("POST /api/councils HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n"));
    auto r = ReadResponse(socket);
    EXPECT_EQ(r.result_int(), 413);
    EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
    EXPECT_FALSE(r.keep_alive());
  }
  auto socket = Connect();
  EXPECT_EQ(RoundTrip(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int(), 200);
}

TEST_F(ServerTest, AChunkedBodyOverTheLimitIs413) {
  StartServer({.max_body_bytes = 1024});
  auto socket = Connect();
  std::string raw =
      "POST /api/councils HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) raw += "200\r\n" + std::string(512, 'x') + "\r\n";
  raw += "0\r\n\r\n";
  EXPECT_EQ(RoundTrip(socket, raw).result_int(), 413);
}

TEST_F(ServerTest, GzipEncodedBodiesAreRefusedBeforeTheBodyIsRead) {
  StartServer();
  auto socket = Connect();
  auto r = RoundTrip(socket,
                     "POST /api/councils HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00");
  EXPECT_EQ(r.result_int(), 415);
  EXPECT_THAT(r.body(), HasSubstr("Content-Encoding"));
}

TEST_F(ServerTest, MalformedHttpIs400) {
  StartServer();
  auto socket = Connect();
  auto r = RoundTrip(socket, "GARBAGE\r\n\r\n");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  StartServer({.max_header_bytes = 1024});
  auto socket = Connect();
  auto r = RoundTrip(
      socket, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n");
  EXPECT_EQ(r.result_int(), 431);
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
  StartServer();
  auto socket = Connect();
  const std::string body = R"({"email":"nobody@x.example","password":"wrong"})";
  net::write(socket, net::buffer("POST /api/session HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                                 "Content-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n"));
  bhttp::response<bhttp::empty_body> interim;
  bhttp::response_parser<bhttp::empty_body> interim_parser;
  bhttp::read_header(socket, buffer_, interim_parser);
  EXPECT_EQ(interim_parser.get().result_int(), 100);
  net::write(socket, net::buffer(body));
  EXPECT_EQ(ReadResponse(socket).result_int(), 401);  // read and answered: no such user
}

TEST_F(ServerTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
  StartServer({.idle_timeout = std::chrono::milliseconds(200)});
  auto socket = Connect();
  char byte;
  beast::error_code ec;
  socket.read_some(net::buffer(&byte, 1), ec);  // blocks until the server closes
  EXPECT_EQ(ec, net::error::eof);
}

TEST_F(ServerTest, ShutdownClosesIdleConnectionsAndReturns) {
  StartServer();
  auto idle = Connect();
  EXPECT_EQ(RoundTrip(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").result_int(), 200);
  const auto started = std::chrono::steady_clock::now();
  server_->Shutdown();
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  char byte;
  beast::error_code ec;
  idle.read_some(net::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);  // closed
  tcp::socket late(io_);
  late.connect({net::ip::make_address("127.0.0.1"), port_}, ec);
  EXPECT_TRUE(ec) << "the listener is closed";
}

TEST_F(ServerTest, ServesHttpsWithTheGivenCertificateAndSendsHsts) {
  const std::string key = t_.dir().File("key.pem");
  const std::string cert = t_.dir().File("cert.pem");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                         "-keyout " +
                         key + " -out " + cert + " 2>/dev/null")
                            .c_str()),
            0);
  service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                           metrics_, ServiceOptions{.tls = true});
  server_ = std::make_unique<Server>(*service_, ServerOptions{.host = "127.0.0.1",
                                                              .port = 0,
                                                              .threads = 2,
                                                              .tls_certificate = cert,
                                                              .tls_private_key = key});
  auto port = server_->Start();
  ASSERT_TRUE(port) << port.error().message;
  port_ = *port;

  net::ssl::context client(net::ssl::context::tls_client);
  client.set_verify_mode(net::ssl::verify_none);
  beast::ssl_stream<beast::tcp_stream> stream(io_, client);
  beast::get_lowest_layer(stream).connect({net::ip::make_address("127.0.0.1"), *port});
  stream.handshake(net::ssl::stream_base::client);
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, "/healthz", 11};
  request.set(bhttp::field::host, "localhost");
  bhttp::write(stream, request);
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer_, response);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_THAT(std::string(response[bhttp::field::strict_transport_security]),
              HasSubstr("max-age="));

  // Plain HTTP to the HTTPS port gets nowhere, and the server keeps serving.
  auto plain = Connect();
  net::write(plain, net::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
  char byte;
  beast::error_code ec;
  plain.read_some(net::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);
}

TEST_F(ServerTest, RefusesToStartWithAMissingCertificate) {
  service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                           metrics_, ServiceOptions{});
  Server server(*service_, {.host = "127.0.0.1",
                            .port = 0,
                            .tls_certificate = "/nonexistent.pem",
                            .tls_private_key = "/nonexistent.key"});
  auto port = server.Start();
  ASSERT_FALSE(port);
  EXPECT_THAT(port.error().message, HasSubstr("certificate"));
}

TEST_F(ServerTest, ShutdownLetsAnInFlightRequestFinish) {
  service_ = nullptr;
  StartServer();
  std::atomic<bool> entered{false};
  service_->mutable_router().Add("GET", "/api/slow", "test.slow", Action::kPublic,
                                 [&entered](const Request&, const PathParams&) {
                                   entered = true;
                                   std::this_thread::sleep_for(std::chrono::milliseconds(300));
                                   Response r;
                                   r.body = "finished";
                                   return r;
                                 });
  auto socket = Connect();
  net::write(socket, net::buffer(std::string("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\n")));
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::thread stopper([this] { server_->Shutdown(); });
  auto r = ReadResponse(socket);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "finished");
  EXPECT_FALSE(r.keep_alive());
  stopper.join();
  server_->Wait();
}

// Requests wait for the database on the handler pool, not on the io threads: more requests are
// handled at once than there are io threads (2 here). Each handler waits until all four are in,
// so handling them one or two at a time would leave them waiting out the deadline.
TEST_F(ServerTest, HandlesMoreRequestsAtOnceThanItHasIoThreads) {
  service_ = nullptr;
  StartServer();
  constexpr int kAtOnce = 4;
  std::mutex mu;
  std::condition_variable all_in;
  int inside = 0;
  service_->mutable_router().Add("GET", "/api/together", "test.together", Action::kPublic,
                                 [&](const Request&, const PathParams&) {
                                   std::unique_lock lock(mu);
                                   ++inside;
                                   all_in.notify_all();
                                   const bool met =
                                       all_in.wait_for(lock, std::chrono::seconds(30),
                                                       [&] { return inside >= kAtOnce; });
                                   Response r;
                                   r.body = met ? "together" : "alone";
                                   return r;
                                 });
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < kAtOnce; ++i) {
    sockets.push_back(Connect());
    net::write(sockets.back(),
               net::buffer(std::string("GET /api/together HTTP/1.1\r\nHost: x\r\n\r\n")));
  }
  for (tcp::socket& socket : sockets) {
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> r;
    beast::error_code ec;
    bhttp::read(socket, buffer, r, ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(r.body(), "together");
  }
}

}  // namespace
}  // namespace selfdirect::http
