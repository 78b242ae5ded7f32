// Metrics: Prometheus counters and latency histograms for HTTP requests, by route.
// Rendered as Prometheus text at GET /metrics.
#pragma once

#include <memory>
#include <string>

namespace selfdirect::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();

  // Counts one request to `route` (the route's name, "static" or "unmatched").
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);

  // Prometheus text exposition format (version 0.0.4).
  std::string Render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace selfdirect::http
