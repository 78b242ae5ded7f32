// Server: the HTTP/1.1 socket adapter (Boost.Beast, C++20 coroutines). The only file that
// knows Beast; it turns bytes into Request values, calls HttpService::Handle, and writes the
// Response back.
//
// Limits: a bounded request body (1 MiB by default; larger is 413), bounded headers (431),
// read, write and keep-alive idle timeouts, and request bodies with a Content-Encoding refused
// (415) before they are read. Shutdown is graceful: the listener closes, idle connections are
// closed, requests in flight finish, then Wait() returns.
//
//   Server server(service, {.host = "127.0.0.1", .port = 8080});
//   auto port = server.Start();      // Result<unsigned short>: the bound port (0 → any free)
//   server.Shutdown();               // from any thread, e.g. on SIGTERM
//   server.Wait();
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "selfdirect/core/result.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {

// Requests handled at once when ServerOptions::handler_threads is 0. A database opened for
// the server wants as many reader connections, so that no handler waits for one.
inline constexpr int kDefaultHandlerThreads = 16;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 0;  // 0: one per core
  // Requests are handled on a pool of their own, so that the io threads keep serving while a
  // request waits for the database, and concurrent ledger transfers share commits (group
  // commit, app::Ledger). 0: kDefaultHandlerThreads.
  int handler_threads = 0;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;  // 1 MiB
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  std::chrono::milliseconds read_timeout{30'000};  // to receive a whole request once begun
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive: wait for the next request
  std::chrono::milliseconds shutdown_grace{20'000};  // longest wait for in-flight requests
  // HTTPS for small deployments: PEM files. Both empty: plain HTTP (e.g. behind a proxy).
  std::string tls_certificate{};
  std::string tls_private_key{};
};

class Server {
 public:
  Server(HttpService& service, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the worker threads. Returns the bound port.
  Result<unsigned short> Start();

  // Begins a graceful shutdown. Safe to call from any thread, and more than once.
  void Shutdown();

  // Blocks until every worker thread has finished.
  void Wait();

  // From now on, SIGINT and SIGTERM begin a graceful shutdown instead of killing the process.
  // Call before announcing the server, so that a signal sent straight away is not lost.
  void CatchSignals();

  // Blocks until SIGINT or SIGTERM arrives, then shuts down gracefully and waits.
  void RunUntilSignalled();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace selfdirect::http
