// The OpenAPI 3.1 document describing every /api route, served at GET /api/openapi.json.
//
// Its source is src/selfdirect/http/openapi.json, embedded in the binary at build time
// (cmake/embed_text.cmake), so the server needs no file beside it. openapi_test.cc fails when a
// registered route is missing from it or it lists a route that is not registered: add a route,
// add it there too.
#pragma once

#include <string_view>

namespace selfdirect::http {

// The document's JSON text, exactly as in openapi.json.
std::string_view OpenApiDocument();

}  // namespace selfdirect::http
