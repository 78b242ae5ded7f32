// Safeguarding use cases: raising a concern about a person, the safeguarding lead's queue, and
// the lead's steps (triage, enquiry, closure). The order of the steps is the domain's
// (casework/safeguarding.h); every step is stored with who and when, in the same transaction
// as its audit entry, and every read of a concern is audited against the person it is about.
//
//   app::Safeguarding safeguarding(store, clock, ids);
//   auto raised = safeguarding.Raise(ctx, person, {.category = "financial", ...});
//   auto queue = safeguarding.Queue(lead_ctx);  // immediate risk first, then the oldest
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/casework/safeguarding.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// A concern with what the lead's pages show beside it.
struct ConcernView {
  casework::Concern concern;
  std::string person_name;  // "" when the concern is not about a person on record
};

class Safeguarding {
 public:
  Safeguarding(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Raises a concern about a person (anyone who may see their record: the person, their
  // representative, staff). Who raised it and their relationship to the person are taken from
  // the actor, not the request. A plan named must be this person's.
  Result<casework::Concern> Raise(const Context& ctx, const PersonId& person,
                                  const casework::NewConcern& request);

  // One concern (safeguarding leads); the read is audited.
  Result<ConcernView> Get(const Context& ctx, const ConcernId& concern);

  // Concerns not yet closed, immediate risk first, then the oldest (safeguarding leads).
  Result<std::vector<ConcernView>> Queue(const Context& ctx, int limit = 200);

  // The lead's steps. Each names the concern's revision it read: kConflict when someone else
  // recorded a step since; kFailedPrecondition when the step is out of order, saying what must
  // happen first; field errors for a bad form.
  Result<ConcernView> Triage(const Context& ctx, const ConcernId& concern,
                             const casework::TriageRequest& request, std::int64_t revision);
  Result<ConcernView> StartEnquiry(const Context& ctx, const ConcernId& concern,
                                   const casework::EnquiryRequest& request, std::int64_t revision);
  Result<ConcernView> Close(const Context& ctx, const ConcernId& concern,
                            const casework::ConcernClosureRequest& request, std::int64_t revision);

  // Every concern about a person, newest first (the safeguarding lead); the read is audited.
  Result<std::vector<casework::Concern>> ConcernsOf(const Context& ctx, const PersonId& person);

 private:
  using StepFn = std::function<Result<casework::Concern>(const casework::Concern&)>;
  // Authorizes the lead, loads the concern, applies `step` and stores it with its audit entry.
  Result<ConcernView> Step(const Context& ctx, const ConcernId& id, std::int64_t revision,
                           const char* action, const std::string& summary, const StepFn& step);
  Result<ConcernView> ViewOf(store::Transaction& tx, casework::Concern concern);
  Status AuditRead(const Context& ctx, const casework::Concern& concern);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
