// Carers linked to a person in SQLite (migration 0013).
#include "selfdirect/store/rows.h"
#include "selfdirect/store/sqlite_casework.h"

namespace selfdirect::store {
namespace {

constexpr const char* kCarerColumns =
    "council_id, carer_link_id, person_id, carer_person_id, name, relationship, lives_with, "
    "phone, assessment_offer, offered_on, created_at, created_by, ended_at, ended_by";

Result<casework::CarerLink> ReadCarer(const Statement& s) {
  casework::CarerLink c;
  c.council = CouncilId(s.Text(0));
  c.id = CarerLinkId(s.Text(1));
  c.person = PersonId(s.Text(2));
  if (!s.IsNull(3)) c.carer_person = PersonId(s.Text(3));
  c.name = s.Text(4);
  c.relationship = s.Text(5);
  c.lives_with = s.Int(6) != 0;
  c.phone = s.Text(7);
  c.assessment_offer = s.Text(8);
  if (!s.IsNull(9)) {
    auto on = ParseIsoDate(s.Text(9));
    if (!on) return tl::unexpected(CorruptValue("carer_links.offered_on"));
    c.offered_on = *on;
  }
  auto created = ParseTimestamp(s.Text(10));
  if (!created) return tl::unexpected(CorruptValue("carer_links.created_at"));
  c.created_at = *created;
  c.created_by = UserId(s.Text(11));
  if (!s.IsNull(12)) {
    auto ended = ParseTimestamp(s.Text(12));
    if (!ended) return tl::unexpected(CorruptValue("carer_links.ended_at"));
    c.ended_at = *ended;
  }
  c.ended_by = UserId(s.Text(13));
  return c;
}

}  // namespace

Status SqliteCaseworkRepository::AddCarer(const casework::CarerLink& c) {
  auto st = c_.Prepare(std::string("INSERT INTO carer_links (") + kCarerColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, '')");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(
            c.council.str(), c.id.str(), c.person.str(),
            c.carer_person ? std::optional<std::string>(c.carer_person->str()) : std::nullopt,
            c.name, c.relationship, c.lives_with ? 1 : 0, c.phone, c.assessment_offer,
            c.offered_on ? std::optional<std::string>(FormatIsoDate(*c.offered_on)) : std::nullopt,
            FormatTimestamp(c.created_at), c.created_by.str())
          .Run();
  if (!run && run.error().code == ErrorCode::kConflict) {
    return tl::unexpected(Error{ErrorCode::kConflict,
                                "This carer is already linked to the person",
                                {{"nhs_number", c.name + " is already recorded as their carer"}}});
  }
  return run;
}

Status SqliteCaseworkRepository::EndCarer(const CouncilId& council, const PersonId& person,
                                          const CarerLinkId& id, Timestamp at, const UserId& by) {
  auto st = c_.Prepare(
      "UPDATE carer_links SET ended_at = $4, ended_by = $5 WHERE council_id = $1 AND "
      "person_id = $2 AND carer_link_id = $3 AND ended_at IS NULL");
  if (!st) return tl::unexpected(st.error());
  if (auto run =
          st->Bind(council.str(), person.str(), id.str(), FormatTimestamp(at), by.str()).Run();
      !run) {
    return run;
  }
  if (c_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "The person has no such carer still recorded");
  }
  return Ok();
}

Result<std::vector<casework::CarerLink>> SqliteCaseworkRepository::CarersOf(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(std::string("SELECT ") + kCarerColumns +
                       " FROM carer_links WHERE council_id = $1 AND person_id = $2 "
                       "ORDER BY ended_at IS NOT NULL, created_at DESC, carer_link_id DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<casework::CarerLink>(*st, ReadCarer);
}

Result<std::vector<casework::CarerLink>> SqliteCaseworkRepository::CaredForBy(
    const CouncilId& council, const PersonId& carer) {
  auto st = c_.Prepare(std::string("SELECT ") + kCarerColumns +
                       " FROM carer_links WHERE council_id = $1 AND carer_person_id = $2 AND "
                       "ended_at IS NULL ORDER BY created_at, carer_link_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), carer.str());
  return Collect<casework::CarerLink>(*st, ReadCarer);
}

Status SqliteCaseworkRepository::SetHasUnpaidCarer(const CouncilId& council, const PersonId& person,
                                                   const std::string& value) {
  auto st = c_.Prepare(
      "UPDATE people SET has_unpaid_carer = $3 WHERE council_id = $1 AND person_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), person.str(), value).Run();
}

}  // namespace selfdirect::store
