// Reviews, contributions and closures in SQLite (migration 0010).
#include "selfdirect/store/rows.h"
#include "selfdirect/store/sqlite_casework.h"

namespace selfdirect::store {

Status SqliteCaseworkRepository::SetReviewDue(const CouncilId& council, const PersonId& person,
                                              std::optional<Date> due) {
  auto st =
      c_.Prepare("UPDATE people SET review_due = $3 WHERE council_id = $1 AND person_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), person.str(), due ? FormatIsoDate(*due) : std::string()).Run();
}

Status SqliteCaseworkRepository::AddReview(const casework::Review& r) {
  auto st = c_.Prepare(
      "INSERT INTO reviews (council_id, review_id, person_id, plan_id, held_on, reason, method, "
      "persons_view, result, notes, recorded_at, recorded_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
  if (!st) return tl::unexpected(st.error());
  const casework::ReviewContent& c = r.content;
  if (auto run = st->Bind(r.council.str(), r.id.str(), r.person.str(), r.plan.str(),
                          FormatIsoDate(c.held_on), c.reason, c.method, c.persons_view,
                          casework::ReviewResultName(c.result), c.notes,
                          FormatTimestamp(r.recorded_at), r.recorded_by.str())
                     .Run();
      !run) {
    return run;
  }
  for (std::size_t i = 0; i < c.outcomes.size(); ++i) {
    const auto& o = c.outcomes[i];
    auto line = c_.Prepare(
        "INSERT INTO review_outcomes (council_id, review_id, position, outcome_id, words, rating, "
        "persons_view) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    if (!line) return tl::unexpected(line.error());
    if (auto run = line->Bind(r.council.str(), r.id.str(), static_cast<std::int64_t>(i), o.outcome,
                              o.words, casework::OutcomeRatingName(o.rating), o.persons_view)
                       .Run();
        !run) {
      return run;
    }
  }
  return Ok();
}

Result<std::vector<casework::Review>> SqliteCaseworkRepository::ReviewsOf(const CouncilId& council,
                                                                          const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, review_id, person_id, plan_id, held_on, reason, method, persons_view, "
      "result, notes, recorded_at, recorded_by FROM reviews WHERE council_id = $1 AND "
      "person_id = $2 ORDER BY held_on DESC, recorded_at DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  auto reviews = Collect<casework::Review>(*st, [](const Statement& s) -> Result<casework::Review> {
    casework::Review r;
    r.council = CouncilId(s.Text(0));
    r.id = ReviewId(s.Text(1));
    r.person = PersonId(s.Text(2));
    r.plan = PlanId(s.Text(3));
    auto held = ParseIsoDate(s.Text(4));
    if (!held) return tl::unexpected(CorruptValue("reviews.held_on"));
    r.content.held_on = *held;
    r.content.reason = s.Text(5);
    r.content.method = s.Text(6);
    r.content.persons_view = s.Text(7);
    auto result = casework::ParseReviewResult(s.Text(8));
    if (!result) return tl::unexpected(CorruptValue("reviews.result"));
    r.content.result = *result;
    r.content.notes = s.Text(9);
    auto at = ParseTimestamp(s.Text(10));
    if (!at) return tl::unexpected(CorruptValue("reviews.recorded_at"));
    r.recorded_at = *at;
    r.recorded_by = UserId(s.Text(11));
    return r;
  });
  if (!reviews) return reviews;
  for (casework::Review& r : *reviews) {
    auto lines = c_.Prepare(
        "SELECT outcome_id, words, rating, persons_view FROM review_outcomes WHERE council_id = "
        "$1 AND review_id = $2 ORDER BY position");
    if (!lines) return tl::unexpected(lines.error());
    lines->Bind(council.str(), r.id.str());
    auto outcomes = Collect<casework::OutcomeReview>(
        *lines, [](const Statement& s) -> Result<casework::OutcomeReview> {
          auto rating = casework::ParseOutcomeRating(s.Text(2));
          if (!rating) return tl::unexpected(CorruptValue("review_outcomes.rating"));
          return casework::OutcomeReview{s.Text(0), s.Text(1), *rating, s.Text(3)};
        });
    if (!outcomes) return tl::unexpected(outcomes.error());
    r.content.outcomes = std::move(*outcomes);
  }
  return reviews;
}

Status SqliteCaseworkRepository::AddContribution(const casework::Contribution& c) {
  auto st = c_.Prepare(
      "INSERT INTO contributions (council_id, person_id, seq, weekly_pence, assessed_on, basis, "
      "notes, recorded_at, recorded_by) VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
      "contributions WHERE council_id = $1 AND person_id = $2), $3, $4, $5, $6, $7, $8)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(c.council.str(), c.person.str(), c.weekly.value(), FormatIsoDate(c.assessed_on),
             c.basis, c.notes, FormatTimestamp(c.recorded_at), c.recorded_by.str())
      .Run();
}

Result<std::optional<casework::Contribution>> SqliteCaseworkRepository::LatestContribution(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, person_id, weekly_pence, assessed_on, basis, notes, recorded_at, "
      "recorded_by FROM contributions WHERE council_id = $1 AND person_id = $2 "
      "ORDER BY seq DESC LIMIT 1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return AtMostOne(Collect<casework::Contribution>(
      *st, [](const Statement& s) -> Result<casework::Contribution> {
        casework::Contribution c;
        c.council = CouncilId(s.Text(0));
        c.person = PersonId(s.Text(1));
        c.weekly = Pence(s.Int(2));
        auto on = ParseIsoDate(s.Text(3));
        if (!on) return tl::unexpected(CorruptValue("contributions.assessed_on"));
        c.assessed_on = *on;
        c.basis = s.Text(4);
        c.notes = s.Text(5);
        auto at = ParseTimestamp(s.Text(6));
        if (!at) return tl::unexpected(CorruptValue("contributions.recorded_at"));
        c.recorded_at = *at;
        c.recorded_by = UserId(s.Text(7));
        return c;
      }));
}

Status SqliteCaseworkRepository::AddClosure(const casework::Closure& c) {
  auto st = c_.Prepare(
      "INSERT INTO closures (council_id, person_id, seq, reason, effective_on, words, "
      "recorded_at, recorded_by) VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM closures "
      "WHERE council_id = $1 AND person_id = $2), $3, $4, $5, $6, $7)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(c.council.str(), c.person.str(), c.reason, FormatIsoDate(c.effective_on), c.words,
             FormatTimestamp(c.recorded_at), c.recorded_by.str())
      .Run();
}

Result<std::optional<casework::Closure>> SqliteCaseworkRepository::LatestClosure(
    const CouncilId& council, const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT council_id, person_id, reason, effective_on, words, recorded_at, recorded_by "
      "FROM closures WHERE council_id = $1 AND person_id = $2 ORDER BY seq DESC LIMIT 1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return AtMostOne(
      Collect<casework::Closure>(*st, [](const Statement& s) -> Result<casework::Closure> {
        casework::Closure c;
        c.council = CouncilId(s.Text(0));
        c.person = PersonId(s.Text(1));
        c.reason = s.Text(2);
        auto on = ParseIsoDate(s.Text(3));
        if (!on) return tl::unexpected(CorruptValue("closures.effective_on"));
        c.effective_on = *on;
        c.words = s.Text(4);
        auto at = ParseTimestamp(s.Text(5));
        if (!at) return tl::unexpected(CorruptValue("closures.recorded_at"));
        c.recorded_at = *at;
        c.recorded_by = UserId(s.Text(6));
        return c;
      }));
}

}  // namespace selfdirect::store
