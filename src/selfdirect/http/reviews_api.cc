// The API after sign-off: the personal budget and its statement (JSON and PDF), reviews, the
// person's contribution, and closing a case.
#include <fmt/format.h>

#include "selfdirect/app/casework.h"
#include "selfdirect/casework/codes.h"
#include "selfdirect/documents/pdf.h"
#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using casework::CodeList;

// Money as both pence (for programs) and pounds (for people).
void PutMoney(json::object& o, const char* name, Pence amount) {
  o[std::string(name) + "_pence"] = amount.value();
  o[name] = FormatPounds(amount);
}

json::object ReviewJson(const casework::Review& r) {
  json::array outcomes;
  for (const auto& o : r.content.outcomes) {
    outcomes.push_back({{"outcome", o.outcome},
                        {"words", o.words},
                        {"rating", casework::OutcomeRatingName(o.rating)},
                        {"rating_label", casework::OutcomeRatingLabel(o.rating)},
                        {"persons_view", o.persons_view}});
  }
  return {{"id", r.id.str()},
          {"plan_id", r.plan.str()},
          {"held_on", FormatIsoDate(r.content.held_on)},
          {"held_on_words", FormatLongDate(r.content.held_on)},
          {"reason", r.content.reason},
          {"reason_label", casework::LabelOf(CodeList::kReviewReason, r.content.reason)},
          {"method", r.content.method},
          {"method_label", casework::LabelOf(CodeList::kReviewMethod, r.content.method)},
          {"outcomes", outcomes},
          {"persons_view", r.content.persons_view},
          {"result", casework::ReviewResultName(r.content.result)},
          {"result_label", casework::ReviewResultLabel(r.content.result)},
          {"notes", r.content.notes},
          {"recorded_at", FormatTimestamp(r.recorded_at)}};
}

json::object BudgetJson(const app::BudgetView& v, Date today) {
  const casework::BudgetStatement& s = v.statement;
  json::object statement{
      {"from", FormatIsoDate(s.from)},
      {"to", FormatIsoDate(s.to)},
      {"period_words", fmt::format("{} to {}", FormatLongDate(s.from), FormatLongDate(s.to))},
      {"contribution_assessed", s.contribution_assessed},
      {"contribution_basis", s.contribution_basis},
      {"contribution_basis_label",
       casework::LabelOf(CodeList::kContributionBasis, s.contribution_basis)}};
  PutMoney(statement, "cost_annual", s.cost_annual);
  PutMoney(statement, "cost_weekly", s.cost_weekly);
  PutMoney(statement, "contribution_annual", s.contribution_annual);
  PutMoney(statement, "contribution_weekly", s.contribution_weekly);
  PutMoney(statement, "council_annual", s.council_annual);
  PutMoney(statement, "council_weekly", s.council_weekly);
  if (s.indicative_annual) {
    PutMoney(statement, "indicative_annual", *s.indicative_annual);
  } else {
    statement["indicative_annual"] = nullptr;
  }
  json::array routes;
  for (const auto& line : s.by_route) {
    json::object r{{"code", line.code}, {"label", line.label}};
    PutMoney(r, "annual", line.annual);
    routes.push_back(std::move(r));
  }
  statement["by_route"] = std::move(routes);
  json::array sentences;
  for (const auto& line : s.sentences) sentences.push_back(json::string(line));
  statement["sentences"] = std::move(sentences);

  const casework::PlanDecision& d = v.in_force.decision;
  std::string variance_label;
  for (const auto& [code, label] : app::VarianceCategories()) {
    if (d.variance_category == code) variance_label = label;
  }
  json::array reviews;
  for (const auto& r : v.reviews) reviews.push_back(ReviewJson(r));
  json::object out{{"person_id", v.in_force.plan.person.str()},
                   {"person_name", v.person_name},
                   {"plan_id", v.in_force.plan.id.str()},
                   {"plan_version", v.in_force.plan.version},
                   {"signed_off_on", FormatIsoDate(v.in_force.from)},
                   {"variance_category", d.variance_category},
                   {"variance_label", variance_label},
                   {"variance_words", d.variance_words},
                   {"statement", std::move(statement)},
                   {"reviews", std::move(reviews)}};
  if (v.next_review) {
    out["next_review"] = {{"due", FormatIsoDate(v.next_review->due)},
                          {"kind", casework::ReviewKindName(v.next_review->kind)},
                          {"why", v.next_review->why},
                          {"words", v.next_review_words},
                          {"overdue", DaysBetween(today, v.next_review->due) < 0}};
  } else {
    out["next_review"] = nullptr;
  }
  return out;
}

documents::Document StatementDocument(const app::BudgetView& v, Date today) {
  const casework::BudgetStatement& s = v.statement;
  documents::Document doc;
  doc.title = "Your personal budget";
  doc.subtitle = fmt::format("{} · statement made on {}", v.person_name, FormatLongDate(today));
  doc.footer = "Personal budget statement (Care Act 2014, section 26)";
  doc.blocks.push_back(documents::Heading("Your budget"));
  for (const auto& sentence : s.sentences) doc.blocks.push_back(documents::Paragraph(sentence));
  const auto money = [](Pence annual, Pence weekly) {
    return fmt::format("{} a year ({} a week)", FormatPounds(annual), FormatPounds(weekly));
  };
  doc.blocks.push_back(documents::Summary({
      {"The cost of meeting your needs", money(s.cost_annual, s.cost_weekly)},
      {"What you pay towards it", s.contribution_assessed
                                      ? money(s.contribution_annual, s.contribution_weekly)
                                      : "Not worked out yet"},
      {"What the council pays", money(s.council_annual, s.council_weekly)},
      {"The period", fmt::format("{} to {}", FormatLongDate(s.from), FormatLongDate(s.to))},
  }));
  if (!s.by_route.empty()) {
    doc.blocks.push_back(documents::Heading("How your plan spends it"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& line : s.by_route) rows.push_back({line.label, FormatPounds(line.annual)});
    doc.blocks.push_back(documents::Table({"How the money is paid", "A year"}, rows));
  }
  doc.blocks.push_back(documents::Heading("Your reviews"));
  if (v.next_review) {
    doc.blocks.push_back(documents::Paragraph(
        fmt::format("Your next review: {}. {}.", v.next_review_words, v.next_review->why)));
  }
  doc.blocks.push_back(documents::Paragraph(
      "A review looks at whether your support is helping you reach the outcomes in your plan. "
      "Your budget cannot be reduced because of a review alone: that needs a new assessment of "
      "your needs."));
  doc.blocks.push_back(documents::Heading("If something is not right"));
  doc.blocks.push_back(documents::Paragraph(
      "If you think this budget is not enough to meet your needs in the way your plan sets out, "
      "or something in this statement is wrong, tell your social worker. You can ask for the "
      "decision to be looked at again, and you can complain to the council."));
  return doc;
}

}  // namespace

void RegisterReviewsApi(Router& router, app::Casework& casework, const Clock& clock) {
  router.Add("GET", "/api/people/{person}/budget", "budget.get", Action::kBudgetRead,
             [&casework, &clock](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto view = casework.Budget(request.ctx, std::get<PersonId>(id));
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, BudgetJson(*view, clock.Today()));
             });

  router.Add("GET", "/api/people/{person}/budget/statement.pdf", "budget.statement-pdf",
             Action::kBudgetRead,
             [&casework, &clock](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto view = casework.Budget(request.ctx, std::get<PersonId>(id));
               if (!view) return ProblemFromError(view.error());
               auto pdf = documents::RenderPdf(StatementDocument(*view, clock.Today()));
               if (!pdf) return ProblemFromError(pdf.error());
               Response r;
               r.status = 200;
               r.content_type = "application/pdf";
               r.body = std::move(*pdf);
               r.headers.emplace_back("Content-Disposition",
                                      "inline; filename=\"personal-budget-statement.pdf\"");
               return r;
             });

  router.Add(
      "POST", "/api/people/{person}/reviews", "reviews.create", Action::kCaseRecord,
      [&casework](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        Fields f(o);
        casework::ReviewRequest r;
        r.held_on = f.String("held_on");
        r.reason = f.String("reason");
        r.method = f.String("method");
        r.persons_view = f.String("persons_view");
        r.result = f.String("result");
        r.notes = f.String("notes");
        f.Known("outcomes");
        std::vector<FieldError> errors = f.Finish();
        const auto* outcomes = o.if_contains("outcomes");
        if (outcomes == nullptr || !outcomes->is_array()) {
          errors.push_back({"outcomes",
                            "Rate each outcome in the plan: a list of {outcome, rating, "
                            "persons_view}"});
        } else {
          for (std::size_t i = 0; i < outcomes->as_array().size(); ++i) {
            const auto& item = outcomes->as_array()[i];
            const std::string prefix = fmt::format("outcomes[{}].", i);
            if (!item.is_object()) {
              errors.push_back({prefix.substr(0, prefix.size() - 1), "Each outcome is an object"});
              continue;
            }
            Fields of(item.as_object());
            casework::ReviewRequest::Outcome out;
            out.outcome = of.String("outcome");
            out.rating = of.String("rating");
            out.persons_view = of.String("persons_view");
            for (auto& e : of.Finish(prefix.c_str())) errors.push_back(std::move(e));
            r.outcomes.push_back(std::move(out));
          }
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto review = casework.RecordReview(request.ctx, std::get<PersonId>(id), r);
        if (!review) return ProblemFromError(review.error());
        return JsonResponse(201, ReviewJson(*review));
      });

  router.Add("POST", "/api/people/{person}/contribution", "contribution.create",
             Action::kContributionRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               casework::ContributionRequest c;
               c.weekly = f.String("weekly");
               c.assessed_on = f.String("assessed_on");
               c.basis = f.String("basis");
               c.notes = f.String("notes");
               if (auto errors = f.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto saved = casework.RecordContribution(request.ctx, std::get<PersonId>(id), c);
               if (!saved) return ProblemFromError(saved.error());
               json::object out{
                   {"assessed_on", FormatIsoDate(saved->assessed_on)},
                   {"basis", saved->basis},
                   {"basis_label", casework::LabelOf(CodeList::kContributionBasis, saved->basis)},
                   {"notes", saved->notes}};
               PutMoney(out, "weekly", saved->weekly);
               return JsonResponse(201, out);
             });

  router.Add("POST", "/api/people/{person}/closure", "case.close", Action::kCaseRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               casework::ClosureRequest c;
               c.reason = f.String("reason");
               c.effective_on = f.String("effective_on");
               c.words = f.String("words");
               if (auto errors = f.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto closed = casework.CloseCase(request.ctx, std::get<PersonId>(id), c);
               if (!closed) return ProblemFromError(closed.error());
               return JsonResponse(
                   200,
                   {{"reason", closed->reason},
                    {"reason_label", casework::LabelOf(CodeList::kClosureReason, closed->reason)},
                    {"effective_on", FormatIsoDate(closed->effective_on)},
                    {"words", closed->words}});
             });
}

}  // namespace selfdirect::http
