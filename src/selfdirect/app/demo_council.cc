#include "selfdirect/app/demo_council.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/market.h"
#include "selfdirect/app/personal_assistants.h"
#include "selfdirect/app/ras_models.h"
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

std::string PoundsText(Pence p) {
  return fmt::format("{}.{:02}", p.value() / 100, p.value() % 100);
}

// A refused step is a bug in the generator: say which person and step, and why.
tl::unexpected<Error> Refused(const SyntheticPerson& p, std::string_view step, const Error& e) {
  std::string why = e.message;
  for (const FieldError& f : e.fields) why += "; " + f.field + ": " + f.message;
  return Fail(ErrorCode::kInternal,
              fmt::format("The demo council's {} for person {} ({} {}) was refused: {}", step,
                          p.index, p.person.given_name, p.person.family_name, why));
}

tl::unexpected<Error> DirectoryRefused(std::string_view what, const Error& e) {
  std::string why = e.message;
  for (const FieldError& f : e.fields) why += "; " + f.field + ": " + f.message;
  return Fail(ErrorCode::kInternal,
              fmt::format("The demo council's directory entry {} was refused: {}", what, why));
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
       "plans waiting for sign-off, and every decision with its reasons"},
      {"finance",
       "Finance officer",
       "finance@demoshire.example",
       "Mark Evans",
       {"finance-officer"},
       "demo-finance-pass",
       "budgets in payment and their accounts"},
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
       "concerns (none yet: the next phase)"},
      {"analyst",
       "Analyst",
       "analyst@demoshire.example",
       "Lin Chen",
       {"analyst"},
       "demo-analyst-pass",
       "pseudonymised reporting data"},
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
        report.sign_ins.push_back({u.role_title, u.email, u.password, u.finds});
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
    };
    std::vector<Written> done(council->people.size());
    std::int64_t count = 0;
    for (const simulate::Step& step : steps) {
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
      }
      ++count;
      if (options.on_progress && (count % 1000 == 0 || count == total_steps)) {
        options.on_progress(count, total_steps);
      }
    }
    report.steps = count;

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
