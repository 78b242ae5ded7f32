// Pooled budgets: budget holders who agree to put part of their direct payments together for a
// shared service. The agreement's rules are the domain's (market/pools.h); here each use case
// checks who is acting, runs in one transaction with its audit entries and moves the money in
// the ledger: each member's share from their direct-payment account into the pool's account
// (idempotent: one transfer per member and period), payments out of the pool, and a leaving
// member's part of the balance back to their direct-payment account.
//
// Who may do what (access/policy.h, kPoolsRead, kPoolsManage, kPoolMoneyManage):
//   - propose: someone who may act for at least one of the members (the budget holder, their
//     representative or support planner with a grant, their social worker). Other members are
//     named by the reference they gave the proposer (their person id) and are only invited:
//   - consent, join, leave: only for a member the actor may act for. Consent is never assumed;
//     a pool starts when every member has consented;
//   - collect the shares and pay out of the pool: finance officers;
//   - read a pool and a member's statement: anyone who may read one member's pools.
// A member is shown by name to the other members once they have consented (consenting says so);
// before that only to those who may act for them. Each member's share every 4 weeks is part of
// the agreement and shown to every member; what each member has actually put in is shown only
// on their own statement.
//
//   app::Pools pools(store, clock, ids);
//   auto view = pools.Propose(ctx, {.name = "Tuesday art group", ..., .members = {...}});
//   pools.Consent(other_ctx, view->pool.id, {.person = ben});     // the pool starts
//   pools.Collect(finance_ctx, view->pool.id);                     // this period's shares
//   auto statement = pools.Statement(ctx, view->pool.id, ada);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/market/pools.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// One member as the viewer may see them.
struct PoolMemberView {
  int seq = 0;
  std::string reference;  // the person's id; "" when the viewer may not know who they are
  std::string name;       // "" when hidden: invited and not yet consented
  Pence share;
  market::MemberStatus status = market::MemberStatus::kProposed;
  std::optional<market::ConsentBy> consent_by;
  std::string consent_how;
  std::optional<Timestamp> consented_at;
  std::optional<Date> left_on;
  bool may_act = false;  // the viewer may consent or leave for this member
};

struct PoolView {
  market::Pool pool;  // members are in `members` below, as the viewer may see them
  std::vector<PoolMemberView> members;
  Pence balance;
  std::optional<market::PoolPeriod> period;  // the current 4 weeks, once started
  bool may_move_money = false;               // the viewer is a finance officer
  Date today;
};

// A person's pools, for their pools page.
struct PoolSummary {
  market::PoolId id;
  std::string name;
  std::string pays_for;
  market::PoolStatus status = market::PoolStatus::kProposed;
  market::MemberStatus member_status = market::MemberStatus::kProposed;
  Pence share;
  int members = 0;  // current members
  PersonId member;  // the first current member (the pool's page is read as a member's)
};
// A pool as the finance officers' list shows it: what is due this period and whether it has
// been collected.
struct CouncilPool {
  market::PoolId id;
  std::string name;
  std::string pays_for;
  market::PoolStatus status = market::PoolStatus::kProposed;
  int members = 0;  // current members
  PersonId member;  // the first current member (the pool's page is read as a member's)
  Pence shares;     // every 4 weeks: the active members' shares together
  Pence balance;
  std::optional<market::PoolPeriod> period;  // the current 4 weeks, once active
  bool collected = false;                    // every share due this period is in
};

struct PersonPools {
  PersonId person;
  std::string person_name;
  std::vector<PoolSummary> pools;
};

// One member's statement of a pool.
struct PoolPeriodLine {
  market::PoolPeriod period;
  Pence money_in;  // every member's shares for the period together
  Pence yours;     // this member's share for it (0 when none was collected)
};
struct PoolOutLine {
  Date on;
  std::string description;
  Pence amount;
};
struct PoolStatement {
  PoolView view;
  PersonId person;
  std::string person_name;
  market::MemberStatus member_status = market::MemberStatus::kProposed;
  Pence share;                          // every 4 weeks
  std::vector<PoolPeriodLine> periods;  // oldest first
  std::vector<PoolOutLine> money_out;   // oldest first
  Pence money_in_total;
  Pence money_out_total;
  Pence put_in;                           // this member's contributions in all
  std::optional<Pence> share_of_balance;  // by contributions, while a current member
  Pence taken;                            // what they took from the balance when they left
};

struct ProposedMember {
  std::string person;
  std::string share;
  bool consent = false;  // the actor gives this member's consent now
};
struct ProposeRequest {
  market::PoolRequest pool;  // its members from `members` below
  std::vector<ProposedMember> members;
  std::string consent_how;  // how the person consented, when a social worker records it
};

struct ConsentRequest {
  std::string person;
  std::string how;
};

struct JoinRequest {
  std::string person;
  std::string share;
  std::string cost;  // the pool's new cost every 4 weeks, when it states one
  std::optional<bool> consent;
  std::string how;
};

struct Collection {
  PoolView view;
  int collected = 0;  // transfers made now (a repeat of a period collects nothing new)
  Pence total;        // the period's shares, collected now or before
};

class Pools {
 public:
  Pools(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Proposes a pool (201). The actor must be able to act for at least one member (403
  // otherwise); members they cannot act for are invited by their reference. Bad fields: 422
  // naming each (shares that do not add up name both figures). A member the actor may act for
  // can consent in the same step (`consent`); asking to consent for anyone else is refused
  // (422 naming members[i].consent) and nothing is stored. Opens the pool's ledger account.
  Result<PoolView> Propose(const Context& ctx, const ProposeRequest& request);

  // The pool as the actor may see it; 404 for someone who stands to none of its members.
  Result<PoolView> Get(const Context& ctx, const market::PoolId& pool);

  // Records a member's consent, given by them, their representative, or their social worker
  // (who must say how the person gave it). Their share must fit their direct payment (422
  // naming "share" and both amounts). The pool starts when every member has consented.
  Result<PoolView> Consent(const Context& ctx, const market::PoolId& pool,
                           const ConsentRequest& request);

  // Adds a member the actor may act for, with their consent given now: `consent` must be true
  // (422 otherwise: no one joins a pool without consenting). A pool that states its cost needs
  // the new cost, which the shares must add up to.
  Result<PoolView> Join(const Context& ctx, const market::PoolId& pool, const JoinRequest& request);

  // Collects the current period's shares from every active member's direct-payment account
  // into the pool (finance officers). All or nothing: when any member's account holds less than
  // their share, nothing moves (409 naming that account and both amounts). Collecting a period
  // again moves nothing more.
  Result<Collection> Collect(const Context& ctx, const market::PoolId& pool);

  // Pays out of the pool (finance officers): 409 when the pool holds less. The payment's key
  // makes a repeat pay once.
  Result<PoolView> Pay(const Context& ctx, const market::PoolId& pool,
                       const market::PaymentRequest& request);

  // A member leaves (the member or whoever may act for them). Their part of the balance, by
  // the pool's leaving rule, goes back to their direct-payment account; a pool left with fewer
  // than two members closes and the last member takes what is left.
  Result<PoolView> Leave(const Context& ctx, const market::PoolId& pool, const PersonId& person);

  // The pools a person is or was in.
  Result<PersonPools> Of(const Context& ctx, const PersonId& person);

  // Every pool of the council, newest first (finance officers, who collect and pay out).
  Result<std::vector<CouncilPool>> All(const Context& ctx);

  // A member's statement of the pool (the member, anyone who may read their pools).
  Result<PoolStatement> Statement(const Context& ctx, const market::PoolId& pool,
                                  const PersonId& person);

 private:
  struct Loaded;
  // Who may use these routes at all (the council-level rule of `action`, audited), then whether
  // the pool exists: 403, or 404 "no such pool", before anything is said about its members.
  Status Gate(const Context& ctx, Action action, const market::PoolId& id);
  Result<Loaded> Load(store::Transaction& tx, const Context& ctx, const market::PoolId& id);
  Result<PoolView> ViewOf(store::Transaction& tx, const Context& ctx, const market::Pool& pool);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
