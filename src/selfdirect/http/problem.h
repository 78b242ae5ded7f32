// Problem details (RFC 9457): every error the API returns is application/problem+json with
// type, title, status, detail and, for validation errors, errors: [{field, message}].
//
//   return Problem(404, "not-found", "Not found", "There is no council with that identifier");
//   return ProblemFromError(result.error());   // maps ErrorCode to a status
#pragma once

#include <string>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/http/message.h"

namespace selfdirect::http {

// type becomes "https://selfdirect.dev/problems/<slug>"… but as a relative URI reference,
// "/problems/<slug>", so that it resolves to this server's own documentation of the problem.
Response Problem(int status, const std::string& slug, const std::string& title,
                 const std::string& detail, const std::vector<FieldError>& fields = {});

// The status for an ErrorCode: invalid-argument 400 (422 when fields are named), not-found 404,
// conflict 409, failed-precondition 409, overflow 422, permission-denied 403, unavailable 503,
// internal 500. An internal error's message is never sent: it is for the log only.
Response ProblemFromError(const Error& error);

}  // namespace selfdirect::http
