// The payments API (payments_api.cc): where each person's money is paid, the approval
// threshold, and payment runs (preview, start, approve, reject, release, the payment file).
// The contract the finance pages use.
//
//   RegisterPaymentsApi(service.mutable_router(), payments);
#pragma once

#include "selfdirect/app/payments.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterPaymentsApi(Router& router, app::Payments& payments);

}  // namespace selfdirect::http
