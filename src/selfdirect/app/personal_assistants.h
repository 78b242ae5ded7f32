// Personal assistants: a budget holder's PAs and their employer's duties checklist, and the
// council's PA workforce in aggregate for commissioners. The rules (what a PA record needs, the
// minimum wage, what needs attention) are the domain's (casework/personal_assistants.h); every
// change is stored in the same transaction as its audit entry, and every read of a person's PAs
// is audited against the person.
//
//   app::PersonalAssistants pas(store, clock, ids);
//   auto view = pas.Add(ctx, person, {.name = "Sam Patel", .hourly_rate = "12.71", ...});
//   for (const auto& a : view->attention) show(a.message);  // a rate below the minimum wage…
//   auto workforce = pas.Workforce(commissioner_ctx);        // counts and bands, no names
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/casework/personal_assistants.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The smallest count the workforce figures show; smaller counts are suppressed.
inline constexpr int kWorkforceSmallestCount = 5;

// One employer as their PAs page shows them.
struct EmployerView {
  PersonId person;
  std::string person_name;
  Date today;
  std::vector<casework::PersonalAssistant> assistants;    // current first
  casework::EmployerDuties duties;                        // revision 0: never filled in
  casework::EmployerRules rules;                          // the scheme's
  std::optional<casework::MinimumWageRate> minimum_wage;  // in force today
  std::vector<casework::Attention> attention;             // what needs doing, urgent first
};

class PersonalAssistants {
 public:
  PersonalAssistants(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // The person's PAs, checklist and what needs attention today (the person, anyone they granted
  // access, their social worker); the read is audited.
  Result<EmployerView> Of(const Context& ctx, const PersonId& person);

  // Records a PA for the person (the person, a manage-money or write-plan grant, their social
  // worker). A rate below the minimum wage is accepted and shows in the view's attention list.
  Result<EmployerView> Add(const Context& ctx, const PersonId& person,
                           const casework::PersonalAssistantRequest& request);

  // Changes a PA's details; `revision` is the PA's revision the caller read (kConflict when
  // someone changed it since). A PA who has left cannot be changed.
  Result<EmployerView> Update(const Context& ctx, const PersonId& person,
                              const casework::PersonalAssistantId& assistant,
                              const casework::PersonalAssistantRequest& request,
                              std::int64_t revision);

  // Records the last day a PA works for the person.
  Result<EmployerView> End(const Context& ctx, const PersonId& person,
                           const casework::PersonalAssistantId& assistant,
                           const std::string& ends_on, std::int64_t revision);

  // Replaces the employer's checklist; `revision` is the checklist's revision read (0 the first
  // time).
  Result<EmployerView> SaveDuties(const Context& ctx, const PersonId& person,
                                  const casework::EmployerDutiesRequest& request,
                                  std::int64_t revision);

  // The council's PAs employed today, counted (commissioners). No names leave the store's rows.
  Result<casework::Workforce> Workforce(const Context& ctx);

 private:
  using Change = std::function<Status(store::Transaction&, std::string& summary)>;
  // Authorizes kPersonalAssistantsManage, runs `change` and its audit entry in one transaction,
  // then returns the fresh view.
  Result<EmployerView> Mutate(const Context& ctx, const PersonId& person, const char* action,
                              const Change& change);
  Result<EmployerView> Load(store::Transaction& tx, const CouncilId& council,
                            const PersonId& person);
  Result<casework::PersonalAssistant> FindOwn(store::Transaction& tx, const CouncilId& council,
                                              const PersonId& person,
                                              const casework::PersonalAssistantId& id);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
