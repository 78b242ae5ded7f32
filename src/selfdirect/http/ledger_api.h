// The ledger API (ledger_api.cc): opening accounts, recording a transfer (idempotent on its id),
// reading an account's balance and its transfers. Finance officers only, for now.
//
//   RegisterLedgerApi(service.mutable_router(), ledger);
#pragma once

#include "selfdirect/app/ledger.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterLedgerApi(Router& router, app::Ledger& ledger);

}  // namespace selfdirect::http
