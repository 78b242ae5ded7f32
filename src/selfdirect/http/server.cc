#include "selfdirect/http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;
constexpr auto kTuple = net::experimental::as_tuple(net::use_awaitable);

namespace {

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One open connection, shared between its coroutine and the shutdown sweep. Stream is a plain
// TCP stream or a TLS stream over one.
template <typename Stream>
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  Connection(tcp::socket socket, net::ssl::context& tls) : stream(std::move(socket), tls) {}
  Stream stream;
  bool busy = false;  // a request is being read or handled; touched only on the strand

  beast::tcp_stream& transport() { return beast::get_lowest_layer(stream); }
};

bhttp::response<bhttp::string_body> ToBeast(const Response& r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "selfdirect");
  if (!r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  if (r.head_only) {
    out.content_length(r.body.size());
  } else {
    out.body() = r.body;
    out.prepare_payload();
  }
  return out;
}

}  // namespace

struct Server::Impl {
  Impl(HttpService& s, ServerOptions o) : service(s), options(std::move(o)), io(Threads()) {}

  int Threads() const {
    if (options.threads > 0) return options.threads;
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 2 : static_cast<int>(n);
  }

  awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor->async_accept(net::make_strand(io), kTuple);
      if (ec) {
        if (stopping.load() || ec == net::error::operation_aborted) co_return;
        continue;  // e.g. too many open files: keep serving those already connected
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // responses go out whole; no Nagle wait
      if (tls) {
        Launch(std::make_shared<Connection<TlsStream>>(std::move(socket), *tls));
      } else {
        Launch(std::make_shared<Connection<PlainStream>>(std::move(socket)));
      }
    }
  }

  // Registers a connection for the shutdown sweep and starts serving it on its own strand.
  template <typename Stream>
  void Launch(std::shared_ptr<Connection<Stream>> connection) {
    const std::uint64_t id = next_id++;
    {
      std::lock_guard lock(mu);
      connections.emplace(id, [connection] {
        // On the connection's strand: close it if idle; a busy one closes after its response.
        net::post(connection->transport().get_executor(), [connection] {
          if (!connection->busy) connection->transport().cancel();
        });
      });
    }
    net::co_spawn(connection->transport().get_executor(), Serve(connection, id), net::detached);
  }

  template <typename Stream>
  awaitable<void> Write(Connection<Stream>& c, const Response& r, unsigned version, bool keep_alive,
                        bool* ok) {
    auto message = ToBeast(r, version, keep_alive);
    c.transport().expires_after(options.write_timeout);
    beast::error_code ec;
    if (r.head_only) {
      bhttp::response_serializer<bhttp::string_body> serializer(message);
      std::tie(ec, std::ignore) = co_await bhttp::async_write_header(c.stream, serializer, kTuple);
    } else {
      std::tie(ec, std::ignore) = co_await bhttp::async_write(c.stream, message, kTuple);
    }
    *ok = !ec;
  }

  template <typename Stream>
  awaitable<void> Serve(std::shared_ptr<Connection<Stream>> c, std::uint64_t id) {
    beast::flat_buffer buffer;
    bool keep_going = true;
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      c->transport().expires_after(options.read_timeout);
      auto [hec] = co_await c->stream.async_handshake(net::ssl::stream_base::server, kTuple);
      if (hec) keep_going = false;  // not TLS, or a failed handshake: just close
    }
    while (keep_going && !stopping.load()) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      parser.body_limit(options.max_body_bytes);

      // Wait for the next request (idle), then give it read_timeout to arrive in full.
      c->transport().expires_after(buffer.size() > 0 ? options.read_timeout : options.idle_timeout);
      auto [ec, n] = co_await bhttp::async_read_header(c->stream, buffer, parser, kTuple);
      c->busy = true;
      std::optional<Response> early;
      if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
          ec == beast::error::timeout || ec == net::error::eof ||
          ec == net::error::connection_reset) {
        break;
      } else if (ec == bhttp::error::header_limit) {
        early = Problem(431, "headers-too-large", "The request headers are too large",
                        "Send fewer or shorter headers");
      } else if (ec == bhttp::error::body_limit) {
        early = Problem(413, "body-too-large", "The request body is too large",
                        "Send at most " + std::to_string(options.max_body_bytes / 1024) + " KiB");
      } else if (ec) {
        early = Problem(400, "malformed-request", "The request could not be read",
                        "The request is not valid HTTP/1.1");
      }
      if (!early) {
        const auto& header = parser.get();
        if (header.count(bhttp::field::content_encoding) > 0 &&
            header[bhttp::field::content_encoding] != "identity") {
          early = Problem(415, "content-encoding", "Compressed request bodies are not accepted",
                          "Send the body without a Content-Encoding");
        }
      }
      if (!early && parser.get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, parser.get().version()};
        c->transport().expires_after(options.write_timeout);
        auto [wec, wn] = co_await bhttp::async_write(c->stream, cont, kTuple);
        if (wec) break;
      }
      if (!early) {
        c->transport().expires_after(options.read_timeout);
        auto [bec, bn] = co_await bhttp::async_read(c->stream, buffer, parser, kTuple);
        if (bec == bhttp::error::body_limit) {
          early = Problem(413, "body-too-large", "The request body is too large",
                          "Send at most " + std::to_string(options.max_body_bytes / 1024) + " KiB");
        } else if (bec == beast::error::timeout || bec == net::error::operation_aborted ||
                   bec == net::error::eof || bec == bhttp::error::end_of_stream ||
                   bec == net::error::connection_reset) {
          break;
        } else if (bec) {
          early = Problem(400, "malformed-request", "The request could not be read",
                          "The request is not valid HTTP/1.1");
        }
      }

      const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
      Response response;
      bool keep_alive = false;
      if (early) {
        // The rest of the stream cannot be trusted: answer, then close.
        Request request;
        if (parser.is_header_done()) {
          request.method = std::string(parser.get().method_string());
          request.target = std::string(parser.get().target());
        }
        request.remote_address = Remote(*c);
        response = service.Refuse(request, std::move(*early));
      } else {
        auto message = parser.release();
        Request request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        for (const auto& field : message) {
          request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
        }
        request.body = std::move(message.body());
        request.remote_address = Remote(*c);
        // Handled on the handler pool, so that this io thread serves other connections while
        // the request waits for the database; back on the connection's strand afterwards.
        // (co_spawn, not `co_await post(pool)`: a coroutine resumes on its own executor, so a
        // post to the pool would hand the work straight back to the io thread, and at most
        // one request per io thread would be handled at a time.)
        response = co_await net::co_spawn(
            handlers->get_executor(),
            [&]() -> awaitable<Response> { co_return service.Handle(request); },
            net::use_awaitable);
        co_await net::post(c->transport().get_executor(), net::use_awaitable);
        // Decided after handling, so a shutdown that began meanwhile closes the connection.
        keep_alive = message.keep_alive() && !stopping.load();
      }
      bool ok = false;
      co_await Write(*c, response, version, keep_alive, &ok);
      c->busy = false;
      keep_going = ok && keep_alive;
    }
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      c->transport().expires_after(std::chrono::seconds(2));
      auto [sec] = co_await c->stream.async_shutdown(kTuple);  // close_notify; best effort
      (void)sec;
    }
    beast::error_code ignored;
    c->transport().socket().shutdown(tcp::socket::shutdown_both, ignored);
    c->transport().close();
    Forget(id);
  }

  template <typename Stream>
  std::string Remote(Connection<Stream>& c) {
    beast::error_code ec;
    auto endpoint = c.transport().socket().remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
  }

  void Forget(std::uint64_t id) {
    bool last = false;
    {
      std::lock_guard lock(mu);
      connections.erase(id);
      last = connections.empty();
    }
    if (last && stopping.load()) net::post(control, [this] { drained->cancel(); });
  }

  // Runs on the control strand, which owns the acceptor and both timers.
  void BeginShutdown() {
    if (stopping.exchange(true)) return;
    net::post(control, [this] {
      beast::error_code ignored;
      acceptor->close(ignored);
      backstop->expires_after(options.shutdown_grace);
      backstop->async_wait([this](beast::error_code ec) {
        if (!ec) io.stop();  // in-flight requests took longer than the grace period
      });
      std::vector<std::function<void()>> closers;
      {
        std::lock_guard lock(mu);
        for (auto& [id, close_if_idle] : connections) closers.push_back(close_if_idle);
      }
      if (closers.empty()) {
        drained->cancel();
        return;
      }
      for (auto& close_if_idle : closers) close_if_idle();
    });
  }

  HttpService& service;
  ServerOptions options;
  net::io_context io;
  net::strand<net::io_context::executor_type> control{net::make_strand(io)};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> drained;   // fires when the last connection closes
  std::unique_ptr<net::steady_timer> backstop;  // fires when the grace period runs out
  std::vector<std::thread> workers;
  std::unique_ptr<net::thread_pool> handlers;  // runs HttpService::Handle
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> next_id{1};
  std::mutex mu;
  std::unordered_map<std::uint64_t, std::function<void()>> connections;  // id → close if idle
  std::unique_ptr<net::ssl::context> tls;                                // set when serving HTTPS
  net::io_context signals_io;  // only for SIGINT/SIGTERM, run by RunUntilSignalled
  std::unique_ptr<net::signal_set> signals;
};

Server::Server(HttpService& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

Server::~Server() {
  Shutdown();
  Wait();
}

Result<unsigned short> Server::Start() {
  auto& d = *impl_;
  beast::error_code ec;
  const auto address = net::ip::make_address(d.options.host, ec);
  if (ec)
    return Fail(ErrorCode::kInvalidArgument, "Cannot listen on host '" + d.options.host + "'");
  const tcp::endpoint endpoint{address, d.options.port};
  d.acceptor = std::make_unique<tcp::acceptor>(d.control);
  d.acceptor->open(endpoint.protocol(), ec);
  if (!ec) d.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) d.acceptor->bind(endpoint, ec);
  if (!ec) d.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable, "Cannot listen on " + d.options.host + ":" +
                                             std::to_string(d.options.port) + ": " + ec.message());
  }
  if (!d.options.tls_certificate.empty() || !d.options.tls_private_key.empty()) {
    if (d.options.tls_certificate.empty() || d.options.tls_private_key.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "To serve HTTPS give both a certificate chain and a private key file");
    }
    auto tls = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                     net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                     net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
    tls->use_certificate_chain_file(d.options.tls_certificate, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidArgument, "Cannot read the TLS certificate chain " +
                                                   d.options.tls_certificate + ": " + ec.message());
    }
    tls->use_private_key_file(d.options.tls_private_key, net::ssl::context::pem, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidArgument, "Cannot read the TLS private key " +
                                                   d.options.tls_private_key + ": " + ec.message());
    }
    d.tls = std::move(tls);
  }
  const unsigned short port = d.acceptor->local_endpoint().port();
  // `drained` keeps the io_context running until shutdown has closed every connection.
  d.drained = std::make_unique<net::steady_timer>(d.control);
  d.backstop = std::make_unique<net::steady_timer>(d.control);
  d.drained->expires_at(net::steady_timer::time_point::max());
  d.drained->async_wait([&d](beast::error_code) {
    if (d.stopping.load()) d.io.stop();
  });
  net::co_spawn(d.control, d.Accept(), net::detached);
  d.handlers = std::make_unique<net::thread_pool>(static_cast<std::size_t>(
      d.options.handler_threads > 0 ? d.options.handler_threads : kDefaultHandlerThreads));
  for (int i = 0; i < d.Threads(); ++i) d.workers.emplace_back([&d] { d.io.run(); });
  return port;
}

void Server::Shutdown() {
  if (impl_->acceptor) impl_->BeginShutdown();
}

void Server::Wait() {
  for (auto& t : impl_->workers) {
    if (t.joinable()) t.join();
  }
  impl_->workers.clear();
  if (impl_->handlers) impl_->handlers->join();
}

void Server::CatchSignals() {
  if (impl_->signals) return;
  impl_->signals = std::make_unique<net::signal_set>(impl_->signals_io, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code, int) { Shutdown(); });
}

void Server::RunUntilSignalled() {
  CatchSignals();
  impl_->signals_io.run();
  Wait();
}

}  // namespace selfdirect::http
