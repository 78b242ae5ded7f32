// The pooled budgets API. Thin: JSON in, one Pools use case, JSON out.
#include "selfdirect/http/pools_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using market::PoolId;

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(FormatIsoDate(*d)) : json::value(nullptr);
}

json::value PenceOrNull(const std::optional<Pence>& p) {
  return p ? json::value(p->value()) : json::value(nullptr);
}

json::object PeriodJson(const market::PoolPeriod& p) {
  return {{"start", FormatIsoDate(p.start)}, {"end", FormatIsoDate(p.end)}};
}

json::object ViewJson(const app::PoolView& v) {
  json::array members;
  for (const auto& m : v.members) {
    members.push_back(
        {{"seq", m.seq},
         {"person_id", m.reference.empty() ? json::value(nullptr) : json::value(m.reference)},
         {"name", m.name.empty() ? json::value(nullptr) : json::value(m.name)},
         {"share_pence", m.share.value()},
         {"status", market::MemberStatusCode(m.status)},
         {"consent_by",
          m.consent_by ? json::value(market::ConsentByCode(*m.consent_by)) : json::value(nullptr)},
         {"consent_how", m.consent_how},
         {"consented_at",
          m.consented_at ? json::value(FormatTimestamp(*m.consented_at)) : json::value(nullptr)},
         {"left_on", DateOrNull(m.left_on)},
         {"may_act", m.may_act}});
  }
  const market::Pool& p = v.pool;
  return {{"id", p.id.str()},
          {"name", p.name},
          {"pays_for", p.pays_for},
          {"service_id", p.service_id.empty() ? json::value(nullptr) : json::value(p.service_id)},
          {"cost_pence", PenceOrNull(p.cost)},
          {"leaving_rule", market::LeavingRuleCode(p.leaving_rule)},
          {"leaving_rule_words", market::LeavingRuleWords(p.leaving_rule)},
          {"status", market::PoolStatusCode(p.status)},
          {"starts_on", DateOrNull(p.starts_on)},
          {"account_id", p.account.str()},
          {"balance_pence", v.balance.value()},
          {"period", v.period ? json::value(PeriodJson(*v.period)) : json::value(nullptr)},
          {"may_move_money", v.may_move_money},
          {"today", FormatIsoDate(v.today)},
          {"revision", p.revision},
          {"members", members}};
}

Response ViewResponse(const Result<app::PoolView>& v, int status = 200) {
  if (!v) return ProblemFromError(v.error());
  return JsonResponse(status, ViewJson(*v));
}

std::vector<app::ProposedMember> ReadMembers(const json::object& o,
                                             std::vector<FieldError>& errors) {
  std::vector<app::ProposedMember> out;
  const auto* v = o.if_contains("members");
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    errors.push_back({"members", "Send the members as a list"});
    return out;
  }
  const auto& list = v->as_array();
  for (std::size_t i = 0; i < list.size() && i < 100; ++i) {
    const std::string prefix = fmt::format("members[{}].", i);
    if (!list[i].is_object()) {
      errors.push_back({fmt::format("members[{}]", i),
                        "Each member is an object with person, share and consent"});
      out.emplace_back();
      continue;
    }
    Fields f(list[i].as_object());
    app::ProposedMember m;
    m.person = f.OptionalString("person", prefix.c_str()).value_or("");
    m.share = f.OptionalString("share", prefix.c_str()).value_or("");
    m.consent = f.OptionalBool("consent", prefix.c_str()).value_or(false);
    for (auto& e : f.Finish(prefix.c_str())) errors.push_back(std::move(e));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

void RegisterPoolsApi(Router& router, app::Pools& pools) {
  router.Add("POST", "/api/pools", "pools.create", Action::kPoolsManage,
             [&pools](const Request& request, const PathParams&) {
               auto read = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&read)) return *problem;
               const json::object& body = std::get<json::object>(read);
               Fields f(body);
               app::ProposeRequest r;
               r.pool.name = f.String("name");
               r.pool.pays_for = f.String("pays_for");
               r.pool.service_id = f.String("service_id");
               r.pool.cost = f.String("cost");
               r.pool.leaving_rule = f.String("leaving_rule");
               r.consent_how = f.String("consent_how");
               f.Known("members");
               std::vector<FieldError> errors;
               r.members = ReadMembers(body, errors);
               auto more = f.Finish();
               errors.insert(errors.begin(), more.begin(), more.end());
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pools.Propose(request.ctx, r), 201);
             });

  router.Add(
      "GET", "/api/pools", "pools.all", Action::kPoolMoneyManage,
      [&pools](const Request& request, const PathParams&) {
        auto all = pools.All(request.ctx);
        if (!all) return ProblemFromError(all.error());
        json::array list;
        for (const app::CouncilPool& p : *all) {
          list.push_back(
              {{"id", p.id.str()},
               {"name", p.name},
               {"pays_for", p.pays_for},
               {"status", market::PoolStatusCode(p.status)},
               {"members", p.members},
               {"member_id", p.member.empty() ? json::value(nullptr) : json::value(p.member.str())},
               {"shares_pence", p.shares.value()},
               {"balance_pence", p.balance.value()},
               {"period", p.period ? json::value(PeriodJson(*p.period)) : json::value(nullptr)},
               {"collected", p.collected}});
        }
        return JsonResponse(200, {{"pools", std::move(list)}});
      });

  router.Add("GET", "/api/pools/{pool}", "pools.get", Action::kPoolsRead,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               return ViewResponse(pools.Get(request.ctx, std::get<PoolId>(id)));
             });

  router.Add("POST", "/api/pools/{pool}/consents", "pools.consent", Action::kPoolsManage,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto read = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&read)) return *problem;
               const json::object& body = std::get<json::object>(read);
               Fields f(body);
               app::ConsentRequest r{f.String("person"), f.String("how")};
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pools.Consent(request.ctx, std::get<PoolId>(id), r));
             });

  router.Add("POST", "/api/pools/{pool}/members", "pools.join", Action::kPoolsManage,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto read = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&read)) return *problem;
               const json::object& body = std::get<json::object>(read);
               Fields f(body);
               app::JoinRequest r;
               r.person = f.String("person");
               r.share = f.String("share");
               r.cost = f.String("cost");
               r.consent = f.OptionalBool("consent");
               r.how = f.String("how");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pools.Join(request.ctx, std::get<PoolId>(id), r));
             });

  router.Add("POST", "/api/pools/{pool}/leave", "pools.leave", Action::kPoolsManage,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto read = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&read)) return *problem;
               const json::object& body = std::get<json::object>(read);
               Fields f(body);
               const std::string person_text = f.String("person");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               // An id that is not one is left empty: the use case says so after its checks.
               auto person = PersonId::Parse(person_text);
               return ViewResponse(
                   pools.Leave(request.ctx, std::get<PoolId>(id), person.value_or(PersonId())));
             });

  router.Add("POST", "/api/pools/{pool}/contributions", "pools.collect", Action::kPoolMoneyManage,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               if (!request.body.empty()) {
                 auto read = ReadObject(request);
                 if (auto* problem = std::get_if<Response>(&read)) return *problem;
                 const json::object& body = std::get<json::object>(read);
                 Fields f(body);
                 auto errors = f.Finish();
                 if (!errors.empty()) return ValidationProblem(std::move(errors));
               }
               auto c = pools.Collect(request.ctx, std::get<PoolId>(id));
               if (!c) return ProblemFromError(c.error());
               json::object out = ViewJson(c->view);
               out["collected"] = c->collected;
               out["period_total_pence"] = c->total.value();
               return JsonResponse(200, out);
             });

  router.Add("POST", "/api/pools/{pool}/payments", "pools.pay", Action::kPoolMoneyManage,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PoolId>(params, "pool");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto read = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&read)) return *problem;
               const json::object& body = std::get<json::object>(read);
               Fields f(body);
               market::PaymentRequest r{f.String("key"), f.String("amount"), f.String("reference")};
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               return ViewResponse(pools.Pay(request.ctx, std::get<PoolId>(id), r));
             });

  router.Add(
      "GET", "/api/pools/{pool}/statement", "pools.statement", Action::kPoolsRead,
      [&pools](const Request& request, const PathParams& params) {
        auto id = PathId<PoolId>(params, "pool");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        // An id that is not one is left empty: the use case says so after its checks.
        auto person = PersonId::Parse(request.QueryParam("person"));
        auto st = pools.Statement(request.ctx, std::get<PoolId>(id), person.value_or(PersonId()));
        if (!st) return ProblemFromError(st.error());
        json::array periods;
        for (const auto& p : st->periods) {
          periods.push_back({{"start", FormatIsoDate(p.period.start)},
                             {"end", FormatIsoDate(p.period.end)},
                             {"money_in_pence", p.money_in.value()},
                             {"yours_pence", p.yours.value()}});
        }
        json::array money_out;
        for (const auto& o : st->money_out) {
          money_out.push_back({{"on", FormatIsoDate(o.on)},
                               {"description", o.description},
                               {"amount_pence", o.amount.value()}});
        }
        return JsonResponse(200, {{"pool", ViewJson(st->view)},
                                  {"person_id", st->person.str()},
                                  {"person_name", st->person_name},
                                  {"member_status", market::MemberStatusCode(st->member_status)},
                                  {"share_pence", st->share.value()},
                                  {"periods", periods},
                                  {"money_out", money_out},
                                  {"money_in_total_pence", st->money_in_total.value()},
                                  {"money_out_total_pence", st->money_out_total.value()},
                                  {"put_in_pence", st->put_in.value()},
                                  {"share_of_balance_pence", PenceOrNull(st->share_of_balance)},
                                  {"taken_pence", st->taken.value()}});
      });

  router.Add("GET", "/api/people/{person}/pools", "pools.list", Action::kPoolsRead,
             [&pools](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto of = pools.Of(request.ctx, std::get<PersonId>(id));
               if (!of) return ProblemFromError(of.error());
               json::array list;
               for (const auto& p : of->pools) {
                 list.push_back({{"id", p.id.str()},
                                 {"name", p.name},
                                 {"pays_for", p.pays_for},
                                 {"status", market::PoolStatusCode(p.status)},
                                 {"member_status", market::MemberStatusCode(p.member_status)},
                                 {"share_pence", p.share.value()},
                                 {"members", p.members}});
               }
               return JsonResponse(200, {{"person_id", of->person.str()},
                                         {"person_name", of->person_name},
                                         {"pools", list}});
             });
}

}  // namespace selfdirect::http
