// Where a support plan meets the council's directory: the items that name a directory service
// (chosen in the marketplace), the kind of support each item is, and whether the scheme's
// approved list allows each item. Used by the plan use cases (app/casework.cc) inside their
// transaction.
//
//   auto kinds = CheckServiceTypes(request);            // before the transaction
//   CompleteFromDirectory(tx, council, plan.content);   // inside it
//   auto approvals = ApprovalsOf(tx, council, plan.content);
#pragma once

#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/services.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The problems with the items' kinds of support ("items[2].service_type": not one of the
// market's service types), without the directory. Empty when every kind is "" or a type.
std::vector<FieldError> CheckServiceTypes(const casework::PlanRequest& request);

// Completes each item that names a directory service: the supplier becomes the service's
// provider (named as the directory names it when the item gives no name) and the kind of
// support the service's type. kInvalidArgument naming "items[N].service_id" when the council's
// directory has no such service (taken away since it was chosen).
Status CompleteFromDirectory(store::Transaction& tx, const CouncilId& council,
                             casework::PlanContent& content);

// Whether the scheme's approved list allows each item, in the items' order (market::
// CheckPlanItem): every item allowed when the scheme does not restrict purchases. The second
// part says whether the scheme restricts.
struct PlanApprovals {
  bool required = false;
  std::vector<market::ItemApproval> items;
};
Result<PlanApprovals> ApprovalsOf(store::Transaction& tx, const CouncilId& council,
                                  const casework::PlanContent& content);

}  // namespace selfdirect::app
