// The casework API: people, eligibility decisions, assessments, the caseload queue, and the code
// lists the forms use. Thin: JSON in, one Casework use case, JSON out.
#include <boost/json.hpp>

#include "selfdirect/app/casework.h"
#include "selfdirect/casework/codes.h"
#include "selfdirect/casework/nhs_number.h"
#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/ras_json.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using casework::CodeList;

json::object PersonJson(const casework::PersonRecord& r, Date today) {
  const casework::Person& p = r.person;
  return {{"id", p.id.str()},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"full_name", p.FullName()},
          {"date_of_birth", FormatIsoDate(p.date_of_birth)},
          {"age", casework::AgeOn(p, today)},
          {"nhs_number", p.nhs_number.empty() ? "" : casework::FormatNhsNumber(p.nhs_number)},
          {"address", p.address},
          {"postcode", p.postcode},
          {"phone", p.phone},
          {"email", p.email},
          {"gender", p.gender},
          {"ethnicity", p.ethnicity},
          {"primary_support_reason", p.primary_support_reason},
          {"primary_support_reason_label",
           casework::LabelOf(CodeList::kPrimarySupportReason, p.primary_support_reason)},
          {"accommodation", p.accommodation},
          {"employment", p.employment},
          {"has_unpaid_carer", p.has_unpaid_carer},
          {"communication",
           {{"easy_read", p.communication.easy_read},
            {"large_print", p.communication.large_print},
            {"interpreter_language", p.communication.interpreter_language},
            {"other", p.communication.other}}},
          {"stage", casework::StageName(r.state.stage)},
          {"stage_label", casework::StageLabel(r.state.stage)},
          {"has_active_plan", r.state.has_active_plan},
          {"team_id", r.team ? json::value(r.team->str()) : nullptr},
          {"review_due", r.review_due ? json::value(FormatIsoDate(*r.review_due)) : nullptr},
          {"review_overdue", r.review_due.has_value() && DaysBetween(today, *r.review_due) < 0},
          {"review_due_words",
           r.review_due ? json::value(casework::DescribeDue(*r.review_due, today)) : nullptr},
          {"revision", p.revision},
          {"created_at", FormatTimestamp(p.created_at)}};
}

json::object DeterminationJson(const casework::Determination& d) {
  json::array outcomes;
  const auto areas = d.kind == casework::DeterminationKind::kAdult ? casework::AdultOutcomes()
                                                                   : casework::CarerOutcomes();
  for (const casework::OutcomeFinding& f : d.outcomes) {
    std::string label;
    for (const auto& a : areas) {
      if (f.outcome == a.code) label = a.label;
    }
    outcomes.push_back(
        {{"outcome", f.outcome},
         {"label", label},
         {"achieved", f.achieved},
         {"reason", f.reason ? json::value(casework::UnableReasonCode(*f.reason)) : nullptr},
         {"reason_label", f.reason ? json::value(casework::UnableReasonLabel(*f.reason)) : nullptr},
         {"notes", f.notes}});
  }
  return {{"id", d.id.str()},
          {"kind", casework::DeterminationKindName(d.kind)},
          {"eligible", d.eligible},
          {"reasoning", d.reasoning},
          {"needs_arise_from_condition", d.needs_arise_from_condition},
          {"health_deteriorating", d.health_deteriorating},
          {"significant_impact_on_wellbeing", d.significant_impact_on_wellbeing},
          {"wellbeing_notes", d.wellbeing_notes},
          {"summary", d.summary},
          {"decided_at", FormatTimestamp(d.decided_at)},
          {"outcomes", outcomes}};
}

json::object AssessmentJson(const casework::Assessment& a) {
  json::object answers;
  for (const auto& [id, answer] : a.answers) answers[id] = answer;
  json::array lines;
  for (const auto& l : a.explanation) {
    json::object o{{"kind", l.kind}, {"text", l.text}};
    if (!l.item.empty()) o["id"] = l.item;
    if (l.amount_pence) o["amount_pence"] = *l.amount_pence;
    if (!l.value.empty()) o["value"] = l.value;
    lines.push_back(std::move(o));
  }
  return {{"id", a.id.str()},
          {"completed_by", a.completed_by},
          {"model", a.model_id},
          {"model_version", a.model_version},
          {"period", a.period},
          {"amount_pence", a.amount_pence},
          {"amount", FormatPounds(Pence(a.amount_pence))},
          {"answers", answers},
          {"explanation", lines},
          {"recorded_at", FormatTimestamp(a.recorded_at)}};
}

json::object CarerJson(const casework::CarerLink& c) {
  return {{"id", c.id.str()},
          {"person_id", c.person.str()},
          {"carer_person_id", c.carer_person ? json::value(c.carer_person->str()) : nullptr},
          {"name", c.name},
          {"relationship", c.relationship},
          {"relationship_label", casework::LabelOf(CodeList::kCarerRelationship, c.relationship)},
          {"lives_with", c.lives_with},
          {"phone", c.phone},
          {"assessment_offer", c.assessment_offer},
          {"assessment_offer_label",
           casework::LabelOf(CodeList::kCarerAssessmentOffer, c.assessment_offer)},
          {"offered_on", c.offered_on ? json::value(FormatIsoDate(*c.offered_on)) : nullptr},
          {"description", casework::DescribeCarer(c)},
          {"created_at", FormatTimestamp(c.created_at)},
          {"ended_at", c.ended_at ? json::value(FormatTimestamp(*c.ended_at)) : nullptr}};
}

json::object FileJson(const app::PersonFile& f, Date today) {
  json::object out = PersonJson(f.record, today);
  json::array contacts;
  for (const casework::Contact& c : f.contacts) {
    contacts.push_back(
        {{"id", c.id.str()},
         {"contact_date", FormatIsoDate(c.contact_date)},
         {"route_of_access", c.route_of_access},
         {"route_of_access_label", casework::LabelOf(CodeList::kRouteOfAccess, c.route_of_access)},
         {"asked_for", c.asked_for},
         {"outcome", c.outcome},
         {"outcome_label", casework::LabelOf(CodeList::kContactOutcome, c.outcome)}});
  }
  out["contacts"] = std::move(contacts);
  out["eligibility"] =
      f.determination ? json::value(DeterminationJson(*f.determination)) : json::value(nullptr);
  out["assessment"] =
      f.assessment ? json::value(AssessmentJson(*f.assessment)) : json::value(nullptr);
  json::array events;
  for (const auto& e : f.events) {
    events.push_back({{"event", e.event},
                      {"stage_after", e.stage_after},
                      {"at", FormatTimestamp(e.at)},
                      {"by", e.by.str()},
                      {"detail", e.detail}});
  }
  out["events"] = std::move(events);
  json::array plans;
  for (const casework::PlanVersion& p : f.plans) {
    plans.push_back(
        {{"id", p.id.str()},
         {"version", p.version},
         {"status", casework::PlanStatusName(p.status)},
         {"first_year_pence", p.cost.first_year().value()},
         {"first_year", FormatPounds(p.cost.first_year())},
         {"submitted_at", p.submitted_at ? json::value(FormatTimestamp(*p.submitted_at)) : nullptr},
         {"updated_at", FormatTimestamp(p.updated_at)}});
  }
  out["plans"] = std::move(plans);
  if (f.closure) {
    out["closure"] = {
        {"reason", f.closure->reason},
        {"reason_label", casework::LabelOf(CodeList::kClosureReason, f.closure->reason)},
        {"effective_on", FormatIsoDate(f.closure->effective_on)},
        {"words", f.closure->words}};
  } else {
    out["closure"] = nullptr;
  }
  json::array carers;
  for (const casework::CarerLink& c : f.carers) carers.push_back(CarerJson(c));
  out["carers"] = std::move(carers);
  json::array cares_for;
  for (const app::CaringFor& c : f.cares_for) {
    cares_for.push_back({{"person_id", c.link.person.str()},
                         {"person_name", c.person_name},
                         {"relationship", c.link.relationship},
                         {"relationship_label",
                          casework::LabelOf(CodeList::kCarerRelationship, c.link.relationship)}});
  }
  out["cares_for"] = std::move(cares_for);
  return out;
}

// A yes/no field: true, false or absent; a wrong type is an error named after the field.
std::optional<bool> Bool(const json::object& o, const char* name, std::vector<FieldError>* errors,
                         const std::string& prefix = "") {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) {
    errors->push_back({prefix + name, "Answer yes (true) or no (false)"});
    return std::nullopt;
  }
  return v->as_bool();
}

std::string String(const json::object& o, const char* name, std::vector<FieldError>* errors,
                   const std::string& prefix = "") {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return "";
  if (!v->is_string()) {
    errors->push_back({prefix + name, "Enter this as text"});
    return "";
  }
  return std::string(v->as_string());
}

std::variant<PersonId, Response> PersonParam(const PathParams& params) {
  return PathId<PersonId>(params, "person");
}

json::array CodeArray(CodeList list) {
  json::array out;
  for (const casework::Code& c : casework::Codes(list)) {
    out.push_back({{"code", c.code}, {"label", c.label}});
  }
  return out;
}

// "Home care" for "home_care"; "" when the kind is not said.
std::string ServiceTypeLabelOf(const std::string& code) {
  auto type = market::ParseServiceType(code);
  return type ? market::ServiceTypeLabel(*type) : "";
}

// Whether the scheme's approved list allows item n: {"allowed": true} or with the reason.
json::object ApprovalJson(const app::PlanApprovals& approvals, std::size_t n) {
  if (n >= approvals.items.size() || approvals.items[n].allowed) return {{"allowed", true}};
  return {{"allowed", false}, {"reason", approvals.items[n].reason}};
}

json::object PlanJson(const app::PlanView& v) {
  const casework::PlanVersion& p = v.plan;
  json::array outcomes;
  for (const auto& o : p.content.outcomes) outcomes.push_back({{"id", o.id}, {"words", o.words}});
  json::array items;
  for (std::size_t n = 0; n < p.content.items.size(); ++n) {
    const casework::PlanItem& i = p.content.items[n];
    json::array served;
    for (const auto& o : i.outcomes) served.push_back(json::value(o));
    const auto line = i.unit_price.MulDiv(i.hundredths, 100, RoundingRule::kHalfUp);
    items.push_back(
        {{"what", i.what},
         {"supplier", casework::SupplierName(i.supplier)},
         {"supplier_name", i.supplier_name},
         {"unit", i.unit},
         {"unit_price", FormatDecimal(i.unit_price)},
         {"quantity", FormatDecimal(Pence(i.hundredths))},
         {"frequency", casework::ItemFrequencyName(i.frequency)},
         {"outcomes", served},
         {"route", casework::PaymentRouteName(i.route)},
         {"service_id", i.service_id.empty() ? json::value(nullptr) : json::value(i.service_id)},
         {"service_type", i.service_type},
         {"service_type_label", ServiceTypeLabelOf(i.service_type)},
         {"approval", ApprovalJson(v.approvals, n)},
         {"line_pence", line ? line->value() : 0}});
  }
  json::array risks;
  for (const auto& r : p.content.risks) {
    risks.push_back({{"risk", r.risk}, {"how_managed", r.how_managed}});
  }
  json::array written_with;
  for (const auto& w : p.content.written_with) written_with.push_back(json::value(w));
  json::array decisions;
  for (const casework::PlanDecision& d : v.decisions) {
    std::string variance_label;
    for (const auto& [code, label] : app::VarianceCategories()) {
      if (d.variance_category == code) variance_label = label;
    }
    decisions.push_back(
        {{"round", d.round},
         {"decision", d.decision},
         {"comments", d.comments},
         {"actual_annual_pence", d.actual_annual ? json::value(d.actual_annual->value()) : nullptr},
         {"indicative_annual_pence",
          d.indicative_annual ? json::value(d.indicative_annual->value()) : nullptr},
         {"variance_category", d.variance_category},
         {"variance_label", variance_label},
         {"variance_words", d.variance_words},
         {"decided_at", FormatTimestamp(d.decided_at)}});
  }
  return {
      {"id", p.id.str()},
      {"person_id", p.person.str()},
      {"person_name", v.person_name},
      {"decisions", decisions},
      {"version", p.version},
      {"status", casework::PlanStatusName(p.status)},
      {"revision", p.revision},
      {"outcomes", outcomes},
      {"items", items},
      {"written_with", written_with},
      {"risks", risks},
      {"emergency", p.content.emergency},
      {"cost",
       {{"weekly_pence", p.cost.weekly.value()},
        {"annual_pence", p.cost.annual.value()},
        {"one_off_pence", p.cost.one_off.value()},
        {"first_year_pence", p.cost.first_year().value()}}},
      {"indicative_annual_pence",
       v.indicative_annual ? json::value(v.indicative_annual->value()) : nullptr},
      {"against_indicative", v.against_indicative},
      {"approved_list_required", v.approvals.required},
      {"weeks_per_year", FormatWeeksPerYear(v.weeks_per_year)},
      {"updated_at", FormatTimestamp(p.updated_at)},
      {"submitted_at", p.submitted_at ? json::value(FormatTimestamp(*p.submitted_at)) : nullptr}};
}

// The plan fields of a request body; type errors are collected, content is checked later.
casework::PlanRequest ReadPlan(const json::object& o, std::vector<FieldError>* errors) {
  casework::PlanRequest r;
  auto list = [&](const char* name) -> const json::array* {
    const auto* v = o.if_contains(name);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_array()) {
      errors->push_back({name, "Send this as a list"});
      return nullptr;
    }
    return &v->as_array();
  };
  if (const auto* outcomes = list("outcomes")) {
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
      const std::string prefix = "outcomes[" + std::to_string(i) + "].";
      if (!(*outcomes)[i].is_object()) {
        errors->push_back({prefix.substr(0, prefix.size() - 1), "Each outcome is an object"});
        continue;
      }
      const auto& oo = (*outcomes)[i].as_object();
      r.outcomes.push_back({String(oo, "id", errors, prefix), String(oo, "words", errors, prefix)});
    }
  }
  if (const auto* items = list("items")) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string prefix = "items[" + std::to_string(i) + "].";
      if (!(*items)[i].is_object()) {
        errors->push_back({prefix.substr(0, prefix.size() - 1), "Each item is an object"});
        continue;
      }
      const auto& io = (*items)[i].as_object();
      casework::PlanItemRequest item;
      item.what = String(io, "what", errors, prefix);
      item.supplier = String(io, "supplier", errors, prefix);
      item.supplier_name = String(io, "supplier_name", errors, prefix);
      item.unit = String(io, "unit", errors, prefix);
      item.unit_price = String(io, "unit_price", errors, prefix);
      item.quantity = String(io, "quantity", errors, prefix);
      item.frequency = String(io, "frequency", errors, prefix);
      item.route = String(io, "route", errors, prefix);
      item.service_id = String(io, "service_id", errors, prefix);
      item.service_type = String(io, "service_type", errors, prefix);
      if (const auto* served = io.if_contains("outcomes");
          served != nullptr && served->is_array()) {
        for (const auto& s : served->as_array()) {
          if (s.is_string()) item.outcomes.emplace_back(s.as_string());
        }
      }
      r.items.push_back(std::move(item));
    }
  }
  if (const auto* with = list("written_with")) {
    for (const auto& w : *with) {
      if (w.is_string()) r.written_with.emplace_back(w.as_string());
    }
  }
  if (const auto* risks = list("risks")) {
    for (std::size_t i = 0; i < risks->size(); ++i) {
      if (!(*risks)[i].is_object()) continue;
      const auto& ro = (*risks)[i].as_object();
      const std::string prefix = "risks[" + std::to_string(i) + "].";
      r.risks.push_back(
          {String(ro, "risk", errors, prefix), String(ro, "how_managed", errors, prefix)});
    }
  }
  r.emergency = String(o, "emergency", errors);
  return r;
}

std::optional<std::int64_t> Revision(const json::object& o, std::vector<FieldError>* errors) {
  const auto* v = o.if_contains("revision");
  if (v == nullptr || !v->is_int64() || v->as_int64() < 1) {
    errors->push_back({"revision",
                       "Send the revision of the plan you are changing (it guards "
                       "against overwriting someone else's change)"});
    return std::nullopt;
  }
  return v->as_int64();
}

}  // namespace

void RegisterCaseworkApi(Router& router, app::Casework& casework, const Clock& clock) {
  router.Add("GET", "/api/casework/codes", "casework.codes", Action::kPublic,
             [](const Request&, const PathParams&) {
               json::array adult;
               for (const auto& a : casework::AdultOutcomes()) {
                 adult.push_back({{"code", a.code}, {"label", a.label}});
               }
               json::array carer;
               for (const auto& a : casework::CarerOutcomes()) {
                 carer.push_back({{"code", a.code}, {"label", a.label}});
               }
               json::array reasons;
               for (auto r : {casework::UnableReason::kWithoutAssistance,
                              casework::UnableReason::kPainDistressAnxiety,
                              casework::UnableReason::kEndangersHealthSafety,
                              casework::UnableReason::kTakesSignificantlyLonger}) {
                 reasons.push_back({{"code", casework::UnableReasonCode(r)},
                                    {"label", casework::UnableReasonLabel(r)}});
               }
               return JsonResponse(
                   200, {{"gender", CodeArray(CodeList::kGender)},
                         {"ethnicity", CodeArray(CodeList::kEthnicity)},
                         {"primary_support_reason", CodeArray(CodeList::kPrimarySupportReason)},
                         {"accommodation", CodeArray(CodeList::kAccommodation)},
                         {"employment", CodeArray(CodeList::kEmployment)},
                         {"route_of_access", CodeArray(CodeList::kRouteOfAccess)},
                         {"contact_outcome", CodeArray(CodeList::kContactOutcome)},
                         {"review_reason", CodeArray(CodeList::kReviewReason)},
                         {"review_method", CodeArray(CodeList::kReviewMethod)},
                         {"closure_reason", CodeArray(CodeList::kClosureReason)},
                         {"contribution_basis", CodeArray(CodeList::kContributionBasis)},
                         {"carer_relationship", CodeArray(CodeList::kCarerRelationship)},
                         {"carer_assessment_offer", CodeArray(CodeList::kCarerAssessmentOffer)},
                         {"outcome_ratings",
                          [] {
                            json::array a;
                            for (auto r : {casework::OutcomeRating::kAchieved,
                                           casework::OutcomeRating::kPartly,
                                           casework::OutcomeRating::kNotYet}) {
                              a.push_back({{"code", casework::OutcomeRatingName(r)},
                                           {"label", casework::OutcomeRatingLabel(r)}});
                            }
                            return a;
                          }()},
                         {"review_results",
                          [] {
                            json::array a;
                            for (auto r : {casework::ReviewResult::kContinue,
                                           casework::ReviewResult::kRevisePlan,
                                           casework::ReviewResult::kReassess}) {
                              a.push_back({{"code", casework::ReviewResultName(r)},
                                           {"label", casework::ReviewResultLabel(r)}});
                            }
                            return a;
                          }()},
                         {"adult_outcomes", adult},
                         {"variance_categories",
                          [] {
                            json::array out;
                            for (const auto& [code, label] : app::VarianceCategories()) {
                              out.push_back({{"code", code}, {"label", label}});
                            }
                            return out;
                          }()},
                         {"carer_outcomes", carer},
                         {"unable_reasons", reasons}});
             });

  router.Add("POST", "/api/people", "people.create", Action::kPeopleCreate,
             [&casework, &clock](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& o = std::get<json::object>(body);
               std::vector<FieldError> errors;
               casework::NewPerson p;
               p.given_name = String(o, "given_name", &errors);
               p.family_name = String(o, "family_name", &errors);
               p.date_of_birth = String(o, "date_of_birth", &errors);
               p.nhs_number = String(o, "nhs_number", &errors);
               p.address = String(o, "address", &errors);
               p.postcode = String(o, "postcode", &errors);
               p.phone = String(o, "phone", &errors);
               p.email = String(o, "email", &errors);
               p.gender = String(o, "gender", &errors);
               p.ethnicity = String(o, "ethnicity", &errors);
               p.primary_support_reason = String(o, "primary_support_reason", &errors);
               p.accommodation = String(o, "accommodation", &errors);
               p.employment = String(o, "employment", &errors);
               p.has_unpaid_carer = String(o, "has_unpaid_carer", &errors);
               if (const auto* c = o.if_contains("communication"); c != nullptr && c->is_object()) {
                 const auto& co = c->as_object();
                 p.communication.easy_read =
                     Bool(co, "easy_read", &errors, "communication.").value_or(false);
                 p.communication.large_print =
                     Bool(co, "large_print", &errors, "communication.").value_or(false);
                 p.communication.interpreter_language =
                     String(co, "interpreter_language", &errors, "communication.");
                 p.communication.other = String(co, "other", &errors, "communication.");
               }
               app::NewContact contact;
               if (const auto* c = o.if_contains("contact"); c != nullptr && c->is_object()) {
                 const auto& co = c->as_object();
                 contact.contact_date = String(co, "contact_date", &errors, "contact.");
                 contact.route_of_access = String(co, "route_of_access", &errors, "contact.");
                 contact.asked_for = String(co, "asked_for", &errors, "contact.");
                 contact.outcome = String(co, "outcome", &errors, "contact.");
               } else {
                 errors.push_back(
                     {"contact.route_of_access", "Choose how the person came to the council"});
               }
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto file = casework.CreatePerson(request.ctx, p, contact);
               if (!file) return ProblemFromError(file.error());
               Response r = JsonResponse(201, FileJson(*file, clock.Today()));
               r.headers.emplace_back("Location", "/api/people/" + file->record.person.id.str());
               return r;
             });

  router.Add("GET", "/api/people/{person}", "people.get", Action::kPersonView,
             [&casework, &clock](const Request& request, const PathParams& params) {
               auto id = PersonParam(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto file = casework.GetPerson(request.ctx, std::get<PersonId>(id));
               if (!file) return ProblemFromError(file.error());
               return JsonResponse(200, FileJson(*file, clock.Today()));
             });

  router.Add(
      "POST", "/api/people/{person}/eligibility", "eligibility.create", Action::kCaseRecord,
      [&casework](const Request& request, const PathParams& params) {
        auto id = PersonParam(params);
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        std::vector<FieldError> errors;
        casework::NewDetermination d;
        d.kind = String(o, "kind", &errors);
        d.needs_arise_from_condition = Bool(o, "needs_arise_from_condition", &errors);
        d.health_deteriorating = Bool(o, "health_deteriorating", &errors);
        d.significant_impact_on_wellbeing = Bool(o, "significant_impact_on_wellbeing", &errors);
        d.wellbeing_notes = String(o, "wellbeing_notes", &errors);
        d.summary = String(o, "summary", &errors);
        const auto* outcomes = o.if_contains("outcomes");
        if (outcomes == nullptr || !outcomes->is_array()) {
          errors.push_back({"outcomes",
                            "Record each outcome: a list of {outcome, achieved, "
                            "reason, notes}"});
        } else {
          for (std::size_t i = 0; i < outcomes->as_array().size(); ++i) {
            const auto& item = outcomes->as_array()[i];
            const std::string prefix = "outcomes[" + std::to_string(i) + "].";
            if (!item.is_object()) {
              errors.push_back({prefix.substr(0, prefix.size() - 1), "Each outcome is an object"});
              continue;
            }
            const auto& io = item.as_object();
            casework::OutcomeFinding f;
            f.outcome = String(io, "outcome", &errors, prefix);
            f.achieved = Bool(io, "achieved", &errors, prefix).value_or(true);
            const std::string reason = String(io, "reason", &errors, prefix);
            if (!reason.empty()) {
              f.reason = casework::ParseUnableReason(reason);
              if (!f.reason) {
                errors.push_back({"outcomes." + f.outcome,
                                  "Choose one of the four ways of being unable to achieve it"});
              }
            }
            f.notes = String(io, "notes", &errors, prefix);
            d.outcomes.push_back(std::move(f));
          }
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto determination = casework.RecordEligibility(request.ctx, std::get<PersonId>(id), d);
        if (!determination) return ProblemFromError(determination.error());
        return JsonResponse(201, DeterminationJson(*determination));
      });

  router.Add("POST", "/api/people/{person}/assessments", "assessments.create", Action::kCaseRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PersonParam(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& o = std::get<json::object>(body);
               std::vector<FieldError> errors;
               app::NewAssessment a;
               a.model_id = String(o, "model", &errors);
               a.completed_by = String(o, "completed_by", &errors);
               const auto* answers = o.if_contains("answers");
               if (answers == nullptr || !answers->is_object()) {
                 errors.push_back({"answers",
                                   "Send the answers as an object of question id to "
                                   "answer"});
               }
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto raw = ParseAnswersJson(json::serialize(*answers));
               if (!raw) return ValidationProblem({{"answers", raw.error().message}});
               a.answers = std::move(*raw);
               auto assessment = casework.RecordAssessment(request.ctx, std::get<PersonId>(id), a);
               if (!assessment) return ProblemFromError(assessment.error());
               return JsonResponse(201, AssessmentJson(*assessment));
             });

  router.Add("POST", "/api/people/{person}/carers", "carers.add", Action::kCaseRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PersonParam(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               casework::CarerRequest c;
               c.name = f.String("name");
               c.nhs_number = f.String("nhs_number");
               c.relationship = f.String("relationship");
               c.lives_with = f.String("lives_with");
               c.phone = f.String("phone");
               c.assessment_offer = f.String("assessment_offer");
               c.offered_on = f.String("offered_on");
               if (auto errors = f.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto carer = casework.AddCarer(request.ctx, std::get<PersonId>(id), c);
               if (!carer) return ProblemFromError(carer.error());
               return JsonResponse(201, CarerJson(*carer));
             });

  router.Add("POST", "/api/people/{person}/carers/{carer}/end", "carers.end", Action::kCaseRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PersonParam(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto carer = PathId<CarerLinkId>(params, "carer");
               if (auto* problem = std::get_if<Response>(&carer)) return *problem;
               auto ended = casework.EndCarer(request.ctx, std::get<PersonId>(id),
                                              std::get<CarerLinkId>(carer));
               if (!ended) return ProblemFromError(ended.error());
               Response r;
               r.status = 204;
               return r;
             });

  router.Add("POST", "/api/people/{person}/plans", "plans.create", Action::kPersonWritePlan,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PersonParam(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               std::vector<FieldError> errors;
               auto plan = ReadPlan(std::get<json::object>(body), &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto view = casework.CreatePlan(request.ctx, std::get<PersonId>(id), plan);
               if (!view) return ProblemFromError(view.error());
               Response r = JsonResponse(201, PlanJson(*view));
               r.headers.emplace_back("Location", "/api/plans/" + view->plan.id.str());
               return r;
             });

  router.Add("GET", "/api/plans/{plan}", "plans.get", Action::kPersonView,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PlanId>(params, "plan");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto view = casework.GetPlan(request.ctx, std::get<PlanId>(id));
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, PlanJson(*view));
             });

  router.Add("PUT", "/api/plans/{plan}", "plans.update", Action::kPersonWritePlan,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PlanId>(params, "plan");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& o = std::get<json::object>(body);
               std::vector<FieldError> errors;
               auto plan = ReadPlan(o, &errors);
               const auto revision = Revision(o, &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto view = casework.UpdatePlan(request.ctx, std::get<PlanId>(id), plan, *revision);
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, PlanJson(*view));
             });

  router.Add("POST", "/api/plans/{plan}/submit", "plans.submit", Action::kPersonWritePlan,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PlanId>(params, "plan");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               std::vector<FieldError> errors;
               const auto revision = Revision(std::get<json::object>(body), &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto view = casework.SubmitPlan(request.ctx, std::get<PlanId>(id), *revision);
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, PlanJson(*view));
             });

  router.Add("POST", "/api/plans/{plan}/decision", "plans.decide", Action::kPlanDecide,
             [&casework](const Request& request, const PathParams& params) {
               auto id = PathId<PlanId>(params, "plan");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& o = std::get<json::object>(body);
               std::vector<FieldError> errors;
               app::PlanDecisionRequest d;
               d.decision = String(o, "decision", &errors);
               d.comments = String(o, "comments", &errors);
               d.actual_annual = String(o, "actual_annual", &errors);
               d.variance_category = String(o, "variance_category", &errors);
               d.variance_words = String(o, "variance_words", &errors);
               const auto revision = Revision(o, &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               d.revision = *revision;
               auto view = casework.DecidePlan(request.ctx, std::get<PlanId>(id), d);
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, PlanJson(*view));
             });

  router.Add(
      "PUT", "/api/users/{user}/approval-limit", "approval-limits.set",
      Action::kApprovalLimitsManage, [&casework](const Request& request, const PathParams& params) {
        auto id = PathId<UserId>(params, "user");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        std::vector<FieldError> errors;
        const std::string limit = String(std::get<json::object>(body), "limit", &errors);
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto set = casework.SetApprovalLimit(request.ctx, std::get<UserId>(id), limit);
        if (!set) return ProblemFromError(set.error());
        return JsonResponse(200, {{"user_id", std::get<UserId>(id).str()}, {"limit", limit}});
      });

  router.Add("GET", "/api/queues/{queue}", "queues.get", Action::kCaseloadRead,
             [&casework, &clock](const Request& request, const PathParams& params) {
               const std::string& name = params.at("queue");
               if (name == "awaiting-sign-off") {
                 auto plans = casework.SignOffQueue(request.ctx);
                 if (!plans) return ProblemFromError(plans.error());
                 json::array items;
                 for (const auto& v : *plans) items.push_back(PlanJson(v));
                 return JsonResponse(200, {{"queue", name}, {"plans", items}});
               }
               if (name == "reviews-due" || name == "overdue-reviews") {
                 auto list = casework.ReviewsQueue(
                     request.ctx,
                     name == "reviews-due" ? app::ReviewQueue::kDue : app::ReviewQueue::kOverdue,
                     request.QueryParam("after"), 50);
                 if (!list) return ProblemFromError(list.error());
                 json::array people;
                 for (const auto& e : *list) people.push_back(PersonJson(e.record, clock.Today()));
                 json::object out{{"queue", name}, {"people", people}};
                 if (list->size() == 50) {
                   out["next_after"] = FormatIsoDate(*list->back().record.review_due) + "/" +
                                       list->back().record.person.id.str();
                 }
                 return JsonResponse(200, out);
               }
               if (name != "caseload") {
                 return Problem(404, "not-found", "There is no such queue",
                                "There is no queue called '" + name +
                                    "'; the queues are: caseload, awaiting-sign-off, "
                                    "reviews-due, overdue-reviews");
               }
               std::optional<casework::Stage> stage;
               const std::string wanted = request.QueryParam("stage");
               if (!wanted.empty()) {
                 for (auto s : {casework::Stage::kContact, casework::Stage::kNotEligible,
                                casework::Stage::kAssessment, casework::Stage::kPlanning,
                                casework::Stage::kAwaitingSignOff, casework::Stage::kActive,
                                casework::Stage::kClosed}) {
                   if (wanted == casework::StageName(s)) stage = s;
                 }
                 if (!stage) {
                   return ValidationProblem({{"stage",
                                              "Choose a stage: contact, not-eligible, "
                                              "assessment, planning, awaiting-sign-off, "
                                              "active or closed"}});
                 }
               }
               auto list = casework.Caseload(request.ctx, stage, request.QueryParam("after"), 50);
               if (!list) return ProblemFromError(list.error());
               json::array people;
               for (const auto& r : *list) people.push_back(PersonJson(r, clock.Today()));
               json::object out{{"queue", name}, {"people", people}};
               if (list->size() == 50) out["next_after"] = list->back().person.id.str();
               return JsonResponse(200, out);
             });
}

}  // namespace selfdirect::http
