#include "selfdirect/http/static_files.h"

#include <fstream>
#include <sstream>

namespace selfdirect::http {
namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{64} * 1024 * 1024;

std::optional<std::string> ReadWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool Within(const std::filesystem::path& root, const std::filesystem::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  auto canonical = std::filesystem::canonical(root, ec);
  if (!ec && std::filesystem::is_directory(canonical, ec)) root_ = canonical;
}

std::string ContentTypeFor(const std::string& filename) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".jpg", "image/jpeg"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".pdf", "application/pdf"},
      {".csv", "text/csv; charset=utf-8"},
  };
  const auto ext = std::filesystem::path(filename).extension().string();
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::Serve(const std::string& path, const Request& request) const {
  if (root_.empty() || path.empty() || path.front() != '/') return std::nullopt;
  // "/" is index.html; "/sign-in" is sign-in.html (pages have clean addresses).
  std::string relative = path == "/" ? "index.html" : path.substr(1);
  if (std::filesystem::path(relative).extension().empty() && !relative.empty() &&
      relative.back() != '/') {
    relative += ".html";
  }
  std::error_code ec;
  const auto file = std::filesystem::weakly_canonical(root_ / relative, ec);
  if (ec || !Within(root_, file)) return std::nullopt;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::is_regular_file(status)) return std::nullopt;  // no listings
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  const auto mtime = std::filesystem::last_write_time(file, ec);
  const std::string etag =
      "\"" + std::to_string(size) + "-" + std::to_string(mtime.time_since_epoch().count()) + "\"";

  Response r;
  r.content_type = ContentTypeFor(file.filename().string());
  r.SetHeader("ETag", etag);
  r.SetHeader("Cache-Control",
              path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  if (request.Header("If-None-Match") == etag) {
    r.status = 304;
    return r;
  }
  auto body = ReadWhole(file);
  if (!body) return std::nullopt;
  r.body = std::move(*body);
  return r;
}

std::optional<std::string> StaticFiles::ReadPage(const std::string& name) const {
  if (root_.empty()) return std::nullopt;
  return ReadWhole(root_ / name);
}

}  // namespace selfdirect::http
