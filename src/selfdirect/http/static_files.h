// StaticFiles: serves the built front end (web/dist) safely.
//
// Only regular files under the root are served; "/" serves index.html and "/sign-in" serves
// sign-in.html; directories are not listed; symbolic links that lead outside the root are refused.
// Hashed files under /assets/ are cached for a year (their names change when their content does);
// everything else is revalidated on each use (ETag / If-None-Match → 304).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "selfdirect/http/message.h"

namespace selfdirect::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);

  // A response for a safe, percent-decoded path, or nullopt when no such file exists.
  // The caller has already refused "..", "." and NUL in the path.
  std::optional<Response> Serve(const std::string& path, const Request& request) const;

  // The body of <root>/<name> (e.g. "404.html"), or nullopt.
  std::optional<std::string> ReadPage(const std::string& name) const;

  bool available() const { return !root_.empty(); }

 private:
  std::filesystem::path root_;  // canonical; empty when the folder does not exist
};

// The Content-Type for a file name, by its extension ("application/octet-stream" otherwise).
std::string ContentTypeFor(const std::string& filename);

}  // namespace selfdirect::http
