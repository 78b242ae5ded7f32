#include "selfdirect/store/sqlite_safeguarding.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using casework::Concern;

constexpr const char* kColumns =
    "council_id, concern_id, person_id, provider, plan_id, raised_by, raiser, raised_at, "
    "category, what_happened, immediate_risk, persons_wishes, status, triage_decision, "
    "triage_reasons, triaged_at, triaged_by, enquiry_led_by, enquiry_started_on, "
    "enquiry_recorded_at, enquiry_recorded_by, risk_outcome, actions_taken, outcomes_met, "
    "persons_view, closed_at, closed_by, revision";

Result<Timestamp> StampAt(const Statement& st, int column, const char* what) {
  auto t = ParseTimestamp(st.Text(column));
  if (!t) return tl::unexpected(CorruptValue(std::string("safeguarding_concerns.") + what));
  return *t;
}

Result<Concern> ReadConcern(const Statement& st) {
  Concern c;
  c.council = CouncilId(st.Text(0));
  c.id = ConcernId(st.Text(1));
  if (!st.IsNull(2)) c.person = PersonId(st.Text(2));
  c.provider = st.Text(3);
  if (!st.IsNull(4)) c.plan = PlanId(st.Text(4));
  c.raised_by = UserId(st.Text(5));
  auto raiser = casework::ParseRaiser(st.Text(6));
  if (!raiser) return tl::unexpected(CorruptValue("safeguarding_concerns.raiser"));
  c.raiser = *raiser;
  auto raised = StampAt(st, 7, "raised_at");
  if (!raised) return tl::unexpected(raised.error());
  c.raised_at = *raised;
  auto category = casework::ParseConcernCategory(st.Text(8));
  if (!category) return tl::unexpected(CorruptValue("safeguarding_concerns.category"));
  c.category = *category;
  c.what_happened = st.Text(9);
  c.immediate_risk = st.Int(10) != 0;
  c.persons_wishes = st.Text(11);
  auto status = casework::ParseConcernStatus(st.Text(12));
  if (!status) return tl::unexpected(CorruptValue("safeguarding_concerns.status"));
  c.status = *status;
  if (!st.IsNull(13)) {
    casework::ConcernTriage t;
    auto decision = casework::ParseTriageDecision(st.Text(13));
    if (!decision) return tl::unexpected(CorruptValue("safeguarding_concerns.triage_decision"));
    t.decision = *decision;
    t.reasons = st.Text(14);
    auto at = StampAt(st, 15, "triaged_at");
    if (!at) return tl::unexpected(at.error());
    t.at = *at;
    t.by = UserId(st.Text(16));
    c.triage = std::move(t);
  }
  if (!st.IsNull(17)) {
    casework::ConcernEnquiry e;
    e.led_by = st.Text(17);
    auto started = ParseIsoDate(st.Text(18));
    if (!started) return tl::unexpected(CorruptValue("safeguarding_concerns.enquiry_started_on"));
    e.started_on = *started;
    auto at = StampAt(st, 19, "enquiry_recorded_at");
    if (!at) return tl::unexpected(at.error());
    e.at = *at;
    e.by = UserId(st.Text(20));
    c.enquiry = std::move(e);
  }
  if (!st.IsNull(21)) {
    casework::ConcernClosure x;
    auto risk = casework::ParseRiskOutcome(st.Text(21));
    auto met = casework::ParseOutcomesMet(st.Text(23));
    if (!risk || !met) return tl::unexpected(CorruptValue("safeguarding_concerns.closure"));
    x.risk = *risk;
    x.actions_taken = st.Text(22);
    x.outcomes_met = *met;
    x.persons_view = st.Text(24);
    auto at = StampAt(st, 25, "closed_at");
    if (!at) return tl::unexpected(at.error());
    x.at = *at;
    x.by = UserId(st.Text(26));
    c.closure = std::move(x);
  }
  c.revision = st.Int(27);
  return c;
}

// The step columns (13 onwards) of a concern, as bind values.
struct StepValues {
  std::optional<std::string> triage_decision, triage_reasons, triaged_at, triaged_by;
  std::optional<std::string> led_by, started_on, enquiry_at, enquiry_by;
  std::optional<std::string> risk, actions, met, view, closed_at, closed_by;
};

StepValues Steps(const Concern& c) {
  StepValues v;
  if (c.triage) {
    v.triage_decision = casework::TriageDecisionCode(c.triage->decision);
    v.triage_reasons = c.triage->reasons;
    v.triaged_at = FormatTimestamp(c.triage->at);
    v.triaged_by = c.triage->by.str();
  }
  if (c.enquiry) {
    v.led_by = c.enquiry->led_by;
    v.started_on = FormatIsoDate(c.enquiry->started_on);
    v.enquiry_at = FormatTimestamp(c.enquiry->at);
    v.enquiry_by = c.enquiry->by.str();
  }
  if (c.closure) {
    v.risk = casework::RiskOutcomeCode(c.closure->risk);
    v.actions = c.closure->actions_taken;
    v.met = casework::OutcomesMetCode(c.closure->outcomes_met);
    v.view = c.closure->persons_view;
    v.closed_at = FormatTimestamp(c.closure->at);
    v.closed_by = c.closure->by.str();
  }
  return v;
}

}  // namespace

Status SqliteSafeguardingRepository::CreateConcern(const Concern& c) {
  auto st = c_.Prepare(std::string("INSERT INTO safeguarding_concerns (") + kColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)");
  if (!st) return tl::unexpected(st.error());
  const StepValues v = Steps(c);
  std::optional<std::string> person, plan;
  if (c.person) person = c.person->str();
  if (c.plan) plan = c.plan->str();
  return st
      ->Bind(c.council.str(), c.id.str(), person, c.provider, plan, c.raised_by.str(),
             casework::RaiserCode(c.raiser), FormatTimestamp(c.raised_at),
             casework::ConcernCategoryCode(c.category), c.what_happened, c.immediate_risk ? 1 : 0,
             c.persons_wishes, casework::ConcernStatusCode(c.status), v.triage_decision,
             v.triage_reasons, v.triaged_at, v.triaged_by, v.led_by, v.started_on, v.enquiry_at,
             v.enquiry_by, v.risk, v.actions, v.met, v.view, v.closed_at, v.closed_by, c.revision)
      .Run();
}

Result<std::optional<Concern>> SqliteSafeguardingRepository::FindConcern(const CouncilId& council,
                                                                         const ConcernId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kColumns +
                       " FROM safeguarding_concerns WHERE council_id = $1 AND concern_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<Concern>(*st, ReadConcern));
}

Status SqliteSafeguardingRepository::SaveConcern(const Concern& c, std::int64_t expected_revision) {
  // What was raised is never changed; only the status and the lead's steps.
  auto st = c_.Prepare(
      "UPDATE safeguarding_concerns SET status = $3, triage_decision = $4, triage_reasons = $5, "
      "triaged_at = $6, triaged_by = $7, enquiry_led_by = $8, enquiry_started_on = $9, "
      "enquiry_recorded_at = $10, enquiry_recorded_by = $11, risk_outcome = $12, "
      "actions_taken = $13, outcomes_met = $14, persons_view = $15, closed_at = $16, "
      "closed_by = $17, revision = revision + 1 "
      "WHERE council_id = $1 AND concern_id = $2 AND revision = $18");
  if (!st) return tl::unexpected(st.error());
  const StepValues v = Steps(c);
  auto run = st->Bind(c.council.str(), c.id.str(), casework::ConcernStatusCode(c.status),
                      v.triage_decision, v.triage_reasons, v.triaged_at, v.triaged_by, v.led_by,
                      v.started_on, v.enquiry_at, v.enquiry_by, v.risk, v.actions, v.met, v.view,
                      v.closed_at, v.closed_by, expected_revision)
                 .Run();
  if (!run) return run;
  if (c_.Changes() != 1) {
    return Fail(ErrorCode::kConflict,
                "Someone else updated this concern while you were working on it. Reload the "
                "page to see what they recorded, then try again");
  }
  return Ok();
}

Result<std::vector<Concern>> SqliteSafeguardingRepository::OpenConcerns(const CouncilId& council,
                                                                        int limit) {
  auto st = c_.Prepare(std::string("SELECT ") + kColumns +
                       " FROM safeguarding_concerns WHERE council_id = $1 AND status <> 'closed'"
                       " ORDER BY immediate_risk DESC, raised_at, concern_id LIMIT $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), std::int64_t{limit});
  return Collect<Concern>(*st, ReadConcern);
}

Result<std::vector<Concern>> SqliteSafeguardingRepository::ConcernsAbout(const CouncilId& council,
                                                                         const PersonId& person) {
  auto st = c_.Prepare(std::string("SELECT ") + kColumns +
                       " FROM safeguarding_concerns WHERE council_id = $1 AND person_id = $2"
                       " ORDER BY raised_at DESC, concern_id DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<Concern>(*st, ReadConcern);
}

}  // namespace selfdirect::store
