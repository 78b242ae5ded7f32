#include "selfdirect/store/sqlite_casework.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using casework::CaseState;
using casework::Stage;

constexpr const char* kPersonColumns =
    "council_id, person_id, given_name, family_name, date_of_birth, nhs_number, address, "
    "postcode, phone, email, gender, ethnicity, primary_support_reason, accommodation, "
    "employment, has_unpaid_carer, easy_read, large_print, interpreter_language, "
    "communication_other, stage, has_active_plan, created_at, created_by, revision";
// What a read selects: the columns above and the next review's date.
const std::string kPersonSelect = std::string(kPersonColumns) + ", review_due, team_id";

std::optional<Stage> ParseStage(const std::string& name) {
  for (Stage s : {Stage::kContact, Stage::kNotEligible, Stage::kAssessment, Stage::kPlanning,
                  Stage::kAwaitingSignOff, Stage::kActive, Stage::kClosed}) {
    if (name == casework::StageName(s)) return s;
  }
  return std::nullopt;
}

// Teams as ",id1,id2," for an instr() test: a person is listed when unallocated or allocated to
// one of them; "," lists only the unallocated, "" everyone.
std::string TeamList(const std::optional<std::vector<TeamId>>& teams) {
  if (!teams) return "";
  std::string out = ",";
  for (const TeamId& t : *teams) out += t.str() + ",";
  return out;
}

// A list of keys (ids) in one statement: `column IN ($2, $3, …)` with kKeysPerStatement
// placeholders, the keys bound in order and the rest NULL (which matches nothing). A fixed SQL
// text keeps one cached statement per query, and both SQLite and PostgreSQL take it; a longer
// list is read a chunk at a time. $1 is the council.
constexpr int kKeysPerStatement = 200;

std::string KeysIn(std::string_view column) {
  std::string out = std::string(column) + " IN (";
  for (int i = 0; i < kKeysPerStatement; ++i) {
    out += (i == 0 ? "$" : ", $") + std::to_string(i + 2);
  }
  return out + ")";
}

// Runs sql (which has a KeysIn) for each chunk of the keys, duplicates dropped, and reads every
// row with read_row. Rows come chunk by chunk, each in the statement's ORDER BY.
template <typename T, typename ReadRow>
Result<std::vector<T>> CollectForKeys(Connection& c, const std::string& sql,
                                      const CouncilId& council, std::vector<std::string> keys,
                                      ReadRow read_row) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<T> out;
  for (std::size_t start = 0; start < keys.size(); start += kKeysPerStatement) {
    auto st = c.Prepare(sql);
    if (!st) return tl::unexpected(st.error());
    st->BindOne(1, council.str());
    for (int i = 0; i < kKeysPerStatement; ++i) {
      const std::size_t k = start + static_cast<std::size_t>(i);
      if (k < keys.size()) {
        st->BindOne(i + 2, keys[k]);
      } else {
        st->BindOne(i + 2, std::nullopt);
      }
    }
    auto rows = Collect<T>(*st, read_row);
    if (!rows) return tl::unexpected(rows.error());
    std::move(rows->begin(), rows->end(), std::back_inserter(out));
  }
  return out;
}

template <typename Id>
std::vector<std::string> Keys(const std::vector<Id>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const Id& id : ids) out.push_back(id.str());
  return out;
}

Result<casework::PersonRecord> ReadPerson(const Statement& st) {
  casework::PersonRecord r;
  casework::Person& p = r.person;
  p.council = CouncilId(st.Text(0));
  p.id = PersonId(st.Text(1));
  p.given_name = st.Text(2);
  p.family_name = st.Text(3);
  auto dob = ParseIsoDate(st.Text(4));
  if (!dob) return tl::unexpected(CorruptValue("people.date_of_birth"));
  p.date_of_birth = *dob;
  p.nhs_number = st.Text(5);
  p.address = st.Text(6);
  p.postcode = st.Text(7);
  p.phone = st.Text(8);
  p.email = st.Text(9);
  p.gender = st.Text(10);
  p.ethnicity = st.Text(11);
  p.primary_support_reason = st.Text(12);
  p.accommodation = st.Text(13);
  p.employment = st.Text(14);
  p.has_unpaid_carer = st.Text(15);
  p.communication.easy_read = st.Int(16) != 0;
  p.communication.large_print = st.Int(17) != 0;
  p.communication.interpreter_language = st.Text(18);
  p.communication.other = st.Text(19);
  auto stage = ParseStage(st.Text(20));
  if (!stage) return tl::unexpected(CorruptValue("people.stage"));
  r.state = CaseState{*stage, st.Int(21) != 0};
  auto created = ParseTimestamp(st.Text(22));
  if (!created) return tl::unexpected(CorruptValue("people.created_at"));
  p.created_at = *created;
  p.created_by = UserId(st.Text(23));
  p.revision = st.Int(24);
  if (const std::string due = st.Text(25); !due.empty()) {
    auto day = ParseIsoDate(due);
    if (!day) return tl::unexpected(CorruptValue("people.review_due"));
    r.review_due = *day;
  }
  if (std::string team = st.Text(26); !team.empty()) r.team = TeamId(std::move(team));
  return r;
}

}  // namespace

Status SqliteCaseworkRepository::CreatePerson(const casework::Person& p, const CaseState& s) {
  auto st = c_.Prepare(std::string("INSERT INTO people (") + kPersonColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)");
  if (!st) return tl::unexpected(st.error());
  auto result =
      st->Bind(p.council.str(), p.id.str(), p.given_name, p.family_name,
               FormatIsoDate(p.date_of_birth), p.nhs_number, p.address, p.postcode, p.phone,
               p.email, p.gender, p.ethnicity, p.primary_support_reason, p.accommodation,
               p.employment, p.has_unpaid_carer, p.communication.easy_read ? 1 : 0,
               p.communication.large_print ? 1 : 0, p.communication.interpreter_language,
               p.communication.other, casework::StageName(s.stage), s.has_active_plan ? 1 : 0,
               FormatTimestamp(p.created_at), p.created_by.str(), p.revision)
          .Run();
  if (!result && result.error().code == ErrorCode::kConflict) {
    return tl::unexpected(Error{ErrorCode::kConflict,
                                "Another person already has this NHS number",
                                {{"nhs_number",
                                  "Another person's record already has this NHS "
                                  "number; search for them instead"}}});
  }
  return result;
}

Result<std::optional<casework::PersonRecord>> SqliteCaseworkRepository::FindPerson(
    const CouncilId& council, const PersonId& id) {
  auto st = c_.Prepare("SELECT " + kPersonSelect +
                       " FROM people WHERE council_id = $1 AND person_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<casework::PersonRecord>(*st, ReadPerson));
}

Result<std::optional<PersonId>> SqliteCaseworkRepository::FindPersonByNhsNumber(
    const CouncilId& council, const std::string& nhs_number) {
  if (nhs_number.empty()) return std::optional<PersonId>();  // '' means "no number", not a match
  auto st = c_.Prepare("SELECT person_id FROM people WHERE council_id = $1 AND nhs_number = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), nhs_number);
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<PersonId>();
  return std::optional<PersonId>(PersonId(st->Text(0)));
}

Status SqliteCaseworkRepository::SaveCaseState(const CouncilId& council, const PersonId& id,
                                               const CaseState& s, std::int64_t expected_revision) {
  auto st = c_.Prepare(
      "UPDATE people SET stage = $3, has_active_plan = $4, revision = revision + 1 "
      "WHERE council_id = $1 AND person_id = $2 AND revision = $5");
  if (!st) return tl::unexpected(st.error());
  auto run = st->Bind(council.str(), id.str(), casework::StageName(s.stage),
                      s.has_active_plan ? 1 : 0, expected_revision)
                 .Run();
  if (!run) return run;
  if (c_.Changes() != 1) {
    return Fail(ErrorCode::kConflict,
                "Someone else changed this person's record while you were working on it. "
                "Reload the page to see their change, then try again");
  }
  return Ok();
}

Result<std::vector<casework::PersonRecord>> SqliteCaseworkRepository::ListPeople(
    const casework::PeopleQuery& q) {
  auto st = c_.Prepare("SELECT " + kPersonSelect +
                       " FROM people WHERE council_id = $1 AND ($2 = '' OR stage = $2)"
                       " AND ($5 = '' OR team_id = '' OR instr($5, ',' || team_id || ',') > 0)"
                       " AND person_id > $3 ORDER BY person_id LIMIT $4");
  if (!st) return tl::unexpected(st.error());
  st->Bind(q.council.str(), q.stage ? casework::StageName(*q.stage) : "", q.after_person,
           std::int64_t{q.limit}, TeamList(q.teams));
  return Collect<casework::PersonRecord>(*st, ReadPerson);
}

Result<std::vector<casework::PersonRecord>> SqliteCaseworkRepository::ReviewsDue(
    const casework::ReviewsDueQuery& q) {
  auto st =
      c_.Prepare("SELECT " + kPersonSelect +
                 " FROM people WHERE council_id = $1 AND review_due <> '' AND review_due <= $2"
                 " AND (review_due, person_id) > ($3, $4)"
                 " AND ($6 = '' OR team_id = '' OR instr($6, ',' || team_id || ',') > 0)"
                 " ORDER BY review_due, person_id LIMIT $5");
  if (!st) return tl::unexpected(st.error());
  st->Bind(q.council.str(), FormatIsoDate(q.due_by),
           q.after_due ? FormatIsoDate(*q.after_due) : std::string(), q.after_person,
           std::int64_t{q.limit}, TeamList(q.teams));
  return Collect<casework::PersonRecord>(*st, ReadPerson);
}

Status SqliteCaseworkRepository::AddContact(const casework::Contact& x) {
  auto st = c_.Prepare(
      "INSERT INTO contacts (council_id, contact_id, person_id, contact_date, route_of_access, "
      "asked_for, outcome, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(x.council.str(), x.id.str(), x.person.str(), FormatIsoDate(x.contact_date),
             x.route_of_access, x.asked_for, x.outcome, FormatTimestamp(x.recorded_at),
             x.recorded_by.str())
      .Run();
}

Result<std::vector<casework::Contact>> SqliteCaseworkRepository::ContactsOf(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, contact_id, person_id, contact_date, route_of_access, asked_for, "
      "outcome, recorded_at, recorded_by FROM contacts WHERE council_id = $1 AND person_id = $2 "
      "ORDER BY contact_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<casework::Contact>(*st, [](const Statement& s) -> Result<casework::Contact> {
    auto day = ParseIsoDate(s.Text(3));
    auto at = ParseTimestamp(s.Text(7));
    if (!day || !at) return tl::unexpected(CorruptValue("contacts"));
    return casework::Contact{CouncilId(s.Text(0)),
                             ContactId(s.Text(1)),
                             PersonId(s.Text(2)),
                             *day,
                             s.Text(4),
                             s.Text(5),
                             s.Text(6),
                             *at,
                             UserId(s.Text(8))};
  });
}

Status SqliteCaseworkRepository::AddDetermination(const casework::Determination& d) {
  auto st = c_.Prepare(
      "INSERT INTO eligibility_determinations (council_id, determination_id, person_id, kind, "
      "needs_arise_from_condition, health_deteriorating, significant_impact, wellbeing_notes, "
      "summary, eligible, reasoning, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $11, $12, $13)");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(d.council.str(), d.id.str(), d.person.str(), casework::DeterminationKindName(d.kind),
               d.needs_arise_from_condition ? 1 : 0, d.health_deteriorating ? 1 : 0,
               d.significant_impact_on_wellbeing ? 1 : 0, d.wellbeing_notes, d.summary,
               d.eligible ? 1 : 0, d.reasoning, FormatTimestamp(d.decided_at), d.decided_by.str())
          .Run();
  if (!run) return run;
  for (std::size_t i = 0; i < d.outcomes.size(); ++i) {
    const auto& o = d.outcomes[i];
    auto row = c_.Prepare(
        "INSERT INTO eligibility_outcomes (council_id, determination_id, position, outcome, "
        "achieved, reason, notes) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    if (!row) return tl::unexpected(row.error());
    std::optional<std::string> reason;
    if (o.reason) reason = casework::UnableReasonCode(*o.reason);
    if (auto r = row->Bind(d.council.str(), d.id.str(), static_cast<std::int64_t>(i), o.outcome,
                           o.achieved ? 1 : 0, reason, o.notes)
                     .Run();
        !r) {
      return r;
    }
  }
  return Ok();
}

Result<std::optional<casework::Determination>> SqliteCaseworkRepository::LatestDetermination(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, determination_id, person_id, kind, needs_arise_from_condition, "
      "health_deteriorating, significant_impact, wellbeing_notes, summary, eligible, reasoning, "
      "decided_at, decided_by FROM eligibility_determinations WHERE council_id = $1 AND "
      "person_id = $2 ORDER BY determination_id DESC LIMIT 1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  auto found = AtMostOne(Collect<casework::Determination>(
      *st, [](const Statement& s) -> Result<casework::Determination> {
        casework::Determination d;
        d.council = CouncilId(s.Text(0));
        d.id = DeterminationId(s.Text(1));
        d.person = PersonId(s.Text(2));
        d.kind = s.Text(3) == "carer" ? casework::DeterminationKind::kCarer
                                      : casework::DeterminationKind::kAdult;
        d.needs_arise_from_condition = s.Int(4) != 0;
        d.health_deteriorating = s.Int(5) != 0;
        d.significant_impact_on_wellbeing = s.Int(6) != 0;
        d.wellbeing_notes = s.Text(7);
        d.summary = s.Text(8);
        d.eligible = s.Int(9) != 0;
        d.reasoning = s.Text(10);
        auto at = ParseTimestamp(s.Text(11));
        if (!at) return tl::unexpected(CorruptValue("eligibility_determinations.decided_at"));
        d.decided_at = *at;
        d.decided_by = UserId(s.Text(12));
        return d;
      }));
  if (!found || !*found) return found;
  auto rows = c_.Prepare(
      "SELECT outcome, achieved, reason, notes FROM eligibility_outcomes WHERE council_id = $1 "
      "AND determination_id = $2 ORDER BY position");
  if (!rows) return tl::unexpected(rows.error());
  rows->Bind(council.str(), (*found)->id.str());
  auto outcomes = Collect<casework::OutcomeFinding>(
      *rows, [](const Statement& s) -> Result<casework::OutcomeFinding> {
        casework::OutcomeFinding f{s.Text(0), s.Int(1) != 0, std::nullopt, s.Text(3)};
        if (!s.IsNull(2)) f.reason = casework::ParseUnableReason(s.Text(2));
        return f;
      });
  if (!outcomes) return tl::unexpected(outcomes.error());
  (*found)->outcomes = std::move(*outcomes);
  return found;
}

Status SqliteCaseworkRepository::AddAssessment(const casework::Assessment& a) {
  auto st = c_.Prepare(
      "INSERT INTO assessments (council_id, assessment_id, person_id, completed_by, model_id, "
      "model_version, period, amount_pence, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10)");
  if (!st) return tl::unexpected(st.error());
  auto run = st->Bind(a.council.str(), a.id.str(), a.person.str(), a.completed_by, a.model_id,
                      a.model_version, a.period, a.amount_pence, FormatTimestamp(a.recorded_at),
                      a.recorded_by.str())
                 .Run();
  if (!run) return run;
  for (const auto& [input, answer] : a.answers) {
    auto row = c_.Prepare(
        "INSERT INTO assessment_answers (council_id, assessment_id, input_id, answer) VALUES "
        "($1, $2, $3, $4)");
    if (!row) return tl::unexpected(row.error());
    if (auto r = row->Bind(a.council.str(), a.id.str(), input, answer).Run(); !r) return r;
  }
  for (std::size_t i = 0; i < a.explanation.size(); ++i) {
    const auto& l = a.explanation[i];
    auto row = c_.Prepare(
        "INSERT INTO assessment_explanations (council_id, assessment_id, line, kind, item, text, "
        "amount_pence, value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    if (!row) return tl::unexpected(row.error());
    if (auto r = row->Bind(a.council.str(), a.id.str(), static_cast<std::int64_t>(i), l.kind,
                           l.item, l.text, l.amount_pence, l.value)
                     .Run();
        !r) {
      return r;
    }
  }
  return Ok();
}

Result<std::optional<casework::Assessment>> SqliteCaseworkRepository::LatestAssessment(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, assessment_id, person_id, completed_by, model_id, model_version, "
      "period, amount_pence, recorded_at, recorded_by FROM assessments WHERE council_id = $1 AND "
      "person_id = $2 ORDER BY assessment_id DESC LIMIT 1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  auto found = AtMostOne(
      Collect<casework::Assessment>(*st, [](const Statement& s) -> Result<casework::Assessment> {
        casework::Assessment a;
        a.council = CouncilId(s.Text(0));
        a.id = AssessmentId(s.Text(1));
        a.person = PersonId(s.Text(2));
        a.completed_by = s.Text(3);
        a.model_id = s.Text(4);
        a.model_version = s.Int(5);
        a.period = s.Text(6);
        a.amount_pence = s.Int(7);
        auto at = ParseTimestamp(s.Text(8));
        if (!at) return tl::unexpected(CorruptValue("assessments.recorded_at"));
        a.recorded_at = *at;
        a.recorded_by = UserId(s.Text(9));
        return a;
      }));
  if (!found || !*found) return found;
  casework::Assessment& a = **found;
  auto answers = c_.Prepare(
      "SELECT input_id, answer FROM assessment_answers WHERE council_id = $1 AND assessment_id = "
      "$2 ORDER BY input_id");
  if (!answers) return tl::unexpected(answers.error());
  answers->Bind(council.str(), a.id.str());
  auto pairs = Collect<std::pair<std::string, std::string>>(
      *answers, [](const Statement& s) -> Result<std::pair<std::string, std::string>> {
        return std::make_pair(s.Text(0), s.Text(1));
      });
  if (!pairs) return tl::unexpected(pairs.error());
  a.answers = std::move(*pairs);
  auto lines = c_.Prepare(
      "SELECT kind, item, text, amount_pence, value FROM assessment_explanations WHERE "
      "council_id = $1 AND assessment_id = $2 ORDER BY line");
  if (!lines) return tl::unexpected(lines.error());
  lines->Bind(council.str(), a.id.str());
  auto explanation = Collect<casework::Assessment::Line>(
      *lines, [](const Statement& s) -> Result<casework::Assessment::Line> {
        casework::Assessment::Line l{s.Text(0), s.Text(1), s.Text(2), std::nullopt, s.Text(4)};
        if (!s.IsNull(3)) l.amount_pence = s.Int(3);
        return l;
      });
  if (!explanation) return tl::unexpected(explanation.error());
  a.explanation = std::move(*explanation);
  return found;
}

Status SqliteCaseworkRepository::AddCaseEvent(const casework::CaseEventRecord& e) {
  auto st = c_.Prepare(
      "INSERT INTO case_events (council_id, person_id, seq, event, stage_after, at, by_user, "
      "detail) VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE "
      "council_id = $1 AND person_id = $2), $3, $4, $5, $6, $7)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(e.council.str(), e.person.str(), e.event, e.stage_after, FormatTimestamp(e.at),
             e.by.str(), e.detail)
      .Run();
}

Result<std::vector<casework::CaseEventRecord>> SqliteCaseworkRepository::CaseEventsOf(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, person_id, event, stage_after, at, by_user, detail FROM case_events "
      "WHERE council_id = $1 AND person_id = $2 ORDER BY seq");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<casework::CaseEventRecord>(
      *st, [](const Statement& s) -> Result<casework::CaseEventRecord> {
        auto at = ParseTimestamp(s.Text(4));
        if (!at) return tl::unexpected(CorruptValue("case_events.at"));
        return casework::CaseEventRecord{CouncilId(s.Text(0)),
                                         PersonId(s.Text(1)),
                                         s.Text(2),
                                         s.Text(3),
                                         *at,
                                         UserId(s.Text(5)),
                                         s.Text(6)};
      });
}

namespace {

constexpr const char* kPlanColumns =
    "council_id, plan_id, person_id, version, status, written_with, emergency, weekly_pence, "
    "annual_pence, one_off_pence, assessment_id, created_at, created_by, updated_at, "
    "updated_by, submitted_at, submitted_by, revision";

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<casework::PlanStatus> ParsePlanStatus(const std::string& s) {
  for (auto st : {casework::PlanStatus::kDraft, casework::PlanStatus::kSubmitted,
                  casework::PlanStatus::kApproved, casework::PlanStatus::kReturned,
                  casework::PlanStatus::kDeclined, casework::PlanStatus::kSuperseded}) {
    if (s == casework::PlanStatusName(st)) return st;
  }
  return std::nullopt;
}

template <typename E>
std::optional<E> ParseNamed(const std::string& s, const char* (*name)(E),
                            std::initializer_list<E> all) {
  for (E e : all) {
    if (s == name(e)) return e;
  }
  return std::nullopt;
}

// A row of kPlanColumns; its parts (outcomes, items, risks) are read separately.
Result<casework::PlanVersion> ReadPlanRow(const Statement& s) {
  casework::PlanVersion p;
  p.council = CouncilId(s.Text(0));
  p.id = PlanId(s.Text(1));
  p.person = PersonId(s.Text(2));
  p.version = s.Int(3);
  auto status = ParsePlanStatus(s.Text(4));
  if (!status) return tl::unexpected(CorruptValue("plans.status"));
  p.status = *status;
  p.content.written_with = Split(s.Text(5));
  p.content.emergency = s.Text(6);
  p.cost.weekly = Pence(s.Int(7));
  p.cost.annual = Pence(s.Int(8));
  p.cost.one_off = Pence(s.Int(9));
  if (!s.IsNull(10)) p.assessment = AssessmentId(s.Text(10));
  auto created = ParseTimestamp(s.Text(11));
  auto updated = ParseTimestamp(s.Text(13));
  if (!created || !updated) return tl::unexpected(CorruptValue("plans timestamps"));
  p.created_at = *created;
  p.created_by = UserId(s.Text(12));
  p.updated_at = *updated;
  p.updated_by = UserId(s.Text(14));
  if (!s.IsNull(15)) {
    auto submitted = ParseTimestamp(s.Text(15));
    if (!submitted) return tl::unexpected(CorruptValue("plans.submitted_at"));
    p.submitted_at = *submitted;
  }
  if (!s.IsNull(16)) p.submitted_by = UserId(s.Text(16));
  p.revision = s.Int(17);
  return p;
}

constexpr const char* kDecisionColumns =
    "council_id, plan_id, round, decision, comments, actual_annual_pence, "
    "indicative_annual_pence, variance_category, variance_words, decided_at, decided_by";

Result<casework::PlanDecision> ReadDecision(const Statement& s) {
  casework::PlanDecision d;
  d.council = CouncilId(s.Text(0));
  d.plan = PlanId(s.Text(1));
  d.round = s.Int(2);
  d.decision = s.Text(3);
  d.comments = s.Text(4);
  if (!s.IsNull(5)) d.actual_annual = Pence(s.Int(5));
  if (!s.IsNull(6)) d.indicative_annual = Pence(s.Int(6));
  if (!s.IsNull(7)) d.variance_category = s.Text(7);
  d.variance_words = s.Text(8);
  auto at = ParseTimestamp(s.Text(9));
  if (!at) return tl::unexpected(CorruptValue("plan_decisions.decided_at"));
  d.decided_at = *at;
  d.decided_by = UserId(s.Text(10));
  return d;
}

// Plan parts, from column c on (0 for one plan's; 1 when column 0 is the plan id).
Result<casework::PlanOutcome> ReadPlanOutcome(const Statement& s, int c) {
  return casework::PlanOutcome{s.Text(c), s.Text(c + 1)};
}

Result<casework::PlanItem> ReadPlanItem(const Statement& s, int c) {
  casework::PlanItem item;
  item.what = s.Text(c);
  auto supplier = ParseNamed<casework::Supplier>(
      s.Text(c + 1), casework::SupplierName,
      {casework::Supplier::kProvider, casework::Supplier::kPersonalAssistant,
       casework::Supplier::kToBeChosen, casework::Supplier::kNotACareService});
  auto frequency = ParseNamed<casework::ItemFrequency>(
      s.Text(c + 6), casework::ItemFrequencyName,
      {casework::ItemFrequency::kPerWeek, casework::ItemFrequency::kPerYear,
       casework::ItemFrequency::kOneOff});
  auto route = ParseNamed<casework::PaymentRoute>(
      s.Text(c + 8), casework::PaymentRouteName,
      {casework::PaymentRoute::kDirectPayment, casework::PaymentRoute::kManagedBudget,
       casework::PaymentRoute::kCouncilArranged});
  if (!supplier || !frequency || !route) return tl::unexpected(CorruptValue("plan_items"));
  item.supplier = *supplier;
  item.supplier_name = s.Text(c + 2);
  item.unit = s.Text(c + 3);
  item.unit_price = Pence(s.Int(c + 4));
  item.hundredths = s.Int(c + 5);
  item.frequency = *frequency;
  item.outcomes = Split(s.Text(c + 7));
  item.route = *route;
  if (!s.IsNull(c + 9)) item.service_id = s.Text(c + 9);
  item.service_type = s.Text(c + 10);
  return item;
}

Result<casework::PlanRisk> ReadPlanRisk(const Statement& s, int c) {
  return casework::PlanRisk{s.Text(c), s.Text(c + 1)};
}

}  // namespace

Status SqliteCaseworkRepository::WritePlanParts(const casework::PlanVersion& p) {
  for (const char* table : {"plan_outcomes", "plan_items", "plan_risks"}) {
    auto del =
        c_.Prepare(std::string("DELETE FROM ") + table + " WHERE council_id = $1 AND plan_id = $2");
    if (!del) return tl::unexpected(del.error());
    if (auto r = del->Bind(p.council.str(), p.id.str()).Run(); !r) return r;
  }
  const auto& c = p.content;
  for (std::size_t i = 0; i < c.outcomes.size(); ++i) {
    auto st = c_.Prepare(
        "INSERT INTO plan_outcomes (council_id, plan_id, position, outcome_id, words) VALUES "
        "($1, $2, $3, $4, $5)");
    if (!st) return tl::unexpected(st.error());
    if (auto r = st->Bind(p.council.str(), p.id.str(), static_cast<std::int64_t>(i),
                          c.outcomes[i].id, c.outcomes[i].words)
                     .Run();
        !r) {
      return r;
    }
  }
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    const casework::PlanItem& item = c.items[i];
    auto st = c_.Prepare(
        "INSERT INTO plan_items (council_id, plan_id, position, what, supplier, supplier_name, "
        "unit, unit_price_pence, hundredths, frequency, outcomes, route, service_id, "
        "service_type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
    if (!st) return tl::unexpected(st.error());
    if (auto r = st->Bind(p.council.str(), p.id.str(), static_cast<std::int64_t>(i), item.what,
                          casework::SupplierName(item.supplier), item.supplier_name, item.unit,
                          item.unit_price.value(), item.hundredths,
                          casework::ItemFrequencyName(item.frequency), Join(item.outcomes),
                          casework::PaymentRouteName(item.route),
                          item.service_id.empty() ? std::optional<std::string>()
                                                  : std::optional<std::string>(item.service_id),
                          item.service_type)
                     .Run();
        !r) {
      return r;
    }
  }
  for (std::size_t i = 0; i < c.risks.size(); ++i) {
    auto st = c_.Prepare(
        "INSERT INTO plan_risks (council_id, plan_id, position, risk, how_managed) VALUES ($1, "
        "$2, $3, $4, $5)");
    if (!st) return tl::unexpected(st.error());
    if (auto r = st->Bind(p.council.str(), p.id.str(), static_cast<std::int64_t>(i),
                          c.risks[i].risk, c.risks[i].how_managed)
                     .Run();
        !r) {
      return r;
    }
  }
  return Ok();
}

Status SqliteCaseworkRepository::CreatePlan(const casework::PlanVersion& p) {
  auto st = c_.Prepare(std::string("INSERT INTO plans (") + kPlanColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15, $16, $17, $18)");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> assessment;
  if (p.assessment) assessment = p.assessment->str();
  std::optional<std::string> submitted_at;
  if (p.submitted_at) submitted_at = FormatTimestamp(*p.submitted_at);
  auto run = st->Bind(p.council.str(), p.id.str(), p.person.str(), p.version,
                      casework::PlanStatusName(p.status), Join(p.content.written_with),
                      p.content.emergency, p.cost.weekly.value(), p.cost.annual.value(),
                      p.cost.one_off.value(), assessment, FormatTimestamp(p.created_at),
                      p.created_by.str(), FormatTimestamp(p.updated_at), p.updated_by.str(),
                      submitted_at, p.submitted_by.str(), p.revision)
                 .Run();
  if (!run) {
    if (run.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict,
                  "Someone else started a new version of this plan at the "
                  "same time. Reload the page to see it");
    }
    return run;
  }
  return WritePlanParts(p);
}

Status SqliteCaseworkRepository::SavePlan(const casework::PlanVersion& p,
                                          std::int64_t expected_revision) {
  auto st = c_.Prepare(
      "UPDATE plans SET status = $3, written_with = $4, emergency = $5, weekly_pence = $6, "
      "annual_pence = $7, one_off_pence = $8, updated_at = $9, updated_by = $10, "
      "submitted_at = $11, submitted_by = $12, revision = revision + 1 WHERE council_id = $1 "
      "AND plan_id = $2 AND revision = $13");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> submitted_at;
  if (p.submitted_at) submitted_at = FormatTimestamp(*p.submitted_at);
  auto run = st->Bind(p.council.str(), p.id.str(), casework::PlanStatusName(p.status),
                      Join(p.content.written_with), p.content.emergency, p.cost.weekly.value(),
                      p.cost.annual.value(), p.cost.one_off.value(), FormatTimestamp(p.updated_at),
                      p.updated_by.str(), submitted_at, p.submitted_by.str(), expected_revision)
                 .Run();
  if (!run) return run;
  if (c_.Changes() != 1) {
    return Fail(ErrorCode::kConflict,
                "Someone else saved this plan while you were working on it. Reload the page to "
                "see their changes, then make yours again");
  }
  return WritePlanParts(p);
}

Result<std::optional<casework::PlanVersion>> SqliteCaseworkRepository::ReadPlan(
    std::string_view where, const CouncilId& council, const std::string& key) {
  auto st = c_.Prepare(std::string("SELECT ") + kPlanColumns +
                       " FROM plans WHERE council_id = $1 " + std::string(where));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), key);
  auto found = AtMostOne(Collect<casework::PlanVersion>(*st, ReadPlanRow));
  if (!found || !*found) return found;
  casework::PlanVersion& p = **found;
  auto outcomes = c_.Prepare(
      "SELECT outcome_id, words FROM plan_outcomes WHERE council_id = $1 AND plan_id = $2 ORDER "
      "BY position");
  if (!outcomes) return tl::unexpected(outcomes.error());
  outcomes->Bind(council.str(), p.id.str());
  auto o = Collect<casework::PlanOutcome>(*outcomes,
                                          [](const Statement& s) { return ReadPlanOutcome(s, 0); });
  if (!o) return tl::unexpected(o.error());
  p.content.outcomes = std::move(*o);
  auto items = c_.Prepare(
      "SELECT what, supplier, supplier_name, unit, unit_price_pence, hundredths, frequency, "
      "outcomes, route, service_id, service_type FROM plan_items WHERE council_id = $1 AND "
      "plan_id = $2 ORDER BY position");
  if (!items) return tl::unexpected(items.error());
  items->Bind(council.str(), p.id.str());
  auto it =
      Collect<casework::PlanItem>(*items, [](const Statement& s) { return ReadPlanItem(s, 0); });
  if (!it) return tl::unexpected(it.error());
  p.content.items = std::move(*it);
  auto risks = c_.Prepare(
      "SELECT risk, how_managed FROM plan_risks WHERE council_id = $1 AND plan_id = $2 ORDER BY "
      "position");
  if (!risks) return tl::unexpected(risks.error());
  risks->Bind(council.str(), p.id.str());
  auto r =
      Collect<casework::PlanRisk>(*risks, [](const Statement& s) { return ReadPlanRisk(s, 0); });
  if (!r) return tl::unexpected(r.error());
  p.content.risks = std::move(*r);
  return found;
}

Result<std::optional<casework::PlanVersion>> SqliteCaseworkRepository::FindPlan(
    const CouncilId& council, const PlanId& id) {
  return ReadPlan("AND plan_id = $2", council, id.str());
}

Result<std::optional<casework::PlanVersion>> SqliteCaseworkRepository::LatestPlan(
    const CouncilId& council, const PersonId& person) {
  return ReadPlan("AND person_id = $2 ORDER BY version DESC LIMIT 1", council, person.str());
}

Status SqliteCaseworkRepository::AddPlanDecision(const casework::PlanDecision& d) {
  auto st = c_.Prepare(
      "INSERT INTO plan_decisions (council_id, plan_id, round, decision, comments, "
      "actual_annual_pence, indicative_annual_pence, variance_category, variance_words, "
      "decided_at, decided_by) VALUES ($1, $2, (SELECT COALESCE(MAX(round), 0) + 1 FROM "
      "plan_decisions WHERE council_id = $1 AND plan_id = $2), $3, $4, $5, $6, $7, $8, $9, $10)");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::int64_t> actual;
  if (d.actual_annual) actual = d.actual_annual->value();
  std::optional<std::int64_t> indicative;
  if (d.indicative_annual) indicative = d.indicative_annual->value();
  std::optional<std::string> category;
  if (!d.variance_category.empty()) category = d.variance_category;
  return st
      ->Bind(d.council.str(), d.plan.str(), d.decision, d.comments, actual, indicative, category,
             d.variance_words, FormatTimestamp(d.decided_at), d.decided_by.str())
      .Run();
}

Result<std::vector<casework::PlanDecision>> SqliteCaseworkRepository::DecisionsOf(
    const CouncilId& council, const PlanId& plan) {
  auto st =
      c_.Prepare(std::string("SELECT ") + kDecisionColumns +
                 " FROM plan_decisions WHERE council_id = $1 AND plan_id = $2 ORDER BY round");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), plan.str());
  return Collect<casework::PlanDecision>(*st, ReadDecision);
}

Result<std::optional<casework::PlanVersion>> SqliteCaseworkRepository::ApprovedPlan(
    const CouncilId& council, const PersonId& person) {
  return ReadPlan("AND person_id = $2 AND status = 'approved' ORDER BY version DESC LIMIT 1",
                  council, person.str());
}

Result<std::vector<casework::PlanVersion>> SqliteCaseworkRepository::PlansOf(
    const CouncilId& council, const PersonId& person) {
  auto st =
      c_.Prepare(std::string("SELECT ") + kPlanColumns +
                 " FROM plans WHERE council_id = $1 AND person_id = $2 ORDER BY version DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  auto plans = Collect<casework::PlanVersion>(*st, ReadPlanRow);
  if (!plans) return tl::unexpected(plans.error());
  if (auto parts = ReadPlanParts(council, *plans); !parts) return tl::unexpected(parts.error());
  return plans;
}

Result<std::vector<casework::PlanVersion>> SqliteCaseworkRepository::PlansWithStatus(
    const CouncilId& council, casework::PlanStatus status, int limit) {
  auto st = c_.Prepare(std::string("SELECT ") + kPlanColumns +
                       " FROM plans WHERE council_id = $1 AND status = $2 "
                       "ORDER BY submitted_at, plan_id LIMIT $3");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), casework::PlanStatusName(status), std::int64_t{limit});
  auto plans = Collect<casework::PlanVersion>(*st, ReadPlanRow);
  if (!plans) return tl::unexpected(plans.error());
  if (auto parts = ReadPlanParts(council, *plans); !parts) return tl::unexpected(parts.error());
  return plans;
}

Status SqliteCaseworkRepository::ReadPlanParts(const CouncilId& council,
                                               std::vector<casework::PlanVersion>& plans) {
  std::unordered_map<std::string, casework::PlanContent*> by_id;
  std::vector<std::string> ids;
  for (casework::PlanVersion& p : plans) {
    by_id[p.id.str()] = &p.content;
    ids.push_back(p.id.str());
  }
  auto outcomes = CollectForKeys<std::pair<std::string, casework::PlanOutcome>>(
      c_,
      "SELECT plan_id, outcome_id, words FROM plan_outcomes WHERE council_id = $1 AND " +
          KeysIn("plan_id") + " ORDER BY plan_id, position",
      council, ids,
      [](const Statement& s) -> Result<std::pair<std::string, casework::PlanOutcome>> {
        auto o = ReadPlanOutcome(s, 1);
        if (!o) return tl::unexpected(o.error());
        return std::make_pair(s.Text(0), std::move(*o));
      });
  if (!outcomes) return tl::unexpected(outcomes.error());
  for (auto& [id, o] : *outcomes) by_id.at(id)->outcomes.push_back(std::move(o));
  auto items = CollectForKeys<std::pair<std::string, casework::PlanItem>>(
      c_,
      "SELECT plan_id, what, supplier, supplier_name, unit, unit_price_pence, hundredths, "
      "frequency, outcomes, route, service_id, service_type FROM plan_items WHERE council_id = "
      "$1 AND " +
          KeysIn("plan_id") + " ORDER BY plan_id, position",
      council, ids, [](const Statement& s) -> Result<std::pair<std::string, casework::PlanItem>> {
        auto item = ReadPlanItem(s, 1);
        if (!item) return tl::unexpected(item.error());
        return std::make_pair(s.Text(0), std::move(*item));
      });
  if (!items) return tl::unexpected(items.error());
  for (auto& [id, item] : *items) by_id.at(id)->items.push_back(std::move(item));
  auto risks = CollectForKeys<std::pair<std::string, casework::PlanRisk>>(
      c_,
      "SELECT plan_id, risk, how_managed FROM plan_risks WHERE council_id = $1 AND " +
          KeysIn("plan_id") + " ORDER BY plan_id, position",
      council, ids, [](const Statement& s) -> Result<std::pair<std::string, casework::PlanRisk>> {
        auto r = ReadPlanRisk(s, 1);
        if (!r) return tl::unexpected(r.error());
        return std::make_pair(s.Text(0), std::move(*r));
      });
  if (!risks) return tl::unexpected(risks.error());
  for (auto& [id, r] : *risks) by_id.at(id)->risks.push_back(std::move(r));
  return Ok();
}

Result<std::vector<casework::PersonRecord>> SqliteCaseworkRepository::FindPeople(
    const CouncilId& council, const std::vector<PersonId>& ids) {
  return CollectForKeys<casework::PersonRecord>(c_,
                                                "SELECT " + kPersonSelect +
                                                    " FROM people WHERE council_id = $1 AND " +
                                                    KeysIn("person_id") + " ORDER BY person_id",
                                                council, Keys(ids), ReadPerson);
}

Result<std::vector<casework::IndicativeBudget>> SqliteCaseworkRepository::LatestIndicativeBudgets(
    const CouncilId& council, const std::vector<PersonId>& people) {
  // The latest is the greatest assessment_id, as in LatestAssessment.
  return CollectForKeys<casework::IndicativeBudget>(
      c_,
      "SELECT a.person_id, a.assessment_id, a.period, a.amount_pence FROM assessments a WHERE "
      "a.council_id = $1 AND " +
          KeysIn("a.person_id") +
          " AND a.assessment_id = (SELECT MAX(b.assessment_id) FROM assessments b WHERE "
          "b.council_id = a.council_id AND b.person_id = a.person_id) ORDER BY a.person_id",
      council, Keys(people), [](const Statement& s) -> Result<casework::IndicativeBudget> {
        return casework::IndicativeBudget{PersonId(s.Text(0)), AssessmentId(s.Text(1)), s.Text(2),
                                          s.Int(3)};
      });
}

Result<std::vector<casework::PlanDecision>> SqliteCaseworkRepository::DecisionsOfPlans(
    const CouncilId& council, const std::vector<PlanId>& plans) {
  return CollectForKeys<casework::PlanDecision>(
      c_,
      std::string("SELECT ") + kDecisionColumns +
          " FROM plan_decisions WHERE council_id = $1 AND " + KeysIn("plan_id") +
          " ORDER BY plan_id, round",
      council, Keys(plans), ReadDecision);
}

Status SqliteCaseworkRepository::SetApprovalLimit(const CouncilId& council, const UserId& user,
                                                  Pence limit, Timestamp at, const UserId& by) {
  auto st = c_.Prepare(
      "INSERT INTO approval_limits (council_id, user_id, limit_pence, set_at, set_by) VALUES "
      "($1, $2, $3, $4, $5) ON CONFLICT (council_id, user_id) DO UPDATE SET limit_pence = $3, "
      "set_at = $4, set_by = $5");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), user.str(), limit.value(), FormatTimestamp(at), by.str()).Run();
}

Result<std::optional<Pence>> SqliteCaseworkRepository::ApprovalLimitOf(const CouncilId& council,
                                                                       const UserId& user) {
  auto st =
      c_.Prepare("SELECT limit_pence FROM approval_limits WHERE council_id = $1 AND user_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), user.str());
  return AtMostOne(
      Collect<Pence>(*st, [](const Statement& s) -> Result<Pence> { return Pence(s.Int(0)); }));
}

}  // namespace selfdirect::store
