// HTTP: time per request through the real server on loopback (one keep-alive connection).
// Baselines: for /healthz, a bare blocking socket loop that answers every request with the same
// canned bytes (the floor this machine's loopback and scheduler allow); for /api/councils, the
// same request handled in-process with no socket at all (the cost of the network layer).
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "bench/ratio_reporter.h"
#include "selfdirect/http/server.h"
#include "tests/support/test_app.h"

namespace selfdirect {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;

struct Fixture {
  Fixture()
      : service(t.app(), t.accounts(), t.ras(), t.casework(), metrics, {}),
        server(service, {.host = "127.0.0.1", .port = 0, .threads = 2}) {
    port = *server.Start();
    for (int i = 0; i < 50; ++i) {
      (void)t.app().CreateCouncil(
          app::Context::Operator("bench"),
          {"E0900" + std::to_string(1000 + i), "Council " + std::to_string(i)});
    }
  }
  testing::TestApp t;
  http::Metrics metrics;
  http::HttpService service;
  http::Server server;
  unsigned short port = 0;
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

void OverLoopback(benchmark::State& state, const char* target) {
  auto& f = Shared();
  net::io_context io;
  net::ip::tcp::socket socket(io);
  socket.connect({net::ip::make_address("127.0.0.1"), f.port});
  boost::beast::flat_buffer buffer;
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, target, 11};
  request.set(bhttp::field::host, "bench");
  for (auto _ : state) {
    bhttp::write(socket, request);
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    if (response.result_int() != 200) state.SkipWithError("unexpected status");
  }
  state.SetItemsProcessed(state.iterations());
}

void InProcess(benchmark::State& state, const char* target) {
  auto& f = Shared();
  for (auto _ : state) {
    http::Request request;
    request.method = "GET";
    request.target = target;
    auto response = f.service.Handle(request);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}

// A canned-response server: reads until the blank line that ends a request, writes fixed bytes.
void RawSocketFloor(benchmark::State& state) {
  net::io_context io;
  net::ip::tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  std::thread server([&acceptor] {
    auto peer = acceptor.accept();
    peer.set_option(net::ip::tcp::no_delay(true));
    const std::string canned =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
        "{\"status\":\"ok\"}";
    std::string pending;
    char buf[4096];
    boost::system::error_code ec;
    for (;;) {
      const auto n = peer.read_some(net::buffer(buf), ec);
      if (ec) return;
      pending.append(buf, n);
      std::size_t end;
      while ((end = pending.find("\r\n\r\n")) != std::string::npos) {
        pending.erase(0, end + 4);
        net::write(peer, net::buffer(canned), ec);
      }
    }
  });
  {
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    socket.set_option(net::ip::tcp::no_delay(true));
    boost::beast::flat_buffer buffer;
    bhttp::request<bhttp::empty_body> request{bhttp::verb::get, "/healthz", 11};
    request.set(bhttp::field::host, "bench");
    for (auto _ : state) {
      bhttp::write(socket, request);
      bhttp::response<bhttp::string_body> response;
      bhttp::read(socket, buffer, response);
    }
  }
  server.join();
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(OverLoopback, healthz, "/healthz")->Name("GET /healthz")->UseRealTime();
BENCHMARK(RawSocketFloor)->Name("GET /healthz/baseline")->UseRealTime();
BENCHMARK_CAPTURE(InProcess, healthz, "/healthz")->Name("GET /healthz in-process");
BENCHMARK_CAPTURE(OverLoopback, councils, "/api/councils")
    ->Name("GET /api/councils (50)")
    ->UseRealTime();
BENCHMARK_CAPTURE(InProcess, councils, "/api/councils")->Name("GET /api/councils (50)/baseline");

}  // namespace
}  // namespace selfdirect

SELFDIRECT_BENCH_MAIN()
