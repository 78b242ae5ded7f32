#include "selfdirect/app/demo_council.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <span>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/invoices.h"
#include "selfdirect/app/market.h"
#include "selfdirect/app/monitoring.h"
#include "selfdirect/app/payments.h"
#include "selfdirect/app/personal_assistants.h"
#include "selfdirect/app/pools.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/app/safeguarding.h"
#include "selfdirect/app/statements.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/text.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/random.h"

namespace selfdirect::app {
namespace {

using simulate::StepKind;
using simulate::SyntheticPerson;

// Runs every use case's transaction inside one outer transaction: the use cases commit
// together, or (when any fails) none of them does. Outside Run it passes straight through.
class BatchedStore final : public store::Store {
 public:
  explicit BatchedStore(store::Store& inner) : inner_(inner) {}

  Status Run(const std::function<Status()>& fn) {
    return inner_.Write([&](store::Transaction& tx) -> Status {
      tx_ = &tx;
      Status s = fn();
      tx_ = nullptr;
      return s;
    });
  }

  Status Write(const std::function<Status(store::Transaction&)>& fn) override {
    return tx_ ? fn(*tx_) : inner_.Write(fn);
  }
  // Reads inside the batch see what it has written so far.
  Status Read(const std::function<Status(store::Transaction&)>& fn) override {
    return tx_ ? fn(*tx_) : inner_.Read(fn);
  }
  Result<store::SchemaState> Schema() override { return inner_.Schema(); }

 private:
  store::Store& inner_;
  store::Transaction* tx_ = nullptr;
};

Timestamp At(Date day, int hour) {
  return Timestamp{date::sys_days{day}.time_since_epoch()} + std::chrono::hours{hour};
}

// Pounds as a file or form takes them: "40.00", "-12.50".
std::string PoundsText(Pence p) {
  const std::int64_t v = p.value();
  return fmt::format("{}{}.{:02}", v < 0 ? "-" : "", std::abs(v) / 100, std::abs(v) % 100);
}

// A refused step is a bug in the generator: say what was refused, and why.
tl::unexpected<Error> Refused(std::string_view what, const Error& e) {
  std::string why = e.message;
  for (const FieldError& f : e.fields) why += "; " + f.field + ": " + f.message;
  return Fail(ErrorCode::kInternal,
              fmt::format("The demo council's {} was refused: {}", what, why));
}

// … for one person: which person and step.
tl::unexpected<Error> Refused(const SyntheticPerson& p, std::string_view step, const Error& e) {
  return Refused(fmt::format("{} for person {} ({} {})", step, p.index, p.person.given_name,
                             p.person.family_name),
                 e);
}

tl::unexpected<Error> DirectoryRefused(std::string_view what, const Error& e) {
  return Refused(fmt::format("directory entry {}", what), e);
}

// Demoshire's prepaid card statements: ISO dates, one signed amount, no running balance.
constexpr std::string_view kDemoCardFormatName = "Demoshire prepaid card (demo)";
constexpr std::string_view kDemoCardFormat = R"(format: selfdirect-statement/1
name: Demoshire prepaid card (demo)
delimiter: comma
header: true
skip_rows: 0
order: oldest_first
columns:
  date: Date
  payee: Payee
  reference: Reference
  amount: Amount
date_formats: [yyyy-mm-dd]
amounts:
  money_out: negative
  allow_pound_sign: false
  allow_thousands_commas: false
)";
// Demoshire's own bank account, where people's contributions arrive: laid out as the card.
constexpr std::string_view kDemoBankFormatName = "Demoshire council bank (demo)";
std::string DemoBankFormat() {
  std::string yaml(kDemoCardFormat);
  const std::string card_name = "name: " + std::string(kDemoCardFormatName);
  yaml.replace(yaml.find(card_name), card_name.size(), "name: " + std::string(kDemoBankFormatName));
  return yaml;
}

// A number from 0 to 99 for `text`, the same on every run of the demo.
int Percentile(std::string_view text) { return static_cast<int>(Fnv1a(text) % 100); }

// The council's bank file for a run day: most people who owe a contribution pay all of it,
// quoting their reference (some written in lower case with a hyphen, as people do); some pay
// without one, so that a finance officer has lines to place; some do not pay this time. The
// bank's own charge is money out. Amounts as the format reads them: "40.00", "-12.50".
std::string DemoBankFile(std::span<const ledger::ContributionOwed> owing, Date day) {
  std::string csv = "Date,Payee,Reference,Amount\n";
  const std::string on = FormatIsoDate(day);
  for (const ledger::ContributionOwed& o : owing) {
    const int roll = Percentile(fmt::format("{}:{}", o.person.str(), on));
    if (roll >= 88) continue;  // not this time
    std::string payee;
    for (const char c : o.name)
      payee += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string reference = ledger::ContributionReference(o.person);
    if (roll >= 80) {
      reference = "CARE CONTRIBUTION";
    } else if (roll % 5 == 0) {
      for (char& c : reference) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reference.insert(2, "-");
    }
    csv += fmt::format("{},{},{},{}\n", on, payee, reference, PoundsText(o.owed));
  }
  csv += fmt::format("{},BANK CHARGES,DEMOSHIRE,{}\n", on, PoundsText(Pence(-1250)));
  return csv;
}

constexpr int kDaysBetweenRuns = 28;
constexpr const char* kYearWords[] = {"no",   "one", "two",   "three", "four",
                                      "five", "six", "seven", "eight", "nine"};
constexpr int kRunsBetweenStatements = 3;

// The person's direct-payment holding account, opened by the sign-off.
Result<std::optional<LedgerAccountId>> HoldingAccount(store::Store& store, const CouncilId& council,
                                                      const PersonId& person) {
  std::optional<LedgerAccountId> out;
  auto s = store.Read([&](store::Transaction& tx) -> Status {
    auto accounts =
        tx.Ledger().FindAccountsByOwner(council, {ledger::OwnerKind::kPerson, person.str()});
    if (!accounts) return tl::unexpected(accounts.error());
    for (const ledger::Account& a : *accounts) {
      if (a.type == ledger::AccountType::kDirectPaymentHolding && !a.closed()) out = a.id;
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

// An account and what can be spent from it now.
Result<std::pair<ledger::Account, Pence>> ReadAccount(store::Store& store, const CouncilId& council,
                                                      const LedgerAccountId& id) {
  std::optional<std::pair<ledger::Account, Pence>> out;
  auto s = store.Read([&](store::Transaction& tx) -> Status {
    auto account = tx.Ledger().FindAccount(council, id);
    if (!account) return tl::unexpected(account.error());
    if (!*account) return Fail(ErrorCode::kNotFound, "no such account");
    auto available = ledger::AvailableCreditBalance((*account)->balances);
    if (!available) return tl::unexpected(available.error());
    out.emplace(**account, *available);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return *out;
}

// The card statement for days [from, to): each week's planned spend at the person's rate, on the
// day of the week it falls, never more than the card holds (the money runs out first); money
// paid in every four weeks (the person's own contribution, a family top-up); in the first
// statement, anything bought once.
std::string DemoStatement(const simulate::SyntheticMoney& money, Date from, Date to,
                          Pence available, bool first) {
  std::string csv = "Date,Payee,Reference,Amount\n";
  std::int64_t left = available.value();
  bool any = false;
  // One line: money out (`pence` < 0) only when the card holds it, money in always.
  auto line = [&](Date on, std::string_view payee, std::string_view reference, std::int64_t pence) {
    if (pence == 0 || -pence > left) return;
    left += pence;
    any = true;
    const std::int64_t size = pence < 0 ? -pence : pence;
    csv += fmt::format("{},{},{},{}{}.{:02}\n", FormatIsoDate(on), payee, reference,
                       pence < 0 ? "-" : "", size / 100, size % 100);
  };
  // What is bought once, in the first statement, when the money for it has arrived.
  for (const simulate::DirectSpend& s : money.once) {
    if (first && AddDays(from, 14) < to) {
      line(AddDays(from, 14), s.payee, s.reference, -s.weekly_pence);
    }
  }
  // Someone new taking money every 7 days from the day it started, before anything else.
  for (Date day = money.taken_from; money.taken.weekly_pence > 0 && day < to;
       day = AddDays(day, 7)) {
    if (day >= from) line(day, money.taken.payee, money.taken.reference, -money.taken.weekly_pence);
  }
  int weeks = 0;
  for (Date week = from; AddDays(week, 7) <= to; week = AddDays(week, 7), ++weeks) {
    // Money paid in every four weeks, on the first day of the week, before that week's spending.
    for (const simulate::DirectSpend& in : money.money_in) {
      if (weeks % 4 == 0 && in.weekly_pence > 0) {
        line(week, in.payee, in.reference, in.weekly_pence);
      }
    }
    for (std::size_t i = 0; i < money.spend.size(); ++i) {
      const simulate::DirectSpend& s = money.spend[i];
      const std::int64_t amount = s.weekly_pence * money.spend_per_mille / 1000;
      if (amount <= 0) continue;
      line(AddDays(week, static_cast<int>(1 + i % 5)), s.payee,
           fmt::format("{} {}", s.reference, FormatIsoDate(week)), -amount);
    }
  }
  return any ? csv : "";
}

// Provider invoices: on each of the last three run days before the as-of date, every provider
// of council-arranged support sends a file of its invoices for the four weeks before it.
constexpr int kInvoicedPeriods = 3;
constexpr std::int64_t kFewerUnitsPerMille = 150;  // some visits did not happen: fewer units

// The weekly council-arranged items from a named provider of the plan in force on every day of
// [from, to]: none when the person's budget did not cover the whole period, was stopped in it
// or changed its plan during it (an invoice is matched to the plan of its first day).
Result<std::vector<casework::PlanItem>> InvoicedItems(store::Store& store, const CouncilId& council,
                                                      const PersonId& person, Date from, Date to) {
  std::vector<casework::PlanItem> out;
  auto s = store.Read([&](store::Transaction& tx) -> Status {
    auto budgets = tx.Payments().BudgetsOf(council, person);
    if (!budgets) return tl::unexpected(budgets.error());
    for (const ledger::BudgetRecord& b : *budgets) {
      if (to < b.start || (b.end && *b.end < from)) continue;
      if (from < b.start || (b.end && *b.end < to) || !b.suspensions.empty()) return Ok();
      const ledger::StoredTerms* in_force = nullptr;
      for (const ledger::StoredTerms& t : b.terms) {
        if (to < t.terms.from) continue;
        if (from < t.terms.from) return Ok();  // a new plan during the period
        in_force = &t;
      }
      if (in_force == nullptr) return Ok();
      auto plan = tx.Casework().FindPlan(council, in_force->plan);
      if (!plan) return tl::unexpected(plan.error());
      if (!*plan) return Ok();
      for (const casework::PlanItem& item : (*plan)->content.items) {
        if (item.route == casework::PaymentRoute::kCouncilArranged &&
            item.supplier == casework::Supplier::kProvider && !item.supplier_name.empty() &&
            item.frequency == casework::ItemFrequency::kPerWeek) {
          out.push_back(item);
        }
      }
      return Ok();
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

// A provider's invoice numbers start with its initials: "RHC-04127" for Riverside Home Care.
std::string InvoicePrefix(std::string_view provider) {
  std::string out;
  bool start = true;
  for (const char c : provider) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (letter && start) out += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    start = c == ' ';
  }
  return out.empty() ? "INV" : out;
}

// What is wrong with an invoice the demo makes not to match (held for a finance officer), and
// what the finance officer decides on the next run day.
enum class Mismatch { kNone, kMoreUnits, kPriceAbove, kNotInPlan, kBilledTwice };
constexpr Mismatch kMismatches[] = {Mismatch::kMoreUnits, Mismatch::kPriceAbove,
                                    Mismatch::kNotInPlan, Mismatch::kBilledTwice};

// Where the money is paid: the direct payment to the person's prepaid card; a managed budget to
// the organisation that holds it.
Status PaymentDetailsFor(Payments& payments, const Context& finance, const SyntheticPerson& p,
                         const PersonId& person) {
  const auto& items = p.plan->request.items;
  const auto managed = std::find_if(items.begin(), items.end(),
                                    [](const auto& i) { return i.route == "managed_budget"; });
  if (p.money) {
    auto set = payments.SetPaymentDetails(
        finance, person,
        {"direct_payment", p.person.given_name + " " + p.person.family_name, "", "",
         p.money->card_reference});
    if (!set) return tl::unexpected(set.error());
  }
  if (managed != items.end()) {
    auto set = payments.SetPaymentDetails(
        finance, person,
        {"managed_budget", managed->supplier_name + " (individual service fund)", "40-12-76",
         fmt::format("{:08}", 30'000'000 + p.index), ""});
    if (!set) return tl::unexpected(set.error());
  }
  return Ok();
}

Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "cli:demo", ""}; }

// The model file with its effective date moved to the start of the demo's history, so that
// assessments made in the first year are not dated before the model took effect.
std::string ModelEffectiveFrom(std::string_view text, Date from) {
  std::string out(text);
  const std::string key = "\neffective_from: ";
  const auto at = out.find(key);
  if (at == std::string::npos) return out;
  const auto end = out.find('\n', at + key.size());
  out.replace(at + key.size(), end - (at + key.size()), FormatIsoDate(from));
  return out;
}

// One demo user: who they are, their password, and what they will find.
struct DemoUser {
  const char* key;  // for this file
  const char* role_title;
  const char* email;
  const char* display_name;
  std::vector<std::string> roles;
  const char* password;  // nullptr: no password (a colleague who is not a demo sign-in)
  const char* finds;
};

}  // namespace

Result<std::string> WhyNotEmpty(store::Store& store) {
  std::string why;
  auto s = store.Read([&](store::Transaction& tx) -> Status {
    auto councils = tx.Councils().ListCouncils();
    if (!councils) return tl::unexpected(councils.error());
    if (councils->empty()) return Ok();
    const Council& first = councils->front();
    casework::PeopleQuery query;
    query.council = first.id;
    query.limit = 1;
    auto people = tx.Casework().ListPeople(query);
    if (!people) return tl::unexpected(people.error());
    why = fmt::format(
        "The database already has {} ({}{}){}. A demo council is only loaded into an empty "
        "database: give another --data file",
        councils->size() == 1 ? "a council" : fmt::format("{} councils", councils->size()),
        first.name, councils->size() == 1 ? "" : " and others",
        people->empty() ? "" : " with people on its records");
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return why;
}

Result<DemoCouncilReport> LoadDemoCouncil(store::Store& store, const DemoCouncilOptions& options) {
  auto why = WhyNotEmpty(store);
  if (!why) return tl::unexpected(why.error());
  if (!why->empty()) return Fail(ErrorCode::kFailedPrecondition, *why);

  // The council, generated in memory first: a bad request fails before anything is written.
  auto model = ras::LoadModel(DemoRasModel(), "points-price.yaml");
  if (!model) return Fail(ErrorCode::kInternal, "The demo council's RAS model does not load");
  simulate::CouncilOptions generate;
  generate.people = options.people;
  generate.seed = options.seed;
  generate.as_of = options.as_of;
  generate.years = options.years;
  auto council = simulate::GenerateCouncil(**model, generate);
  if (!council) return tl::unexpected(council.error());
  const std::vector<simulate::Step> steps = simulate::StepsInTimeOrder(*council);

  // A clock of our own, moved to each step's moment, and ids drawn from the seed.
  const Date first_day = DayOf(council->start);
  FixedClock clock(At(AddDays(first_day, -2), 8));
  simulate::Random id_stream = simulate::StageStream(options.seed, "ids");
  UlidGenerator ids(clock, [&id_stream](std::uint8_t* bytes, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      bytes[i] = static_cast<std::uint8_t>(id_stream.Next() >> 56);
    }
  });
  BatchedStore batch(store);
  Application application(batch, clock, ids);
  AccountsOptions accounts_options;
  accounts_options.hash_strength = options.hash_strength;
  Accounts accounts(batch, clock, ids, accounts_options);
  RasModels ras(batch, clock);
  Casework casework(batch, clock, ids, ras);
  Market market(batch, clock, ids);
  PersonalAssistants assistants(batch, clock, ids);
  Payments payments(batch, clock, ids);
  Statements statements(batch, clock, ids);
  Monitoring monitoring(batch, clock, ids);
  Safeguarding safeguarding(batch, clock, ids);
  Pools pools(batch, clock, ids);

  const std::vector<DemoUser> demo_users = {
      {"administrator",
       "Administrator",
       "administrator@demoshire.example",
       "Alex Morgan",
       {"administrator"},
       "demo-administrator-pass",
       "users, teams, the scheme and the published RAS model"},
      {"social_worker",
       "Social worker",
       "social.worker@demoshire.example",
       "Priya Shah",
       {"assessor"},
       "demo-social-worker-pass",
       "the North team's caseload: people at every stage, their plans, budgets and reviews"},
      {"north_2", "", "north.colleague@demoshire.example", "Tom Wright", {"assessor"}, nullptr, ""},
      {"south_1", "", "south.worker@demoshire.example", "Grace Mensah", {"assessor"}, nullptr, ""},
      {"south_2",
       "",
       "south.colleague@demoshire.example",
       "Daniel Kelly",
       {"assessor"},
       nullptr,
       ""},
      {"approver",
       "Approver",
       "approver@demoshire.example",
       "Helen Clarke",
       {"approver"},
       "demo-approver-pass",
       "plans waiting for sign-off, each with its budget and the reasons it differs from the "
       "indicative one"},
      {"finance",
       "Finance officer",
       "finance@demoshire.example",
       "Mark Evans",
       {"finance-officer"},
       "demo-finance-pass",
       "{} of payment runs, surplus and money-running-out alerts, contributions owed, budgets "
       "and accounts, and provider invoices with a handful held for a decision"},
      {"finance_2",
       "",
       "finance.colleague@demoshire.example",
       "Sam Wilson",
       {"finance-officer"},
       nullptr,
       ""},
      {"commissioner",
       "Commissioner",
       "commissioner@demoshire.example",
       "Ruth Green",
       {"commissioner"},
       "demo-commissioner-pass",
       "the market: the directory, and market shaping with a day centre people are leaving"},
      {"safeguarding",
       "Safeguarding lead",
       "safeguarding@demoshire.example",
       "Kwame Osei",
       {"safeguarding-lead"},
       "demo-safeguarding-pass",
       "open safeguarding concerns raised by social workers (waiting for triage, enquiries under "
       "way; closed ones on each person's record), and signals from the money monitoring"},
      {"analyst",
       "Analyst",
       "analyst@demoshire.example",
       "Lin Chen",
       {"analyst"},
       "demo-analyst-pass",
       "policy scenarios to run (a 25% cut, demand doubling, three futures) over a council made "
       "in memory"},
      {"auditor",
       "Auditor",
       "auditor@demoshire.example",
       "Keith Turner",
       {"auditor"},
       "demo-auditor-pass",
       "the audit log of everything above"},
  };

  DemoCouncilReport report;
  const auto total_steps = static_cast<std::int64_t>(steps.size());
  auto written = batch.Run([&]() -> Status {
    Context op = Context::Operator("demo generate");
    auto created = application.CreateCouncil(
        op, {std::string(kDemoCouncilCode), std::string(kDemoCouncilName)});
    if (!created) return tl::unexpected(created.error());
    report.council = *created;
    op.actor.council_id = created->id;
    auto scheme = application.CreateScheme(
        op, created->id, NewScheme{.name = "Adult social care", .kind = "adult-social-care"});
    if (!scheme) return tl::unexpected(scheme.error());
    auto published =
        ras.Publish(op, ModelEffectiveFrom(DemoRasModel(), FinancialYearOf(first_day).Start()));
    if (!published) return tl::unexpected(published.error());

    // Users, teams and the approver's limit.
    std::map<std::string, User> users;
    for (const DemoUser& u : demo_users) {
      auto added = accounts.AddUser(op, {created->id, u.email, u.display_name, u.roles});
      if (!added) return tl::unexpected(added.error());
      if (u.password != nullptr) {
        if (auto set = accounts.SetPasswordWithLink(op, created->code, added->password_link_token,
                                                    u.password);
            !set) {
          return set;
        }
        // "{}" in what they find: the years of history.
        const std::string years = options.years == 1 ? "a year"
                                  : options.years <= 9
                                      ? fmt::format("{} years", kYearWords[options.years])
                                      : fmt::format("{} years", options.years);
        report.sign_ins.push_back(
            {u.role_title, u.email, u.password, fmt::format(fmt::runtime(u.finds), years)});
      }
      users.emplace(u.key, added->user);
    }
    auto north = casework.CreateTeam(op, "North locality team");
    if (!north) return tl::unexpected(north.error());
    auto south = casework.CreateTeam(op, "South locality team");
    if (!south) return tl::unexpected(south.error());
    for (const auto& [team, key] : {std::pair{&*north, "social_worker"},
                                    {&*north, "north_2"},
                                    {&*south, "south_1"},
                                    {&*south, "south_2"}}) {
      if (auto s = casework.SetTeamMember(op, team->id, users.at(key).id, true); !s) return s;
    }
    if (auto s = casework.SetApprovalLimit(op, users.at("approver").id, "250000"); !s) return s;
    const User& approver = users.at("approver");
    auto worker_of = [&](const SyntheticPerson& p) -> const User& {
      const bool second = p.index % 2 == 1;
      if (p.team == "north") return users.at(second ? "north_2" : "social_worker");
      return users.at(second ? "south_2" : "south_1");
    };

    // The market: every provider and service in the directory, before any plan buys from it.
    const Context commissioner = As(users.at("commissioner"));
    std::vector<std::vector<ServiceId>> service_ids;
    for (const simulate::SyntheticProvider& sp : council->market) {
      auto provider = market.CreateProvider(commissioner, sp.request);
      if (!provider) return DirectoryRefused(sp.request.name, provider.error());
      auto& ids_of = service_ids.emplace_back();
      for (const market::ServiceRequest& service : sp.services) {
        auto added = market.AddService(commissioner, provider->id, service);
        if (!added) return DirectoryRefused(sp.request.name + ": " + service.what, added.error());
        ids_of.push_back(added->id);
        ++report.services;
      }
      ++report.providers;
    }
    // A plan as the generator wrote it, with each item's directory service by its id.
    auto with_services = [&](casework::PlanRequest request,
                             const std::vector<simulate::ServiceRef>& sources) {
      for (std::size_t i = 0; i < request.items.size() && i < sources.size(); ++i) {
        const simulate::ServiceRef ref = sources[i];
        if (!ref.found()) continue;
        request.items[i].service_id = service_ids[static_cast<std::size_t>(ref.provider)]
                                                 [static_cast<std::size_t>(ref.service)]
                                                     .str();
      }
      return request;
    };

    // Every case, one step at a time, in the order the council would have recorded them.
    struct Written {
      PersonId person;
      PlanId plan;
      std::int64_t revision = 0;
      std::optional<LedgerAccountId> holding;  // the direct payment's account, once signed off
      Date spent_to{};                         // the statements imported cover days before it
      bool statement_made = false;
      std::vector<casework::Concern> concerns;  // as last recorded, in the order raised
    };
    std::vector<Written> done(council->people.size());
    const Context lead = As(users.at("safeguarding"));

    // Money: a payment run every four weeks (approved by a second finance officer when above
    // the threshold), and every twelve weeks each direct payment holder's card statement.
    const Context finance = As(users.at("finance"));
    const Context finance_2 = As(users.at("finance_2"));
    // Runs are four-weekly, so each pays the four weeks ahead (ledger::PaysThrough).
    if (auto every = payments.SetFinanceSettings(As(users.at("administrator")),
                                                 {.run_every_days = kDaysBetweenRuns});
        !every) {
      return Refused("how often payments are run", every.error());
    }
    if (auto format = statements.AddFormat(
            finance,
            {std::string(kDemoCardFormatName), std::string(kDemoCardFormat), {"DEMOSHIRE DP"}});
        !format) {
      return tl::unexpected(format.error());
    }
    if (auto format =
            statements.AddFormat(finance, {std::string(kDemoBankFormatName), DemoBankFormat(), {}});
        !format) {
      return tl::unexpected(format.error());
    }
    // After each run, the contributions people paid into the council's bank, read from its file.
    auto contributions_on = [&](Date day) -> Status {
      std::vector<ledger::ContributionOwed> owing;
      auto read_owing = batch.Read([&](store::Transaction& tx) -> Status {
        auto o = tx.FinanceOverview().ContributionsOwed(report.council.id);
        if (!o) return tl::unexpected(o.error());
        owing = std::move(*o);
        return Ok();
      });
      if (!read_owing) return read_owing;
      if (owing.empty()) return Ok();
      std::sort(owing.begin(), owing.end(),
                [](const auto& a, const auto& b) { return a.person < b.person; });
      clock.Set(At(day, 15));
      auto read = payments.ReadContributionFile(finance, std::string(kDemoBankFormatName),
                                                DemoBankFile(owing, day), true);
      if (!read) return Refused("the council's bank file", read.error());
      report.contribution_payments += read->payments;
      report.bank_lines_for_you += read->for_you;
      return Ok();
    };
    Date next_run = AddDays(first_day, kDaysBetweenRuns - 1);
    std::int64_t runs = 0;
    // The overpayments the last run listed: a finance officer decides them before the next run,
    // so that each run lists only what is new (and what could not be recovered).
    std::vector<OverpaidPeriod> overpaid_last_run;
    auto import_statements = [&](Date to) -> Status {
      clock.Set(At(to, 12));
      for (const SyntheticPerson& p : council->people) {
        Written& w = done[static_cast<std::size_t>(p.index)];
        if (!p.money || !w.holding || w.spent_to >= to) continue;
        if (p.closure && ParseIsoDate(p.closure->request.effective_on).value() < to) continue;
        auto account = ReadAccount(batch, report.council.id, *w.holding);
        if (!account) return tl::unexpected(account.error());
        auto csv = DemoStatement(*p.money, w.spent_to, to, account->second, !w.statement_made);
        w.statement_made = true;
        w.spent_to = to;
        if (csv.empty()) continue;
        auto imported =
            statements.Import(finance, *w.holding, std::string(kDemoCardFormatName), csv);
        if (!imported) return Refused(p, "card statement", imported.error());
        ++report.statements;
      }
      return Ok();
    };
    // The pools, on a run day: proposed with everyone's consent, a member leaving, and each
    // period's shares collected (when every member's card holds their share) and paid out.
    std::vector<std::optional<market::PoolId>> pool_ids(council->pools.size());
    std::vector<bool> pool_left(council->pools.size(), false);
    auto pools_on = [&](Date day) -> Status {
      for (std::size_t i = 0; i < council->pools.size(); ++i) {
        const simulate::SyntheticPool& sp = council->pools[i];
        const SyntheticPerson& first = council->people[static_cast<std::size_t>(sp.members[0])];
        const Context social_worker = As(worker_of(first));
        if (!pool_ids[i] && day >= sp.proposed_on) {
          clock.Set(At(day, 10));
          ProposeRequest request;
          request.pool = {sp.name, sp.pays_for, "", "", sp.leaving_rule, {}};
          for (std::int64_t m : sp.members) {
            request.members.push_back({done[static_cast<std::size_t>(m)].person.str(),
                                       PoundsText(Pence(sp.share_pence)), true});
          }
          request.consent_how = sp.consent_how;
          auto proposed = pools.Propose(social_worker, request);
          if (!proposed) return Refused(first, "pool " + sp.name, proposed.error());
          pool_ids[i] = proposed->pool.id;
          ++report.pools;
        }
        if (!pool_ids[i]) continue;
        if (sp.leaves_on && !pool_left[i] && day >= *sp.leaves_on) {
          clock.Set(At(day, 10));
          const std::size_t leaver = static_cast<std::size_t>(sp.members.back());
          auto left = pools.Leave(social_worker, *pool_ids[i], done[leaver].person);
          if (!left) return Refused(council->people[leaver], "leaving " + sp.name, left.error());
          pool_left[i] = true;
        }
        clock.Set(At(day, 11));
        auto collected = pools.Collect(finance, *pool_ids[i]);
        // A member whose card holds less than their share: nothing moves this period.
        if (!collected && collected.error().code == ErrorCode::kConflict) continue;
        if (!collected) return Refused(first, "collecting " + sp.name, collected.error());
        if (collected->collected == 0) continue;
        auto paid = pools.Pay(finance, *pool_ids[i],
                              {FormatIsoDate(day), PoundsText(collected->total),
                               fmt::format("{}, 4 weeks from {}", sp.paid_to, FormatIsoDate(day))});
        if (!paid) return Refused(first, "paying out of " + sp.name, paid.error());
      }
      return Ok();
    };
    // Provider invoices, on each of the last kInvoicedPeriods run days: one file from each
    // provider for the four weeks before it, recorded by a finance officer with the import. Most
    // match the plan; a few do not (kMismatches) and are held with their reasons. What was held
    // on one run day is decided on the next, and what was posted exported, so the last run
    // day's are left for the finance officer.
    Invoices invoices(batch, clock, ids);
    simulate::Random invoice_stream = simulate::StageStream(options.seed, "invoices");
    std::map<std::string, std::int64_t> next_invoice_number;  // by provider
    struct HeldInvoice {
      InvoiceId id;
      Mismatch why = Mismatch::kNone;
      std::string first_number;  // billed twice: the invoice that billed the days first
    };
    std::vector<HeldInvoice> held;
    const Date last_run = AddDays(next_run, DaysBetween(next_run, AddDays(options.as_of, -1)) /
                                                kDaysBetweenRuns * kDaysBetweenRuns);
    const Date first_invoiced = AddDays(last_run, -(kInvoicedPeriods - 1) * kDaysBetweenRuns);
    auto invoices_on = [&](Date day) -> Status {
      if (day < first_invoiced) return Ok();
      clock.Set(At(day, 14));
      for (const HeldInvoice& h : held) {
        auto decided =
            h.why == Mismatch::kMoreUnits
                ? invoices.Approve(finance, h.id,
                                   "The extra hours were agreed with the social worker by phone "
                                   "while the person was unwell")
            : h.why == Mismatch::kPriceAbove
                ? invoices.Reject(finance, h.id,
                                  "The price is not the one agreed in the support plan: the "
                                  "provider has been asked to invoice again at the plan's price")
            : h.why == Mismatch::kNotInPlan
                ? invoices.Reject(finance, h.id,
                                  "This provider does not support this person: it has been asked "
                                  "to check the person's reference and invoice again")
                : invoices.Reject(finance, h.id,
                                  fmt::format("These days were billed on invoice {}: the "
                                              "provider agrees they were billed twice",
                                              h.first_number));
        if (!decided) return tl::unexpected(decided.error());
      }
      held.clear();
      // What was posted since the last export leaves for the accounts-payable system.
      if (day > first_invoiced) {
        auto exported = invoices.Export(finance);
        if (!exported && exported.error().code != ErrorCode::kFailedPrecondition) {
          return tl::unexpected(exported.error());
        }
      }

      // One line for each person and provider of their plan's weekly council-arranged items.
      struct Line {
        std::string provider;
        PersonId person;
        casework::PlanItem item;
        Date from, to;
        std::int64_t units = 0;  // hundredths
        Pence price;
        Mismatch why = Mismatch::kNone;
        std::optional<std::size_t> repeats;  // billed twice: the line that billed the days first
        std::string number;
      };
      const Date from = AddDays(day, -kDaysBetweenRuns), to = AddDays(day, -1);
      std::vector<Line> lines;
      for (const SyntheticPerson& p : council->people) {
        const Written& w = done[static_cast<std::size_t>(p.index)];
        if (!p.plan || !p.plan->approved_at || w.person.str().empty()) continue;
        if (p.closure && !(to < ParseIsoDate(p.closure->request.effective_on).value())) continue;
        auto items = InvoicedItems(batch, report.council.id, w.person, from, to);
        if (!items) return tl::unexpected(items.error());
        const std::size_t first = lines.size();
        for (const casework::PlanItem& item : *items) {
          // Another item from the same provider would bill the same days twice: one a provider.
          if (std::any_of(lines.begin() + static_cast<std::ptrdiff_t>(first), lines.end(),
                          [&](const Line& l) { return l.provider == item.supplier_name; })) {
            continue;
          }
          std::int64_t units = item.hundredths * kDaysBetweenRuns / 7;
          if (units >= 500 && invoice_stream.PerMille(kFewerUnitsPerMille)) {
            units -= invoice_stream.Between(1, 3) * 100;
          }
          lines.push_back({item.supplier_name, w.person, item, from, to, units, item.unit_price});
        }
      }

      // A handful of mismatches, each kind in turn, each on a line it fits.
      const std::size_t n = lines.size();
      const std::size_t mismatches =
          std::min<std::size_t>(n, std::clamp<std::size_t>(n / 60, 3, 8));
      std::size_t kind = invoice_stream.Below(std::size(kMismatches));
      std::vector<bool> picked(n, false);
      for (std::size_t tries = 0, made = 0; made < mismatches && tries < 50 * mismatches; ++tries) {
        const std::size_t i = invoice_stream.Below(n);
        if (picked[i]) continue;
        Line& line = lines[i];
        const std::int64_t planned = line.item.hundredths * kDaysBetweenRuns / 7;
        const Mismatch why = kMismatches[kind % std::size(kMismatches)];
        // Providers of the same kind of support, by the same unit, who are not theirs.
        std::vector<std::string> others;
        for (const simulate::SyntheticProvider& sp : council->market) {
          const bool theirs = std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
            return l.person == line.person && l.provider == sp.request.name;
          });
          const bool same_kind = std::any_of(
              sp.services.begin(), sp.services.end(), [&](const market::ServiceRequest& r) {
                return r.service_type == line.item.service_type && r.unit == line.item.unit;
              });
          if (same_kind && !theirs && !line.item.service_type.empty()) {
            others.push_back(sp.request.name);
          }
        }
        // Extra hours of help; an invoice from a provider of the same support who is not theirs.
        if ((why == Mismatch::kMoreUnits && line.item.unit != "hour") ||
            (why == Mismatch::kNotInPlan && others.empty())) {
          continue;
        }
        picked[i] = true;
        ++made;
        ++kind;
        switch (why) {
          case Mismatch::kMoreUnits:
            line.units = planned + invoice_stream.Between(2, 6) * 100;
            line.why = why;
            break;
          case Mismatch::kPriceAbove:
            line.units = planned;
            line.price = Pence(line.price.value() * invoice_stream.Between(105, 112) / 100);
            line.why = why;
            break;
          case Mismatch::kNotInPlan: {
            Line other = line;
            other.provider = others[invoice_stream.Below(others.size())];
            other.why = why;
            lines.push_back(std::move(other));
            break;
          }
          case Mismatch::kBilledTwice: {
            Line again = line;
            again.from = AddDays(to, -6);
            again.units = line.item.hundredths;
            again.price = line.item.unit_price;
            again.why = why;
            again.repeats = i;
            lines.push_back(std::move(again));
            break;
          }
          case Mismatch::kNone:
            break;
        }
      }

      // Each provider's file, in the order of the providers' names.
      std::map<std::string, std::vector<std::size_t>> files;
      for (std::size_t i = 0; i < lines.size(); ++i) files[lines[i].provider].push_back(i);
      clock.Set(At(day, 15));
      for (const auto& [provider, rows] : files) {
        auto [next, added] = next_invoice_number.try_emplace(provider, 0);
        if (added) next->second = invoice_stream.Between(1000, 8999);
        std::string csv =
            "provider,person_id,invoice_number,period_from,period_to,units,unit_price,total\n";
        for (const std::size_t i : rows) {
          Line& l = lines[i];
          l.number = fmt::format("{}-{:05}", InvoicePrefix(provider), next->second++);
          auto total = ledger::AmountFor(l.units, l.price);
          if (!total) return tl::unexpected(total.error());
          AppendCsvField(csv, provider);
          csv += fmt::format(",{},{},{},{},{},{},{}\n", l.person.str(), l.number,
                             FormatIsoDate(l.from), FormatIsoDate(l.to),
                             ledger::FormatUnits(l.units), PoundsText(l.price), PoundsText(*total));
        }
        auto imported = invoices.Import(finance, csv);
        if (!imported) return Refused("file of invoices from " + provider, imported.error());
        report.invoices += static_cast<std::int64_t>(imported->invoices.size());
        // Held exactly when made not to match: anything else is a bug in the demo.
        for (std::size_t j = 0; j < rows.size() && j < imported->invoices.size(); ++j) {
          const Line& l = lines[rows[j]];
          const ledger::Invoice& recorded = imported->invoices[j].invoice;
          const bool is_held = recorded.status == ledger::InvoiceStatus::kHeld;
          if (is_held != (l.why != Mismatch::kNone)) {
            return Fail(ErrorCode::kInternal,
                        fmt::format("The demo council's invoice {} from {} was {}: {}", l.number,
                                    provider, is_held ? "held" : "not held",
                                    is_held ? recorded.hold_reasons.front() : "it matched"));
          }
          if (is_held) {
            held.push_back({recorded.id, l.why, l.repeats ? lines[*l.repeats].number : ""});
          }
        }
      }
      report.invoices_held = static_cast<std::int64_t>(held.size());
      return Ok();
    };
    // Every run due on or before `day`, at 7 in the morning, before the day's casework.
    auto run_payments_to = [&](Date day) -> Status {
      for (; next_run <= day; next_run = AddDays(next_run, kDaysBetweenRuns)) {
        clock.Set(At(next_run, 6));
        for (const OverpaidPeriod& o : overpaid_last_run) {
          if (o.recovered) continue;
          auto decided = payments.RecoverOverpayment(
              finance, o.person, o.recovery_id,
              o.credit
                  ? "The budget did not fund these days, so nothing is owed for them"
                  : "These days were not funded; we wrote to you before taking the money back");
          if (decided) {
            ++report.overpayments_decided;
          } else if (decided.error().code != ErrorCode::kConflict) {
            // kConflict: no longer owed, or the account holds less (repayment agreed instead).
            return tl::unexpected(decided.error());
          }
        }
        overpaid_last_run.clear();
        clock.Set(At(next_run, 7));
        auto run = payments.RunDate(finance, next_run);
        // Before the first budget is signed off, nothing is due: no run.
        if (!run && run.error().code == ErrorCode::kFailedPrecondition) continue;
        if (!run) return tl::unexpected(run.error());
        overpaid_last_run = run->overpaid;
        if (run->run && run->run->status == ledger::RunStatus::kAwaitingApproval) {
          clock.Set(At(next_run, 8));
          auto approved = payments.Approve(finance_2, run->run->id);
          if (!approved) return tl::unexpected(approved.error());
          auto released = payments.Release(finance, run->run->id);
          if (!released) return tl::unexpected(released.error());
          overpaid_last_run = released->overpaid;
        }
        ++runs;
        if (auto s = pools_on(next_run); !s) return s;
        if (runs % kRunsBetweenStatements == 0) {
          if (auto s = import_statements(next_run); !s) return s;
        }
        if (auto s = invoices_on(next_run); !s) return s;
        if (auto s = contributions_on(next_run); !s) return s;
      }
      return Ok();
    };

    std::int64_t count = 0;
    for (const simulate::Step& step : steps) {
      if (auto s = run_payments_to(DayOf(step.at)); !s) return s;
      clock.Set(step.at);
      const SyntheticPerson& p = council->people[static_cast<std::size_t>(step.person)];
      Written& w = done[static_cast<std::size_t>(step.person)];
      const Context worker = As(worker_of(p));
      switch (step.kind) {
        case StepKind::kContact: {
          auto r =
              casework.CreatePerson(worker, p.person,
                                    {FormatIsoDate(DayOf(p.contact.at)), p.contact.route_of_access,
                                     p.contact.asked_for, p.contact.outcome});
          if (!r) return Refused(p, "first contact", r.error());
          w.person = r->record.person.id;
          break;
        }
        case StepKind::kEligibility: {
          auto r = casework.RecordEligibility(worker, w.person, p.eligibility->request);
          if (!r) return Refused(p, "eligibility decision", r.error());
          break;
        }
        case StepKind::kAssessment: {
          auto r = casework.RecordAssessment(
              worker, w.person, {(*model)->id, p.assessment->completed_by, p.assessment->answers});
          if (!r) return Refused(p, "assessment", r.error());
          if (r->amount_pence != p.assessment->amount_pence) {
            return Fail(ErrorCode::kInternal,
                        fmt::format("The published model gave person {} {} pence, the "
                                    "generator {}",
                                    p.index, r->amount_pence, p.assessment->amount_pence));
          }
          break;
        }
        case StepKind::kStartPlan: {
          auto r = casework.CreatePlan(worker, w.person,
                                       with_services(p.plan->request, p.plan->sources));
          if (!r) return Refused(p, "support plan", r.error());
          w.plan = r->plan.id;
          w.revision = r->plan.revision;
          break;
        }
        case StepKind::kSubmitPlan:
        case StepKind::kResubmitPlan:
        case StepKind::kSubmitRevision: {
          if (step.kind == StepKind::kResubmitPlan) {
            // The plan is saved again in answer to the approver's comments, then submitted.
            auto saved = casework.UpdatePlan(
                worker, w.plan, with_services(p.plan->request, p.plan->sources), w.revision);
            if (!saved) return Refused(p, "plan's changes", saved.error());
            w.revision = saved->plan.revision;
          }
          auto r = casework.SubmitPlan(worker, w.plan, w.revision);
          if (!r) {
            return Refused(p,
                           step.kind == StepKind::kSubmitRevision ? "revised plan's submission"
                                                                  : "plan's submission",
                           r.error());
          }
          w.revision = r->plan.revision;
          break;
        }
        case StepKind::kReturnPlan: {
          auto r = casework.DecidePlan(As(approver), w.plan,
                                       {"return", p.plan->return_comments, "", "", "", w.revision});
          if (!r) return Refused(p, "plan's return", r.error());
          w.revision = r->plan.revision;
          break;
        }
        case StepKind::kApprovePlan:
        case StepKind::kApproveRevision: {
          // A revised plan keeps the budget, and so the reason it differs from the indicative.
          const bool revised = step.kind == StepKind::kApproveRevision;
          auto r =
              casework.DecidePlan(As(approver), w.plan,
                                  {"approve", "", PoundsText(p.plan->actual_annual),
                                   p.plan->variance_category, p.plan->variance_words, w.revision});
          if (!r) return Refused(p, revised ? "revised plan's sign-off" : "sign-off", r.error());
          w.revision = r->plan.revision;
          if (revised) break;
          if (auto s = PaymentDetailsFor(payments, finance, p, w.person); !s) {
            return Refused(p, "payment details", s.error());
          }
          if (p.money) {
            auto holding = HoldingAccount(batch, report.council.id, w.person);
            if (!holding) return tl::unexpected(holding.error());
            w.holding = *holding;
            w.spent_to = DayOf(step.at);
          }
          // Each personal assistant the plan pays for, recorded for the employer.
          for (const casework::PlanItemRequest& item : p.plan->request.items) {
            if (item.supplier != "personal_assistant") continue;
            const std::string day = FormatIsoDate(DayOf(step.at));
            casework::PersonalAssistantRequest pa;
            pa.name = item.supplier_name;
            pa.hourly_rate = item.unit_price;
            pa.hours_per_week = item.quantity;
            pa.starts_on = day;
            pa.right_to_work_checked_on = day;
            pa.dbs_checked_on = day;
            pa.close_relative_in_household = false;
            auto added = assistants.Add(worker, w.person, pa);
            if (!added) return Refused(p, "personal assistant", added.error());
          }
          break;
        }
        case StepKind::kReview: {
          auto r = casework.RecordReview(worker, w.person,
                                         p.reviews[static_cast<std::size_t>(step.n)].request);
          if (!r) return Refused(p, fmt::format("review {}", step.n + 1), r.error());
          break;
        }
        case StepKind::kStartRevision: {
          const simulate::SyntheticRevision& revision =
              *p.reviews[static_cast<std::size_t>(step.n)].revision;
          auto r = casework.CreatePlan(worker, w.person,
                                       with_services(revision.request, revision.sources));
          if (!r) return Refused(p, "revised plan", r.error());
          w.plan = r->plan.id;
          w.revision = r->plan.revision;
          break;
        }
        case StepKind::kClose: {
          auto r = casework.CloseCase(worker, w.person, p.closure->request);
          if (!r) return Refused(p, "closure", r.error());
          break;
        }
        case StepKind::kContribution: {
          // The financial assessment is a finance officer's to record.
          auto r = casework.RecordContribution(finance, w.person, p.contribution->request);
          if (!r) return Refused(p, "financial assessment", r.error());
          ++report.contributions;
          break;
        }
        case StepKind::kRaiseConcern: {
          casework::NewConcern request = p.concerns[static_cast<std::size_t>(step.n)].request;
          request.plan = w.plan.str();
          auto r = safeguarding.Raise(worker, w.person, request);
          if (!r) return Refused(p, "safeguarding concern", r.error());
          w.concerns.push_back(*r);
          ++report.concerns;
          break;
        }
        case StepKind::kTriageConcern:
        case StepKind::kStartEnquiry:
        case StepKind::kCloseConcern: {
          const auto n = static_cast<std::size_t>(step.n);
          const simulate::SyntheticConcern& c = p.concerns[n];
          casework::Concern& stored = w.concerns.at(n);
          auto r = step.kind == StepKind::kTriageConcern
                       ? safeguarding.Triage(lead, stored.id, c.triage, stored.revision)
                   : step.kind == StepKind::kStartEnquiry
                       ? safeguarding.StartEnquiry(lead, stored.id, c.enquiry, stored.revision)
                       : safeguarding.Close(lead, stored.id, c.closure, stored.revision);
          if (!r) return Refused(p, "safeguarding lead's step", r.error());
          stored = r->concern;
          break;
        }
      }
      ++count;
      if (options.on_progress && (count % 1000 == 0 || count == total_steps)) {
        options.on_progress(count, total_steps);
      }
    }
    report.steps = count;
    if (auto s = run_payments_to(AddDays(options.as_of, -1)); !s) return s;
    // The spending since the last statements, so that "My money" shows this month's.
    if (auto s = import_statements(AddDays(options.as_of, -1)); !s) return s;
    // The proportionate checks on yesterday's books: surpluses and money running out.
    clock.Set(At(AddDays(options.as_of, -1), 18));
    auto checked = monitoring.Run(finance, AddDays(options.as_of, -1));
    if (!checked) return tl::unexpected(checked.error());
    for (const auto& [kind, n] : checked->raised) report.alerts += n;
    report.payment_runs = runs;

    // A budget holder who signs in to their own record (a working-age adult with a direct
    // payment), and a representative: the son of an older person whose direct payment he runs.
    clock.Set(At(AddDays(options.as_of, -1), 17));
    // Preferably signed off in the last ten months (their budget's year is still running) for a
    // middling amount, so that what they see is typical.
    const SyntheticPerson* holder = nullptr;
    const SyntheticPerson* represented = nullptr;
    for (const bool typical : {true, false}) {
      for (const SyntheticPerson& p : council->people) {
        if (!p.plan || !p.plan->approved_at || p.team != "north") continue;
        const bool dp = std::any_of(p.plan->request.items.begin(), p.plan->request.items.end(),
                                    [](const auto& i) { return i.route == "direct_payment"; });
        const bool recent = DaysBetween(DayOf(*p.plan->approved_at), options.as_of) <= 300;
        const std::int64_t actual = p.plan->actual_annual.value();
        if (!dp || (typical && (!recent || actual < 8'000'00 || actual > 40'000'00))) continue;
        if (holder == nullptr && p.age < 65) holder = &p;
        if (represented == nullptr && p.age >= 75) represented = &p;
      }
    }
    if (holder != nullptr) {
      const PersonId& id = done[static_cast<std::size_t>(holder->index)].person;
      const std::string name = holder->person.given_name + " " + holder->person.family_name;
      auto added = accounts.AddUser(
          op, {created->id, "budget.holder@demoshire.example", name, {"budget-holder"}, id.str()});
      if (!added) return tl::unexpected(added.error());
      if (auto set = accounts.SetPasswordWithLink(op, created->code, added->password_link_token,
                                                  "demo-budget-holder-pass");
          !set) {
        return set;
      }
      report.sign_ins.push_back({"Budget holder", "budget.holder@demoshire.example",
                                 "demo-budget-holder-pass",
                                 fmt::format("{}'s own plan, budget and direct payment", name)});
    }
    if (represented != nullptr) {
      const PersonId& id = done[static_cast<std::size_t>(represented->index)].person;
      const std::string name = "Michael " + represented->person.family_name;
      auto added = accounts.AddUser(
          op, {created->id, "representative@demoshire.example", name, {"representative"}});
      if (!added) return tl::unexpected(added.error());
      if (auto set = accounts.SetPasswordWithLink(op, created->code, added->password_link_token,
                                                  "demo-representative-pass");
          !set) {
        return set;
      }
      auto granted =
          accounts.GrantAccess(As(worker_of(*represented)), id,
                               {"representative@demoshire.example",
                                {"view", "manage-money", "write-plan"},
                                FormatIsoDate(AddDays(options.as_of, 365)),
                                fmt::format("{} helps {} run the direct payment and write the plan",
                                            name, represented->person.given_name)});
      if (!granted) return Refused(*represented, "representative's access", granted.error());
      report.sign_ins.push_back(
          {"Representative", "representative@demoshire.example", "demo-representative-pass",
           fmt::format("the record of {} {}, whom they help", represented->person.given_name,
                       represented->person.family_name)});
    }
    return Ok();
  });
  if (!written) return tl::unexpected(written.error());

  for (const SyntheticPerson& p : council->people) {
    ++report.people;
    report.reviews += static_cast<std::int64_t>(p.reviews.size());
    if (p.closure) {
      ++report.closed;
    } else if (p.contact.outcome != "to_assessment") {
      ++report.no_further_action;
    } else if (p.eligibility && !p.eligibility->eligible) {
      ++report.not_eligible;
    } else if (p.plan && p.plan->approved_at) {
      ++report.signed_off;
    } else if (p.plan && p.plan->submitted_at && (!p.plan->returned_at || p.plan->resubmitted_at)) {
      ++report.awaiting_sign_off;
    } else if (p.plan || p.assessment) {
      ++report.planning;
    } else {
      ++report.in_assessment;
    }
  }
  return report;
}

}  // namespace selfdirect::app
