#include "selfdirect/app/pools.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/ledger/payments.h"

namespace selfdirect::app {
namespace {

using market::MemberStatus;
using market::Pool;
using market::PoolId;
using market::PoolStatus;

constexpr const char* kPaidOutAccountName = "Paid out from pooled budgets";

tl::unexpected<Error> NoSuchPool() {
  return Fail(ErrorCode::kNotFound, "There is no pooled budget with this id");
}

tl::unexpected<Error> NotAMember() {
  return Fail(ErrorCode::kNotFound, "This person is not a member of the pooled budget");
}

// A person's direct payment: the account it is paid into and what it pays every 4 weeks.
struct DirectPayment {
  std::optional<LedgerAccountId> holding;
  std::optional<Pence> per_four_weeks;
};

Result<DirectPayment> DirectPaymentOf(store::Transaction& tx, const CouncilId& council,
                                      const PersonId& person, Date today) {
  DirectPayment out;
  auto budgets = tx.Payments().BudgetsOf(council, person);
  if (!budgets) return tl::unexpected(budgets.error());
  for (const auto& b : *budgets) {  // newest first
    if (!b.holding_account) continue;
    out.holding = b.holding_account;
    const ledger::StoredTerms* terms = ledger::TermsOn(b, today);
    if (terms == nullptr && !b.terms.empty()) terms = &b.terms.front();
    if (terms != nullptr && !(b.end && *b.end < today)) {
      auto weekly = ledger::WeeklyCost(b, *terms, ledger::PayRoute::kDirectPayment);
      if (!weekly) return tl::unexpected(weekly.error());
      auto four = weekly->Times(4);
      if (!four) return tl::unexpected(four.error());
      out.per_four_weeks = *four;
    }
    break;
  }
  return out;
}

Result<ledger::Account> ReadAccount(store::Transaction& tx, const CouncilId& council,
                                    const LedgerAccountId& id) {
  auto found = tx.Ledger().FindAccount(council, id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kInternal, "a pooled budget's account is missing");
  return std::move(**found);
}

// What the pool holds, counting only money that has moved (not money set aside).
Result<Pence> PoolBalance(store::Transaction& tx, const Pool& pool) {
  auto account = ReadAccount(tx, pool.council, pool.account);
  if (!account) return tl::unexpected(account.error());
  return ledger::PostedCreditBalance(account->balances);
}

bool Posted(const ledger::Transfer& t) {
  return t.flag == ledger::TransferFlag::kNone || t.flag == ledger::TransferFlag::kPostPending;
}

// What each member (by seq) has put into the pool: their contributions.
std::vector<std::pair<int, Pence>> PutIn(const Pool& pool,
                                         const std::vector<ledger::Transfer>& transfers) {
  std::map<int, std::int64_t> by_seq;
  for (const auto& t : transfers) {
    if (!Posted(t) || t.credit_account != pool.account) continue;
    auto key = market::ParsePoolTransferKey(pool.id, t.id.str());
    if (key.kind == market::PoolTransferKey::Kind::kContribution)
      by_seq[key.seq] += t.amount.value();
  }
  std::vector<std::pair<int, Pence>> out;
  out.reserve(by_seq.size());
  for (const auto& [seq, pence] : by_seq) out.emplace_back(seq, Pence(pence));
  return out;
}

std::string PeriodWords(const market::PoolPeriod& p) {
  return fmt::format("{} to {}", FormatLongDate(p.start), FormatLongDate(p.end));
}

// A reference no longer than a transfer allows (200 bytes), cut at a character boundary.
std::string Reference(std::string text) {
  if (text.size() <= 200) return text;
  std::size_t n = 200;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  text.resize(n);
  return text;
}

Result<std::string> PersonName(store::Transaction& tx, const CouncilId& council,
                               const PersonId& person) {
  auto record = tx.Casework().FindPerson(council, person);
  if (!record) return tl::unexpected(record.error());
  if (!*record) return std::string();
  return (*record)->person.FullName();
}

bool Allowed(const Actor& actor, Action action, const CouncilId& council, const PersonId& person,
             const Relationship& r) {
  return Decide(actor, action, Resource::Person(council, person, r)).allowed();
}

Status Audit(store::Transaction& tx, const Context& ctx, Timestamp now, const std::string& action,
             const Pool& pool, const PersonId& subject, const std::string& summary) {
  AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, now, action, "pool", pool.id.str(),
                                AuditOutcome::kAllowed, summary);
  e.subject_person_id = subject.str();
  return tx.Audit().Append(e);
}

// Records a denial in its own transaction (the use case's will not commit) and returns it.
tl::unexpected<Error> Denied(store::Store& store, const Clock& clock, const Context& ctx,
                             const std::string& action, const std::string& resource_id,
                             const std::string& reason, Error error) {
  AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock.Now(), action, "pool", resource_id,
                                AuditOutcome::kDenied, reason);
  (void)store.Write([&](store::Transaction& tx) { return tx.Audit().Append(e); });
  return tl::unexpected(std::move(error));
}

}  // namespace

struct Pools::Loaded {
  Pool pool;
  std::map<std::string, Relationship> relationships;  // by person id
};

Result<Pools::Loaded> Pools::Load(store::Transaction& tx, const Context& ctx, const PoolId& id) {
  auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return NoSuchPool();
  Loaded out{std::move(**found), {}};
  for (const auto& m : out.pool.members) {
    if (out.relationships.contains(m.person.str())) continue;
    auto r = RelationshipTo(tx, ctx.actor, m.person, clock_.Today());
    if (!r) return tl::unexpected(r.error());
    out.relationships[m.person.str()] = std::move(*r);
  }
  return out;
}

Status Pools::Gate(const Context& ctx, Action action, const PoolId& id) {
  if (auto a = Authorize(store_, clock_, ctx, action, Resource::Council(ctx.actor.council_id),
                         "pool", id.str());
      !a) {
    return a;
  }
  return store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPool();
    return Ok();
  });
}

Result<PoolView> Pools::ViewOf(store::Transaction& tx, const Context& ctx, const Pool& pool) {
  PoolView view;
  view.pool = pool;
  view.today = clock_.Today();
  view.period = market::PeriodOf(pool, view.today);
  view.may_move_money =
      Decide(ctx.actor, Action::kPoolMoneyManage, Resource::Council(ctx.actor.council_id))
          .allowed();
  auto balance = PoolBalance(tx, pool);
  if (!balance) return tl::unexpected(balance.error());
  view.balance = *balance;
  for (const auto& m : pool.members) {
    auto r = RelationshipTo(tx, ctx.actor, m.person, view.today);
    if (!r) return tl::unexpected(r.error());
    PoolMemberView v;
    v.seq = m.seq;
    v.share = m.share;
    v.status = m.status;
    v.left_on = m.left_on;
    if (m.consent) {
      v.consent_by = m.consent->by;
      v.consent_how = m.consent->how;
      v.consented_at = m.consent->at;
    }
    const bool reads = Allowed(ctx.actor, Action::kPoolsRead, pool.council, m.person, *r);
    v.may_act = m.current() && pool.status != PoolStatus::kClosed &&
                Allowed(ctx.actor, Action::kPoolsManage, pool.council, m.person, *r);
    if (reads || m.consent) {
      v.reference = m.person.str();
      auto name = PersonName(tx, pool.council, m.person);
      if (!name) return tl::unexpected(name.error());
      v.name = std::move(*name);
    }
    view.members.push_back(std::move(v));
  }
  return view;
}

Result<PoolView> Pools::Propose(const Context& ctx, const ProposeRequest& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPoolsManage,
                         Resource::Council(ctx.actor.council_id), "pool", "");
      !a) {
    return tl::unexpected(a.error());
  }
  market::PoolRequest form = request.pool;
  form.members.clear();
  for (const auto& m : request.members) form.members.push_back({m.person, m.share});
  auto pool = market::ValidateNewPool(form);
  if (!pool) return tl::unexpected(pool.error());

  const Date today = clock_.Today();
  const Timestamp now = clock_.Now();
  const CouncilId& council = ctx.actor.council_id;
  // Who the proposer may act for: read before the write, so that a refusal can be audited.
  std::vector<bool> may_act(pool->members.size(), false);
  std::vector<Relationship> relationships(pool->members.size());
  std::vector<FieldError> errors;
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    for (std::size_t i = 0; i < pool->members.size(); ++i) {
      const PersonId& person = pool->members[i].person;
      auto record = tx.Casework().FindPerson(council, person);
      if (!record) return tl::unexpected(record.error());
      if (!*record) {
        errors.push_back({fmt::format("members[{}].person", i),
                          "There is no one with this reference in the council's records: check "
                          "it with the person who gave it to you"});
        continue;
      }
      auto r = RelationshipTo(tx, ctx.actor, person, today);
      if (!r) return tl::unexpected(r.error());
      relationships[i] = *r;
      may_act[i] = Allowed(ctx.actor, Action::kPoolsManage, council, person, *r);
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (std::none_of(may_act.begin(), may_act.end(), [](bool b) { return b; }) && errors.empty()) {
    return Denied(store_, clock_, ctx, "pool.propose", "", "may act for none of the members",
                  Error{ErrorCode::kPermissionDenied,
                        "You can propose a pooled budget only with someone you may act for: "
                        "yourself, someone who gave you a grant to manage their money or write "
                        "their plan, or someone on your caseload",
                        {}});
  }
  for (std::size_t i = 0; i < request.members.size() && i < may_act.size(); ++i) {
    if (request.members[i].consent && !may_act[i]) {
      errors.push_back({fmt::format("members[{}].consent", i),
                        "Only this member, or someone who acts for them, can give their "
                        "consent. They will be asked to consent when they sign in"});
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));

  pool->council = council;
  pool->id = PoolId(ids_.Next());
  pool->created_at = now;
  pool->created_by = ctx.actor.user_id;
  for (auto& m : pool->members) {
    m.joined_at = now;
    m.added_by = ctx.actor.user_id;
  }
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    std::vector<FieldError> share_errors;
    for (std::size_t i = 0; i < pool->members.size(); ++i) {
      if (!may_act[i]) continue;
      auto dp = DirectPaymentOf(tx, council, pool->members[i].person, today);
      if (!dp) return tl::unexpected(dp.error());
      auto fits = market::CheckShareAffordable(pool->members[i].share, dp->per_four_weeks,
                                               fmt::format("members[{}].share", i));
      if (!fits) share_errors.push_back(fits.error().fields.front());
    }
    if (!share_errors.empty()) return FailFields(std::move(share_errors));

    ledger::Account a;
    a.council = council;
    a.id = LedgerAccountId(ids_.Next());
    a.type = ledger::AccountType::kPooledBudget;
    a.owner = {ledger::OwnerKind::kPool, pool->id.str()};
    a.name = Reference("Pooled budget: " + pool->name);
    a.flags = ledger::DefaultFlags(a.type);
    a.created_at = now;
    if (auto created = tx.Ledger().CreateAccount(a); !created) return created;
    pool->account = a.id;

    for (std::size_t i = 0; i < request.members.size(); ++i) {
      if (!request.members[i].consent) continue;
      const Relationship& r = relationships[i];
      const market::ConsentBy by = r.self ? market::ConsentBy::kPerson
                                   : ctx.actor.Has(Role::kAssessor) && r.in_caseload
                                       ? market::ConsentBy::kSocialWorker
                                       : market::ConsentBy::kRepresentative;
      auto consented = market::RecordConsent(
          *pool, pool->members[i].person, {by, request.consent_how, ctx.actor.user_id, now}, today);
      if (!consented) {
        Error e = consented.error();
        for (auto& f : e.fields) f.field = "consent_how";
        return tl::unexpected(e);
      }
      *pool = std::move(*consented);
    }
    if (auto created = tx.Pools().CreatePool(*pool); !created) return created;
    for (std::size_t i = 0; i < pool->members.size(); ++i) {
      const auto& m = pool->members[i];
      const std::string summary =
          may_act[i] ? fmt::format(
                           "proposed a pooled budget with this person's share of {} every "
                           "4 weeks{}",
                           FormatPounds(m.share), m.consent ? ", with their consent" : "")
                     : fmt::format(
                           "invited this person to a pooled budget, with a share of {} "
                           "every 4 weeks",
                           FormatPounds(m.share));
      if (auto s = Audit(tx, ctx, now, "pool.propose", *pool, m.person, summary); !s) return s;
    }
    auto view = ViewOf(tx, ctx, *pool);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PoolView> Pools::Get(const Context& ctx, const PoolId& id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPoolsRead,
                         Resource::Council(ctx.actor.council_id), "pool", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<PersonId> denied_on;
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto loaded = Load(tx, ctx, id);
    if (!loaded) return tl::unexpected(loaded.error());
    bool reads = false;
    for (const auto& m : loaded->pool.members) {
      if (Allowed(ctx.actor, Action::kPoolsRead, loaded->pool.council, m.person,
                  loaded->relationships[m.person.str()])) {
        reads = true;
      }
    }
    if (!reads) {
      denied_on = loaded->pool.members.front().person;
      return Fail(ErrorCode::kNotFound, "denied");
    }
    auto view = ViewOf(tx, ctx, loaded->pool);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Audit(tx, ctx, clock_.Now(), "pool.read", loaded->pool, PersonId(),
                 "looked at a pooled budget");
  });
  if (denied_on) {
    // Asked of a member, so that the denial is the policy's and is audited.
    auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsRead, *denied_on);
    return tl::unexpected(a ? Error{ErrorCode::kNotFound, "There is no record at this address", {}}
                            : a.error());
  }
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PoolView> Pools::Consent(const Context& ctx, const PoolId& id,
                                const ConsentRequest& request) {
  if (auto g = Gate(ctx, Action::kPoolsManage, id); !g) return tl::unexpected(g.error());
  auto person = PersonId::Parse(request.person);
  if (!person) {
    return FailFields({{"person", "Say whose consent this is: the member's reference"}});
  }
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsManage, *person); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto loaded = Load(tx, ctx, id);
    if (!loaded) return tl::unexpected(loaded.error());
    Pool& pool = loaded->pool;
    const market::PoolMember* member = pool.Member(*person);
    if (member == nullptr || !member->current()) return NotAMember();
    const Relationship& r = loaded->relationships[person->str()];
    const market::ConsentBy by = r.self ? market::ConsentBy::kPerson
                                 : ctx.actor.Has(Role::kAssessor) && r.in_caseload
                                     ? market::ConsentBy::kSocialWorker
                                     : market::ConsentBy::kRepresentative;
    if (member->status == MemberStatus::kProposed) {
      auto dp = DirectPaymentOf(tx, pool.council, *person, clock_.Today());
      if (!dp) return tl::unexpected(dp.error());
      if (auto fits = market::CheckShareAffordable(member->share, dp->per_four_weeks, "share");
          !fits) {
        return fits;
      }
    }
    const std::int64_t revision = pool.revision;
    auto next = market::RecordConsent(
        pool, *person, {by, request.how, ctx.actor.user_id, clock_.Now()}, clock_.Today());
    if (!next) return tl::unexpected(next.error());
    if (auto saved = tx.Pools().SavePool(*next, revision); !saved) return saved;
    next->revision = revision + 1;
    std::string summary = fmt::format(
        "recorded consent to a pooled budget ({}), share {} every "
        "4 weeks",
        market::ConsentByCode(by), FormatPounds(member->share));
    if (next->status == PoolStatus::kActive && pool.status == PoolStatus::kProposed) {
      summary += "; every member has consented and the pool has started";
    }
    if (auto a = Audit(tx, ctx, clock_.Now(), "pool.consent", *next, *person, summary); !a) {
      return a;
    }
    auto view = ViewOf(tx, ctx, *next);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PoolView> Pools::Join(const Context& ctx, const PoolId& id, const JoinRequest& request) {
  if (auto g = Gate(ctx, Action::kPoolsManage, id); !g) return tl::unexpected(g.error());
  auto person = PersonId::Parse(request.person);
  if (!person) return FailFields({{"person", "Say who is joining: the person's reference"}});
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsManage, *person); !a) {
    return tl::unexpected(a.error());
  }
  if (!request.consent.value_or(false)) {
    return FailFields(
        {{"consent",
          "No one joins a pooled budget without consenting. Confirm that the person agrees to "
          "join and to pay their share every 4 weeks"}});
  }
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto loaded = Load(tx, ctx, id);
    if (!loaded) return tl::unexpected(loaded.error());
    const Pool& pool = loaded->pool;
    auto added = market::AddMember(pool, *person, request.share, request.cost);
    if (!added) return tl::unexpected(added.error());
    market::PoolMember& m = added->members.back();
    m.joined_at = clock_.Now();
    m.added_by = ctx.actor.user_id;
    auto dp = DirectPaymentOf(tx, pool.council, *person, clock_.Today());
    if (!dp) return tl::unexpected(dp.error());
    if (auto fits = market::CheckShareAffordable(m.share, dp->per_four_weeks, "share"); !fits) {
      return fits;
    }
    auto r = RelationshipTo(tx, ctx.actor, *person, clock_.Today());
    if (!r) return tl::unexpected(r.error());
    const market::ConsentBy by = r->self ? market::ConsentBy::kPerson
                                 : ctx.actor.Has(Role::kAssessor) && r->in_caseload
                                     ? market::ConsentBy::kSocialWorker
                                     : market::ConsentBy::kRepresentative;
    auto consented = market::RecordConsent(
        *added, *person, {by, request.how, ctx.actor.user_id, clock_.Now()}, clock_.Today());
    if (!consented) return tl::unexpected(consented.error());
    if (auto saved = tx.Pools().SavePool(*consented, pool.revision); !saved) return saved;
    consented->revision = pool.revision + 1;
    if (auto a = Audit(tx, ctx, clock_.Now(), "pool.join", *consented, *person,
                       fmt::format("joined a pooled budget with consent ({}), share {} every 4 "
                                   "weeks",
                                   market::ConsentByCode(by), FormatPounds(m.share)));
        !a) {
      return a;
    }
    auto view = ViewOf(tx, ctx, *consented);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<Collection> Pools::Collect(const Context& ctx, const PoolId& id) {
  if (auto g = Gate(ctx, Action::kPoolMoneyManage, id); !g) return tl::unexpected(g.error());
  std::optional<Collection> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPool();
    const Pool& pool = **found;
    auto due = market::ContributionsDue(pool, clock_.Today());
    if (!due) return tl::unexpected(due.error());
    Collection c;
    std::vector<ledger::Transfer> batch;
    std::vector<std::string> people;
    for (const auto& d : *due) {
      auto sum = c.total.Plus(d.amount);
      if (!sum) return tl::unexpected(sum.error());
      c.total = *sum;
      auto done = tx.Ledger().FindTransfer(pool.council, TransferId(d.key));
      if (!done) return tl::unexpected(done.error());
      if (*done) continue;  // collected before: a repeat moves nothing
      auto dp = DirectPaymentOf(tx, pool.council, d.person, clock_.Today());
      if (!dp) return tl::unexpected(dp.error());
      auto name = PersonName(tx, pool.council, d.person);
      if (!name) return tl::unexpected(name.error());
      if (!dp->holding) {
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("{} has no direct-payment account to take their share from. "
                                "Nothing was collected",
                                *name));
      }
      auto holding = ReadAccount(tx, pool.council, *dp->holding);
      if (!holding) return tl::unexpected(holding.error());
      auto available = ledger::AvailableCreditBalance(holding->balances);
      if (!available) return tl::unexpected(available.error());
      if (*available < d.amount) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("{} (account {}) holds {}, less than {}'s share of {} for {}. "
                                "Nothing was collected from anyone: collect again when the "
                                "money is there",
                                holding->name, holding->id.str(), FormatPounds(*available), *name,
                                FormatPounds(d.amount), PeriodWords(d.period)));
      }
      ledger::Transfer t;
      t.id = TransferId(d.key);
      t.council = pool.council;
      t.debit_account = *dp->holding;
      t.credit_account = pool.account;
      t.amount = d.amount;
      t.code = ledger::TransferCode::kSpend;
      t.reference = Reference(
          fmt::format("Share of pooled budget {} for {}", pool.name, PeriodWords(d.period)));
      t.created_at = clock_.Now();
      t.created_by = ctx.actor.user_id;
      batch.push_back(std::move(t));
      people.push_back(d.person.str());
    }
    if (!batch.empty()) {
      if (auto made = FirstRefusal(tx.Ledger().CreateTransfers(batch)); !made) return made;
    }
    c.collected = static_cast<int>(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (auto a = Audit(tx, ctx, clock_.Now(), "pool.collect", pool, PersonId(people[i]),
                         fmt::format("collected a share of {} into a pooled budget",
                                     FormatPounds(batch[i].amount)));
          !a) {
        return a;
      }
    }
    auto view = ViewOf(tx, ctx, pool);
    if (!view) return tl::unexpected(view.error());
    c.view = std::move(*view);
    out = std::move(c);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PoolView> Pools::Pay(const Context& ctx, const PoolId& id,
                            const market::PaymentRequest& request) {
  if (auto g = Gate(ctx, Action::kPoolMoneyManage, id); !g) return tl::unexpected(g.error());
  auto payment = market::ValidatePayment(request);
  if (!payment) return tl::unexpected(payment.error());
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPool();
    const Pool& pool = **found;
    const TransferId key(market::PaymentKey(pool.id, payment->key));
    auto done = tx.Ledger().FindTransfer(pool.council, key);
    if (!done) return tl::unexpected(done.error());
    if (!*done) {
      if (pool.status != PoolStatus::kActive) {
        return Fail(ErrorCode::kFailedPrecondition,
                    pool.status == PoolStatus::kClosed
                        ? "This pooled budget has closed: nothing can be paid from it"
                        : "This pooled budget has not started: nothing can be paid from it yet");
      }
      auto account = ReadAccount(tx, pool.council, pool.account);
      if (!account) return tl::unexpected(account.error());
      auto available = ledger::AvailableCreditBalance(account->balances);
      if (!available) return tl::unexpected(available.error());
      if (*available < payment->amount) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("The pooled budget holds {}, less than the payment of {}. "
                                "Nothing was paid",
                                FormatPounds(*available), FormatPounds(payment->amount)));
      }
    }
    // The council's account for money paid out of pools, opened on first need.
    auto paid_out = CouncilAccount(tx, pool.council, ledger::AccountType::kPayee,
                                   kPaidOutAccountName, ids_, clock_.Now());
    if (!paid_out) return tl::unexpected(paid_out.error());
    ledger::Transfer t;
    t.id = key;
    t.council = pool.council;
    t.debit_account = pool.account;
    t.credit_account = *paid_out;
    t.amount = payment->amount;
    t.code = ledger::TransferCode::kSpend;
    t.reference = payment->reference;
    t.created_at = clock_.Now();
    t.created_by = ctx.actor.user_id;
    if (auto made = FirstRefusal(tx.Ledger().CreateTransfers(std::span(&t, 1))); !made) {
      return made;
    }
    if (auto a = Audit(tx, ctx, clock_.Now(), "pool.pay", pool, PersonId(),
                       fmt::format("paid {} from a pooled budget: {}",
                                   FormatPounds(payment->amount), payment->reference));
        !a) {
      return a;
    }
    auto view = ViewOf(tx, ctx, pool);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PoolView> Pools::Leave(const Context& ctx, const PoolId& id, const PersonId& person) {
  if (auto g = Gate(ctx, Action::kPoolsManage, id); !g) return tl::unexpected(g.error());
  if (person.empty()) return FailFields({{"person", "Say who is leaving: the member's reference"}});
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<PoolView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPool();
    const Pool& pool = **found;
    auto account = ReadAccount(tx, pool.council, pool.account);
    if (!account) return tl::unexpected(account.error());
    auto balance = ledger::AvailableCreditBalance(account->balances);
    if (!balance) return tl::unexpected(balance.error());
    auto transfers = AllTransfers(tx, pool.council, pool.account);
    if (!transfers) return tl::unexpected(transfers.error());
    const auto put_in = PutIn(pool, *transfers);
    auto leaving = market::Leave(pool, person, *balance, put_in, clock_.Today());
    if (!leaving) return tl::unexpected(leaving.error());
    std::vector<ledger::Transfer> batch;
    for (const auto& p : leaving->payouts) {
      auto dp = DirectPaymentOf(tx, pool.council, p.person, clock_.Today());
      if (!dp) return tl::unexpected(dp.error());
      if (!dp->holding) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "A member has no direct-payment account to pay their part of the balance "
                    "back into. Nothing was changed: ask a finance officer");
      }
      ledger::Transfer t;
      t.id = TransferId(market::LeavingKey(pool.id, p.seq));
      t.council = pool.council;
      t.debit_account = pool.account;
      t.credit_account = *dp->holding;
      t.amount = p.amount;
      t.code = ledger::TransferCode::kRefund;
      t.reference =
          Reference(fmt::format("Part of the balance of pooled budget {}, on leaving", pool.name));
      t.created_at = clock_.Now();
      t.created_by = ctx.actor.user_id;
      batch.push_back(std::move(t));
    }
    if (!batch.empty()) {
      if (auto made = FirstRefusal(tx.Ledger().CreateTransfers(batch)); !made) return made;
    }
    if (auto saved = tx.Pools().SavePool(leaving->pool, pool.revision); !saved) return saved;
    leaving->pool.revision = pool.revision + 1;
    const Pence taken = leaving->pool.Member(person)->taken;
    std::string summary =
        fmt::format("left a pooled budget, taking {} of its balance", FormatPounds(taken));
    if (leaving->pool.status == PoolStatus::kClosed) summary += "; the pool has closed";
    if (auto a = Audit(tx, ctx, clock_.Now(), "pool.leave", leaving->pool, person, summary); !a) {
      return a;
    }
    auto view = ViewOf(tx, ctx, leaving->pool);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PersonPools> Pools::Of(const Context& ctx, const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsRead, person); !a) {
    return tl::unexpected(a.error());
  }
  PersonPools out;
  out.person = person;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, person);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    out.person_name = (*record)->person.FullName();
    auto ids = tx.Pools().PoolsOf(ctx.actor.council_id, person);
    if (!ids) return tl::unexpected(ids.error());
    for (const auto& id : *ids) {
      auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
      if (!found) return tl::unexpected(found.error());
      if (!*found) continue;
      const Pool& pool = **found;
      const market::PoolMember* m = pool.Member(person);
      if (m == nullptr) continue;
      PoolSummary summary{pool.id, pool.name, pool.pays_for, pool.status, m->status, m->share, 0};
      for (const auto& other : pool.members) summary.members += other.current() ? 1 : 0;
      out.pools.push_back(std::move(summary));
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "pools.list", "person",
                                  person.str(), AuditOutcome::kAllowed,
                                  "looked at the person's pooled budgets");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<CouncilPool>> Pools::All(const Context& ctx) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kPoolMoneyManage,
                         Resource::Council(ctx.actor.council_id), "pools", "");
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<CouncilPool> out;
  const Date today = clock_.Today();
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto ids = tx.Pools().ListPools(ctx.actor.council_id);
    if (!ids) return tl::unexpected(ids.error());
    for (const PoolId& id : *ids) {
      auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
      if (!found) return tl::unexpected(found.error());
      if (!*found) continue;
      const Pool& pool = **found;
      CouncilPool row;
      row.id = pool.id;
      row.name = pool.name;
      row.pays_for = pool.pays_for;
      row.status = pool.status;
      row.period = market::PeriodOf(pool, today);
      for (const auto& m : pool.members) {
        if (!m.current()) continue;
        if (row.members++ == 0) row.member = m.person;
      }
      auto balance = PoolBalance(tx, pool);
      if (!balance) return tl::unexpected(balance.error());
      row.balance = *balance;
      if (pool.status == market::PoolStatus::kActive) {
        auto due = market::ContributionsDue(pool, today);
        if (!due) return tl::unexpected(due.error());
        row.collected = !due->empty();
        for (const auto& d : *due) {
          auto sum = row.shares.Plus(d.amount);
          if (!sum) return tl::unexpected(sum.error());
          row.shares = *sum;
          auto done = tx.Ledger().FindTransfer(pool.council, TransferId(d.key));
          if (!done) return tl::unexpected(done.error());
          row.collected = row.collected && done->has_value();
        }
      }
      out.push_back(std::move(row));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<PoolStatement> Pools::Statement(const Context& ctx, const PoolId& id,
                                       const PersonId& person) {
  if (auto g = Gate(ctx, Action::kPoolsRead, id); !g) return tl::unexpected(g.error());
  if (person.empty()) {
    return FailFields({{"person", "Say whose statement this is: the member's reference"}});
  }
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPoolsRead, person); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<PoolStatement> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Pools().FindPool(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPool();
    const Pool& pool = **found;
    const market::PoolMember* member = pool.Member(person);
    if (member == nullptr) return NotAMember();
    PoolStatement st;
    st.person = person;
    auto name = PersonName(tx, pool.council, person);
    if (!name) return tl::unexpected(name.error());
    st.person_name = std::move(*name);
    st.member_status = member->status;
    st.share = member->share;
    st.taken = member->taken;
    auto view = ViewOf(tx, ctx, pool);
    if (!view) return tl::unexpected(view.error());
    st.view = std::move(*view);
    auto transfers = AllTransfers(tx, pool.council, pool.account);
    if (!transfers) return tl::unexpected(transfers.error());
    std::map<Date, PoolPeriodLine> periods;
    std::int64_t in_total = 0, out_total = 0, yours = 0;
    for (const auto& t : *transfers) {
      if (!Posted(t)) continue;
      const auto key = market::ParsePoolTransferKey(pool.id, t.id.str());
      if (t.credit_account == pool.account) {
        in_total += t.amount.value();
        if (key.kind == market::PoolTransferKey::Kind::kContribution) {
          auto& line = periods[*key.period_start];
          line.period = {*key.period_start,
                         AddDays(*key.period_start, market::kPoolPeriodDays - 1)};
          line.money_in = Pence(line.money_in.value() + t.amount.value());
          if (key.seq == member->seq) {
            line.yours = Pence(line.yours.value() + t.amount.value());
            yours += t.amount.value();
          }
        }
      } else {
        out_total += t.amount.value();
        PoolOutLine line{ledger::ValueDate(t), t.reference, t.amount};
        if (key.kind == market::PoolTransferKey::Kind::kLeaving) {
          line.description = key.seq == member->seq
                                 ? "Your part of the balance, paid back to your account"
                                 : "A member's part of the balance, paid back when they left";
        }
        st.money_out.push_back(std::move(line));
      }
    }
    for (auto& [start, line] : periods) st.periods.push_back(line);
    st.money_in_total = Pence(in_total);
    st.money_out_total = Pence(out_total);
    st.put_in = Pence(yours);
    if (member->current() && pool.status == PoolStatus::kActive) {
      const auto put_in = PutIn(pool, *transfers);
      std::vector<Pence> weights;
      std::size_t mine = 0;
      for (const auto& m : pool.members) {
        if (!m.current()) continue;
        if (m.seq == member->seq) mine = weights.size();
        Pence w;
        for (const auto& [seq, p] : put_in) {
          if (seq == m.seq) w = p;
        }
        weights.push_back(w);
      }
      const auto parts = market::SplitByContributions(st.view.balance, weights);
      if (mine < parts.size()) st.share_of_balance = parts[mine];
    }
    out = std::move(st);
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "pool.statement", "pool",
                                  pool.id.str(), AuditOutcome::kAllowed,
                                  "looked at the person's statement of a pooled budget");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

}  // namespace selfdirect::app
