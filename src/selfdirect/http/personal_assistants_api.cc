// The personal assistants API. Thin: JSON in, one PersonalAssistants use case, JSON out.
#include "selfdirect/http/personal_assistants_api.h"

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using casework::PersonalAssistantId;

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(FormatIsoDate(*d)) : json::value(nullptr);
}

// "20", "12.5", "7.25": the hours as a person would type them.
std::string HoursText(std::int64_t hundredths) {
  std::string out = std::to_string(hundredths / 100);
  const std::int64_t part = hundredths % 100;
  if (part == 0) return out;
  out += part % 10 == 0 ? "." + std::to_string(part / 10)
                        : (part < 10 ? ".0" : ".") + std::to_string(part);
  return out;
}

json::object AssistantJson(const casework::PersonalAssistant& pa, Date today) {
  return {{"id", pa.id.str()},
          {"name", pa.name},
          {"hourly_rate_pence", pa.hourly_rate.value()},
          {"hourly_rate", FormatDecimal(pa.hourly_rate)},
          {"hours_hundredths", pa.hours_hundredths},
          {"hours_per_week", HoursText(pa.hours_hundredths)},
          {"starts_on", FormatIsoDate(pa.starts_on)},
          {"ends_on", DateOrNull(pa.ends_on)},
          {"current", !pa.ends_on || today <= *pa.ends_on},
          {"right_to_work_checked_on", DateOrNull(pa.right_to_work_checked_on)},
          {"dbs_checked_on", DateOrNull(pa.dbs_checked_on)},
          {"close_relative_in_household", pa.close_relative_in_household},
          {"council_decision", pa.council_decision},
          {"council_decision_on", DateOrNull(pa.council_decision_on)},
          {"updated_at", FormatTimestamp(pa.updated_at)},
          {"revision", pa.revision}};
}

json::object DutiesJson(const casework::EmployerDuties& d) {
  return {{"payroll_provider", d.payroll_provider},
          {"payroll_from", DateOrNull(d.payroll_from)},
          {"pension_enrolled_on", DateOrNull(d.pension_enrolled_on)},
          {"pension_exempt_reason", d.pension_exempt_reason},
          {"insurer", d.insurer},
          {"insurance_cover_pence", d.insurance_cover.value()},
          {"insurance_cover",
           d.insurance_cover.value() > 0 ? FormatDecimal(d.insurance_cover) : std::string()},
          {"insurance_expires_on", DateOrNull(d.insurance_expires_on)},
          {"contract_issued_on", DateOrNull(d.contract_issued_on)},
          {"holiday_pay", d.holiday_pay},
          {"authorised_person_without_capacity", d.authorised_person_without_capacity},
          {"revision", d.revision}};
}

json::object ViewJson(const app::EmployerView& v) {
  json::array assistants;
  for (const auto& pa : v.assistants) assistants.push_back(AssistantJson(pa, v.today));
  json::array attention;
  for (const auto& a : v.attention) {
    attention.push_back(
        {{"code", a.code},
         {"level", a.level == casework::AttentionLevel::kUrgent ? "urgent" : "warning"},
         {"assistant_id", a.assistant ? json::value(a.assistant->str()) : json::value(nullptr)},
         {"message", a.message}});
  }
  json::value wage = nullptr;
  if (v.minimum_wage) {
    wage = {{"from", FormatIsoDate(v.minimum_wage->from)},
            {"band", v.minimum_wage->band},
            {"hourly_pence", v.minimum_wage->hourly.value()}};
  }
  return {{"person_id", v.person.str()},
          {"person_name", v.person_name},
          {"today", FormatIsoDate(v.today)},
          {"assistants", assistants},
          {"duties", DutiesJson(v.duties)},
          {"rules",
           {{"dbs_required", v.rules.dbs_required},
            {"insurance_reminder_days", v.rules.insurance_reminder_days}}},
          {"minimum_wage", wage},
          {"attention", attention}};
}

Response ViewResponse(const Result<app::EmployerView>& v, int status = 200) {
  if (!v) return ProblemFromError(v.error());
  return JsonResponse(status, ViewJson(*v));
}

// A PA's fields from a body; the caller finishes `f`.
casework::PersonalAssistantRequest ReadAssistant(Fields& f) {
  casework::PersonalAssistantRequest r;
  r.name = f.String("name");
  r.hourly_rate = f.String("hourly_rate");
  r.hours_per_week = f.String("hours_per_week");
  r.starts_on = f.String("starts_on");
  r.right_to_work_checked_on = f.String("right_to_work_checked_on");
  r.dbs_checked_on = f.String("dbs_checked_on");
  r.close_relative_in_household = f.OptionalBool("close_relative_in_household");
  r.council_decision = f.String("council_decision");
  r.council_decision_on = f.String("council_decision_on");
  return r;
}

// The revision a change names; an error beside the others when it is missing.
std::optional<std::int64_t> Revision(Fields& f, std::vector<FieldError>& errors, long long least,
                                     const char* what) {
  auto revision = f.OptionalInteger("revision");
  if (!revision || *revision < least) {
    errors.push_back({"revision", std::string("Send the revision of the ") + what +
                                      " you read (it guards against overwriting someone "
                                      "else's change)"});
    return std::nullopt;
  }
  return *revision;
}

}  // namespace

void RegisterPersonalAssistantsApi(Router& router, app::PersonalAssistants& pas) {
  router.Add("GET", "/api/people/{person}/personal-assistants", "personal-assistants.list",
             Action::kPersonalAssistantsRead,
             [&pas](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               return ViewResponse(pas.Of(request.ctx, std::get<PersonId>(id)));
             });

  router.Add("POST", "/api/people/{person}/personal-assistants", "personal-assistants.add",
             Action::kPersonalAssistantsManage,
             [&pas](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               auto r = ReadAssistant(f);
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pas.Add(request.ctx, std::get<PersonId>(id), r), 201);
             });

  router.Add("PUT", "/api/people/{person}/personal-assistants/{assistant}",
             "personal-assistants.update", Action::kPersonalAssistantsManage,
             [&pas](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto pa = PathId<PersonalAssistantId>(params, "assistant");
               if (auto* problem = std::get_if<Response>(&pa)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               auto r = ReadAssistant(f);
               std::vector<FieldError> errors;
               auto revision = Revision(f, errors, 1, "personal assistant's record");
               auto more = f.Finish();
               errors.insert(errors.begin(), more.begin(), more.end());
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pas.Update(request.ctx, std::get<PersonId>(id),
                                              std::get<PersonalAssistantId>(pa), r, *revision));
             });

  router.Add("POST", "/api/people/{person}/personal-assistants/{assistant}/end",
             "personal-assistants.end", Action::kPersonalAssistantsManage,
             [&pas](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto pa = PathId<PersonalAssistantId>(params, "assistant");
               if (auto* problem = std::get_if<Response>(&pa)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string ends_on = f.String("ends_on");
               std::vector<FieldError> errors;
               auto revision = Revision(f, errors, 1, "personal assistant's record");
               auto more = f.Finish();
               errors.insert(errors.begin(), more.begin(), more.end());
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pas.End(request.ctx, std::get<PersonId>(id),
                                           std::get<PersonalAssistantId>(pa), ends_on, *revision));
             });

  router.Add(
      "PUT", "/api/people/{person}/employer-duties", "employer-duties.set",
      Action::kPersonalAssistantsManage, [&pas](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        Fields f(std::get<json::object>(body));
        casework::EmployerDutiesRequest r;
        r.payroll_provider = f.String("payroll_provider");
        r.payroll_from = f.String("payroll_from");
        r.pension_enrolled_on = f.String("pension_enrolled_on");
        r.pension_exempt_reason = f.String("pension_exempt_reason");
        r.insurer = f.String("insurer");
        r.insurance_cover = f.String("insurance_cover");
        r.insurance_expires_on = f.String("insurance_expires_on");
        r.contract_issued_on = f.String("contract_issued_on");
        r.holiday_pay = f.String("holiday_pay");
        r.authorised_person_without_capacity = f.OptionalBool("authorised_person_without_capacity");
        std::vector<FieldError> errors;
        auto revision = Revision(f, errors, 0, "checklist");
        auto more = f.Finish();
        errors.insert(errors.begin(), more.begin(), more.end());
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        return ViewResponse(pas.SaveDuties(request.ctx, std::get<PersonId>(id), r, *revision));
      });

  router.Add(
      "GET", "/api/pa-workforce", "pa-workforce.get", Action::kPaWorkforceRead,
      [&pas](const Request& request, const PathParams&) {
        auto w = pas.Workforce(request.ctx);
        if (!w) return ProblemFromError(w.error());
        auto count = [](std::int64_t n, bool suppressed) {
          return suppressed ? json::value(nullptr) : json::value(n);
        };
        json::array bands;
        for (const auto& b : w->bands) {
          bands.push_back({{"from_pence", b.from.value()},
                           {"to_pence", b.to ? json::value(b.to->value()) : json::value(nullptr)},
                           {"count", count(b.count, b.suppressed)},
                           {"suppressed", b.suppressed}});
        }
        const auto rate = casework::MinimumWageOn(w->on);
        return JsonResponse(
            200,
            {{"on", FormatIsoDate(w->on)},
             {"smallest_count_shown", app::kWorkforceSmallestCount},
             {"suppressed", w->count_suppressed},
             {"count", count(w->count, w->count_suppressed)},
             {"hours_per_week", w->count_suppressed ? json::value(nullptr)
                                                    : json::value(HoursText(w->hours_hundredths))},
             {"below_minimum_wage", count(w->below_minimum_wage, w->below_minimum_wage_suppressed)},
             {"minimum_wage_pence",
              rate ? json::value(rate->hourly.value()) : json::value(nullptr)},
             {"bands", bands}});
      });
}

}  // namespace selfdirect::http
