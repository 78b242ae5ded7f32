// What every use case needs to know about the request it serves, and the helpers that put the
// one access policy and the audit log in front of every use case.
#pragma once

#include <string>

#include "selfdirect/access/policy.h"
#include "selfdirect/access/roles.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

struct Context {
  Actor actor;
  std::string request_id;      // joins the audit log to the request log
  std::string client_address;  // for sign-in throttling; never stored in the audit log

  static Context Operator(std::string what) {
    return Context{Actor::Operator(), "cli:" + std::move(what), ""};
  }
};

// Comma-separated role names, as recorded in the audit log.
std::string RoleList(const Actor& actor);

// An audit entry for this context, ready to append (seq and hashes are filled by the store).
AuditEntry MakeAuditEntry(const Context& ctx, const CouncilId& council, Timestamp at,
                          std::string action, std::string resource_type, std::string resource_id,
                          AuditOutcome outcome, std::string summary);

// Asks the policy; on a denial of a signed-in actor, records the denial in the audit log (in
// its own transaction, since the use case's will not commit) and returns the error to give.
Status Authorize(store::Store& store, const Clock& clock, const Context& ctx, Action action,
                 const Resource& resource, const std::string& resource_type,
                 const std::string& resource_id);

// How the actor stands to a person's record: the person themselves, their grants, their
// caseload. Read inside the caller's transaction.
Result<Relationship> RelationshipTo(store::Transaction& tx, const Actor& actor,
                                    const PersonId& person, Date today);

// Asks the policy about a person's record, auditing a denial; the error to return, if any.
// Call outside any transaction (a denial is written in a transaction of its own).
Status AuthorizeOnPerson(store::Store& store, const Clock& clock, const Context& ctx, Action action,
                         const PersonId& person);

// Asks the policy about an action on the actor's own council as a whole (a queue, a team list),
// without auditing: the error to return, if any.
Status PermitInCouncil(const Context& ctx, Action action);

// The answer when a person id does not name anyone in the actor's council.
tl::unexpected<Error> NoSuchPerson();

// The council's adult social care scheme, if it has one.
Result<std::optional<Scheme>> AdultScheme(store::Transaction& tx, const CouncilId& council);
// The council's adult social care scheme settings (the defaults when it has no such scheme).
Result<SchemeSettings> AdultSchemeSettings(store::Transaction& tx, const CouncilId& council);

// A user's display name for a sentence: `when_none` when there is no user (the command line or
// the system), "a former user" when the account is gone.
Result<std::string> UserName(store::Transaction& tx, const CouncilId& council, const UserId& id,
                             const std::string& when_none);

}  // namespace selfdirect::app
