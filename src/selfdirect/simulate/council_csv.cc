#include "selfdirect/simulate/council_csv.h"

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "selfdirect/core/csv.h"

namespace selfdirect::simulate {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

// One table's text, handed on whenever it holds about a megabyte, and at the end.
class Table {
 public:
  Table(std::string_view name, std::initializer_list<std::string_view> header,
        const CsvWrite& write)
      : name_(name), write_(write) {
    Row(header);
  }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  ~Table() {
    if (!text_.empty()) write_(name_, text_);
  }

  void Row(std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) text_ += ',';
      first = false;
      AppendCsvField(text_, f);
    }
    text_ += '\n';
    if (text_.size() >= kFlushBytes) {
      write_(name_, text_);
      text_.clear();
    }
  }

 private:
  std::string_view name_;
  const CsvWrite& write_;
  std::string text_;
};

std::string N(std::int64_t n) { return std::to_string(n); }
std::string Time(const std::optional<Timestamp>& t) { return t ? FormatTimestamp(*t) : ""; }
const char* YesNo(bool b) { return b ? "yes" : "no"; }

void Market(const SyntheticCouncil& c, const CsvWrite& write) {
  Table providers("providers.csv",
                  {"provider", "name", "cqc_location_id", "cqc_rating", "cqc_rated_on", "areas",
                   "contract", "address", "phone", "email"},
                  write);
  Table services("services.csv",
                 {"provider", "service", "what", "service_type", "unit", "price_pence", "approved",
                  "need_areas", "days", "availability"},
                 write);
  for (std::size_t i = 0; i < c.market.size(); ++i) {
    const SyntheticProvider& p = c.market[i];
    const auto& r = p.request;
    providers.Row({N(static_cast<std::int64_t>(i)), r.name, r.cqc_location_id, r.cqc_rating,
                   r.cqc_rated_on, fmt::format("{}", fmt::join(r.areas, ";")), r.contract,
                   r.address, r.phone, r.email});
    for (std::size_t j = 0; j < p.services.size(); ++j) {
      const auto& s = p.services[j];
      services.Row({N(static_cast<std::int64_t>(i)), N(static_cast<std::int64_t>(j)), s.what,
                    s.service_type, s.unit, N(p.prices[j].value()), YesNo(s.approved),
                    fmt::format("{}", fmt::join(s.need_areas, ";")),
                    fmt::format("{}", fmt::join(s.days, ";")), s.availability});
    }
  }
}

}  // namespace

std::vector<std::string_view> CouncilCsvTables() {
  return {"providers.csv",       "services.csv",    "people.csv",   "contacts.csv",
          "eligibility.csv",     "assessments.csv", "plans.csv",    "plan_items.csv",
          "contributions.csv",   "reviews.csv",     "closures.csv", "concerns.csv",
          "direct_payments.csv", "pools.csv"};
}

void WriteCouncilCsv(const SyntheticCouncil& c, const CsvWrite& write,
                     const std::function<void(std::int64_t, std::int64_t)>& on_progress) {
  Market(c, write);
  Table people("people.csv",
               {"person",
                "given_name",
                "family_name",
                "date_of_birth",
                "age",
                "gender",
                "ethnicity",
                "nhs_number",
                "primary_support_reason",
                "ras_support_reason",
                "accommodation",
                "living_setting",
                "employment",
                "has_unpaid_carer",
                "address",
                "postcode",
                "interpreter_language",
                "easy_read",
                "need_per_mille",
                "team"},
               write);
  Table contacts("contacts.csv", {"person", "at", "route_of_access", "asked_for", "outcome"},
                 write);
  Table eligibility("eligibility.csv",
                    {"person", "at", "eligible", "outcomes_not_achieved",
                     "needs_arise_from_condition", "significant_impact_on_wellbeing"},
                    write);
  Table assessments(
      "assessments.csv",
      {"person", "at", "completed_by", "amount_pence", "indicative_annual_pence", "answers"},
      write);
  Table plans("plans.csv",
              {"person", "started_at", "mechanism", "first_year_cost_pence", "actual_annual_pence",
               "variance_category", "variance_words", "submitted_at", "returned_at",
               "resubmitted_at", "approved_at"},
              write);
  Table items("plan_items.csv",
              {"person", "item", "what", "supplier", "supplier_name", "provider", "service",
               "service_type", "unit", "unit_price", "quantity", "frequency", "route"},
              write);
  Table contributions("contributions.csv", {"person", "at", "assessed_on", "basis", "weekly_pence"},
                      write);
  Table reviews(
      "reviews.csv",
      {"person", "review", "at", "held_on", "reason", "method", "result", "outcomes_achieved",
       "outcomes_partly", "outcomes_not_yet", "revision_approved_at"},
      write);
  Table closures("closures.csv", {"person", "at", "effective_on", "reason"}, write);
  Table concerns("concerns.csv",
                 {"person", "concern", "raised_at", "category", "immediate_risk", "triage",
                  "triaged_at", "enquiry_started_at", "closed_at", "risk", "outcomes_met"},
                 write);
  Table money("direct_payments.csv",
              {"person", "card_reference", "spend_per_mille", "weekly_spend_pence",
               "paid_in_every_four_weeks_pence"},
              write);
  for (const SyntheticPerson& p : c.people) {
    const std::string person = N(p.index);
    const auto& n = p.person;
    people.Row({person,
                n.given_name,
                n.family_name,
                n.date_of_birth,
                N(p.age),
                n.gender,
                n.ethnicity,
                n.nhs_number,
                n.primary_support_reason,
                p.ras_support_reason,
                n.accommodation,
                p.living_setting,
                n.employment,
                n.has_unpaid_carer,
                n.address,
                n.postcode,
                n.communication.interpreter_language,
                YesNo(n.communication.easy_read),
                N(p.need),
                p.team});
    contacts.Row({person, FormatTimestamp(p.contact.at), p.contact.route_of_access,
                  p.contact.asked_for, p.contact.outcome});
    if (p.eligibility) {
      const auto& r = p.eligibility->request;
      std::int64_t not_achieved = 0;
      for (const auto& o : r.outcomes) not_achieved += o.achieved ? 0 : 1;
      eligibility.Row({person, FormatTimestamp(p.eligibility->at), YesNo(p.eligibility->eligible),
                       N(not_achieved), YesNo(r.needs_arise_from_condition.value_or(false)),
                       YesNo(r.significant_impact_on_wellbeing.value_or(false))});
    }
    if (p.assessment) {
      std::string answers;
      for (const auto& [id, a] : p.assessment->answers) {
        if (!answers.empty()) answers += ';';
        answers.append(id).append(1, '=').append(a.text);
      }
      assessments.Row({person, FormatTimestamp(p.assessment->at), p.assessment->completed_by,
                       N(p.assessment->amount_pence), N(p.assessment->indicative_annual.value()),
                       answers});
    }
    if (p.plan) {
      const SyntheticPlan& plan = *p.plan;
      plans.Row({person, FormatTimestamp(plan.started_at), plan.mechanism,
                 N(plan.first_year_cost.value()), N(plan.actual_annual.value()),
                 plan.variance_category, plan.variance_words, Time(plan.submitted_at),
                 Time(plan.returned_at), Time(plan.resubmitted_at), Time(plan.approved_at)});
      for (std::size_t i = 0; i < plan.request.items.size(); ++i) {
        const auto& item = plan.request.items[i];
        const ServiceRef ref = i < plan.sources.size() ? plan.sources[i] : ServiceRef{};
        items.Row({person, N(static_cast<std::int64_t>(i)), item.what, item.supplier,
                   item.supplier_name, ref.found() ? N(ref.provider) : "",
                   ref.found() ? N(ref.service) : "", item.service_type, item.unit, item.unit_price,
                   item.quantity, item.frequency, item.route});
      }
    }
    if (p.contribution) {
      contributions.Row({person, FormatTimestamp(p.contribution->at),
                         p.contribution->request.assessed_on, p.contribution->request.basis,
                         N(p.contribution->weekly_pence)});
    }
    for (std::size_t i = 0; i < p.reviews.size(); ++i) {
      const SyntheticReview& r = p.reviews[i];
      std::int64_t rated[3] = {0, 0, 0};
      for (const auto& o : r.request.outcomes) {
        ++rated[o.rating == "achieved" ? 0 : o.rating == "partly" ? 1 : 2];
      }
      reviews.Row({person, N(static_cast<std::int64_t>(i)), FormatTimestamp(r.at),
                   r.request.held_on, r.request.reason, r.request.method, r.request.result,
                   N(rated[0]), N(rated[1]), N(rated[2]),
                   r.revision ? Time(r.revision->approved_at) : ""});
    }
    if (p.closure) {
      closures.Row({person, FormatTimestamp(p.closure->at), p.closure->request.effective_on,
                    p.closure->request.reason});
    }
    for (std::size_t i = 0; i < p.concerns.size(); ++i) {
      const SyntheticConcern& k = p.concerns[i];
      concerns.Row({person, N(static_cast<std::int64_t>(i)), FormatTimestamp(k.raised_at),
                    k.request.category, YesNo(k.request.immediate_risk.value_or(false)),
                    k.triage.decision, Time(k.triaged_at), Time(k.enquiry_at), Time(k.closed_at),
                    k.closed_at ? k.closure.risk : "", k.closed_at ? k.closure.outcomes_met : ""});
    }
    if (p.money) {
      std::int64_t weekly = 0, paid_in = 0;
      for (const DirectSpend& s : p.money->spend) weekly += s.weekly_pence;
      for (const DirectSpend& s : p.money->money_in) paid_in += s.weekly_pence;
      money.Row(
          {person, p.money->card_reference, N(p.money->spend_per_mille), N(weekly), N(paid_in)});
    }
    const auto all = static_cast<std::int64_t>(c.people.size());
    if (on_progress && ((p.index + 1) % 10'000 == 0 || p.index + 1 == all)) {
      on_progress(p.index + 1, all);
    }
  }
  Table pools(
      "pools.csv",
      {"pool", "name", "proposed_on", "share_pence", "leaving_rule", "members", "leaves_on"},
      write);
  for (std::size_t i = 0; i < c.pools.size(); ++i) {
    const SyntheticPool& pool = c.pools[i];
    pools.Row({N(static_cast<std::int64_t>(i)), pool.name, FormatIsoDate(pool.proposed_on),
               N(pool.share_pence), pool.leaving_rule,
               fmt::format("{}", fmt::join(pool.members, ";")),
               pool.leaves_on ? FormatIsoDate(*pool.leaves_on) : ""});
  }
}

}  // namespace selfdirect::simulate
