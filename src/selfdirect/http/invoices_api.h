// The provider invoices API (invoices_api.cc; docs/invoices.md): record one invoice (JSON), a
// CSV file of them (the body is the file, text/csv), the finance officer's list with the held
// ones first, one invoice, approve or reject a held one with a reason, and the accounts-payable
// exports and their files.
//
//   RegisterInvoicesApi(service.mutable_router(), invoices);
#pragma once

#include "selfdirect/app/invoices.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterInvoicesApi(Router& router, app::Invoices& invoices);

}  // namespace selfdirect::http
