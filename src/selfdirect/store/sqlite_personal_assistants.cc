#include "selfdirect/store/sqlite_personal_assistants.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using casework::EmployerDuties;
using casework::PersonalAssistant;

constexpr const char* kAssistantColumns =
    "council_id, assistant_id, person_id, name, hourly_rate_pence, hours_hundredths, starts_on, "
    "ends_on, right_to_work_checked_on, dbs_checked_on, close_relative_in_household, "
    "council_decision, council_decision_on, created_at, updated_at, updated_by, revision";

constexpr const char* kDutiesColumns =
    "council_id, person_id, payroll_provider, payroll_from, pension_enrolled_on, "
    "pension_exempt_reason, insurer, insurance_cover_pence, insurance_expires_on, "
    "contract_issued_on, holiday_pay, authorised_person_without_capacity, updated_at, "
    "updated_by, revision";

constexpr const char* kConflict =
    "Someone else changed this while you were working on it. Reload the page to see what they "
    "recorded, then try again";

// A nullable date column: false when the stored text is not a date.
bool ReadDate(const Statement& st, int column, std::optional<Date>& out) {
  if (st.IsNull(column)) return true;
  auto d = ParseIsoDate(st.Text(column));
  if (!d) return false;
  out = *d;
  return true;
}

std::optional<std::string> DateText(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return FormatIsoDate(*d);
}

Result<PersonalAssistant> ReadAssistant(const Statement& st) {
  PersonalAssistant pa;
  pa.council = CouncilId(st.Text(0));
  pa.id = casework::PersonalAssistantId(st.Text(1));
  pa.employer = PersonId(st.Text(2));
  pa.name = st.Text(3);
  pa.hourly_rate = Pence(st.Int(4));
  pa.hours_hundredths = st.Int(5);
  auto starts = ParseIsoDate(st.Text(6));
  auto created = ParseTimestamp(st.Text(13));
  auto updated = ParseTimestamp(st.Text(14));
  if (!starts || !created || !updated || !ReadDate(st, 7, pa.ends_on) ||
      !ReadDate(st, 8, pa.right_to_work_checked_on) || !ReadDate(st, 9, pa.dbs_checked_on) ||
      !ReadDate(st, 12, pa.council_decision_on)) {
    return tl::unexpected(CorruptValue("personal_assistants row"));
  }
  pa.starts_on = *starts;
  pa.close_relative_in_household = st.Int(10) != 0;
  pa.council_decision = st.Text(11);
  pa.created_at = *created;
  pa.updated_at = *updated;
  pa.updated_by = UserId(st.Text(15));
  pa.revision = st.Int(16);
  return pa;
}

Result<EmployerDuties> ReadDuties(const Statement& st) {
  EmployerDuties d;
  d.council = CouncilId(st.Text(0));
  d.employer = PersonId(st.Text(1));
  d.payroll_provider = st.Text(2);
  d.pension_exempt_reason = st.Text(5);
  d.insurer = st.Text(6);
  d.insurance_cover = Pence(st.Int(7));
  d.holiday_pay = st.Text(10);
  d.authorised_person_without_capacity = st.Int(11) != 0;
  auto updated = ParseTimestamp(st.Text(12));
  if (!updated || !ReadDate(st, 3, d.payroll_from) || !ReadDate(st, 4, d.pension_enrolled_on) ||
      !ReadDate(st, 8, d.insurance_expires_on) || !ReadDate(st, 9, d.contract_issued_on)) {
    return tl::unexpected(CorruptValue("employer_duties row"));
  }
  d.updated_at = *updated;
  d.updated_by = UserId(st.Text(13));
  d.revision = st.Int(14);
  return d;
}

}  // namespace

Status SqlitePersonalAssistantRepository::CreateAssistant(const PersonalAssistant& pa) {
  auto st = c_.Prepare(std::string("INSERT INTO personal_assistants (") + kAssistantColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15, $16, $17)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(pa.council.str(), pa.id.str(), pa.employer.str(), pa.name, pa.hourly_rate.value(),
             pa.hours_hundredths, FormatIsoDate(pa.starts_on), DateText(pa.ends_on),
             DateText(pa.right_to_work_checked_on), DateText(pa.dbs_checked_on),
             pa.close_relative_in_household ? 1 : 0, pa.council_decision,
             DateText(pa.council_decision_on), FormatTimestamp(pa.created_at),
             FormatTimestamp(pa.updated_at), pa.updated_by.str(), pa.revision)
      .Run();
}

Result<std::optional<PersonalAssistant>> SqlitePersonalAssistantRepository::FindAssistant(
    const CouncilId& council, const casework::PersonalAssistantId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kAssistantColumns +
                       " FROM personal_assistants WHERE council_id = $1 AND assistant_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<PersonalAssistant>(*st, ReadAssistant));
}

Status SqlitePersonalAssistantRepository::SaveAssistant(const PersonalAssistant& pa,
                                                        std::int64_t expected_revision) {
  // The employer and when the PA was first recorded never change.
  auto st = c_.Prepare(
      "UPDATE personal_assistants SET name = $3, hourly_rate_pence = $4, hours_hundredths = $5, "
      "starts_on = $6, ends_on = $7, right_to_work_checked_on = $8, dbs_checked_on = $9, "
      "close_relative_in_household = $10, council_decision = $11, council_decision_on = $12, "
      "updated_at = $13, updated_by = $14, revision = revision + 1 "
      "WHERE council_id = $1 AND assistant_id = $2 AND revision = $15");
  if (!st) return tl::unexpected(st.error());
  auto run = st->Bind(pa.council.str(), pa.id.str(), pa.name, pa.hourly_rate.value(),
                      pa.hours_hundredths, FormatIsoDate(pa.starts_on), DateText(pa.ends_on),
                      DateText(pa.right_to_work_checked_on), DateText(pa.dbs_checked_on),
                      pa.close_relative_in_household ? 1 : 0, pa.council_decision,
                      DateText(pa.council_decision_on), FormatTimestamp(pa.updated_at),
                      pa.updated_by.str(), expected_revision)
                 .Run();
  if (!run) return run;
  if (c_.Changes() != 1) return Fail(ErrorCode::kConflict, kConflict);
  return Ok();
}

Result<std::vector<PersonalAssistant>> SqlitePersonalAssistantRepository::AssistantsOf(
    const CouncilId& council, const PersonId& employer) {
  auto st = c_.Prepare(std::string("SELECT ") + kAssistantColumns +
                       " FROM personal_assistants WHERE council_id = $1 AND person_id = $2"
                       " ORDER BY ends_on IS NOT NULL, starts_on, name, assistant_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), employer.str());
  return Collect<PersonalAssistant>(*st, ReadAssistant);
}

Result<std::vector<PersonalAssistant>> SqlitePersonalAssistantRepository::AllAssistants(
    const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kAssistantColumns +
                       " FROM personal_assistants WHERE council_id = $1 ORDER BY assistant_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<PersonalAssistant>(*st, ReadAssistant);
}

Result<std::optional<EmployerDuties>> SqlitePersonalAssistantRepository::FindDuties(
    const CouncilId& council, const PersonId& employer) {
  auto st = c_.Prepare(std::string("SELECT ") + kDutiesColumns +
                       " FROM employer_duties WHERE council_id = $1 AND person_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), employer.str());
  return AtMostOne(Collect<EmployerDuties>(*st, ReadDuties));
}

Status SqlitePersonalAssistantRepository::SaveDuties(const EmployerDuties& d,
                                                     std::int64_t expected_revision) {
  if (expected_revision == 0) {
    auto st = c_.Prepare(std::string("INSERT INTO employer_duties (") + kDutiesColumns +
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                         "1) ON CONFLICT (council_id, person_id) DO NOTHING");
    if (!st) return tl::unexpected(st.error());
    auto run = st->Bind(d.council.str(), d.employer.str(), d.payroll_provider,
                        DateText(d.payroll_from), DateText(d.pension_enrolled_on),
                        d.pension_exempt_reason, d.insurer, d.insurance_cover.value(),
                        DateText(d.insurance_expires_on), DateText(d.contract_issued_on),
                        d.holiday_pay, d.authorised_person_without_capacity ? 1 : 0,
                        FormatTimestamp(d.updated_at), d.updated_by.str())
                   .Run();
    if (!run) return run;
    if (c_.Changes() != 1) return Fail(ErrorCode::kConflict, kConflict);
    return Ok();
  }
  auto st = c_.Prepare(
      "UPDATE employer_duties SET payroll_provider = $3, payroll_from = $4, "
      "pension_enrolled_on = $5, pension_exempt_reason = $6, insurer = $7, "
      "insurance_cover_pence = $8, insurance_expires_on = $9, contract_issued_on = $10, "
      "holiday_pay = $11, authorised_person_without_capacity = $12, updated_at = $13, "
      "updated_by = $14, revision = revision + 1 "
      "WHERE council_id = $1 AND person_id = $2 AND revision = $15");
  if (!st) return tl::unexpected(st.error());
  auto run = st->Bind(d.council.str(), d.employer.str(), d.payroll_provider,
                      DateText(d.payroll_from), DateText(d.pension_enrolled_on),
                      d.pension_exempt_reason, d.insurer, d.insurance_cover.value(),
                      DateText(d.insurance_expires_on), DateText(d.contract_issued_on),
                      d.holiday_pay, d.authorised_person_without_capacity ? 1 : 0,
                      FormatTimestamp(d.updated_at), d.updated_by.str(), expected_revision)
                 .Run();
  if (!run) return run;
  if (c_.Changes() != 1) return Fail(ErrorCode::kConflict, kConflict);
  return Ok();
}

}  // namespace selfdirect::store
