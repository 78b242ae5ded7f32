// The statement import API (statements_api.cc): a council's statement formats, importing a CSV
// statement into a holding account (the body is the file, text/csv), an account's imports, one
// import's lines, and re-categorising lines.
//
//   RegisterStatementsApi(service.mutable_router(), statements);
#pragma once

#include "selfdirect/app/statements.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterStatementsApi(Router& router, app::Statements& statements);

}  // namespace selfdirect::http
