// The accounts API: signing in and out, passwords, users and the audit log. Thin: shape checks,
// one Accounts use case, JSON out.
#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::object UserJson(const User& u) {
  json::array roles;
  for (Role r : u.roles) roles.emplace_back(RoleName(r));
  return {{"id", u.id.str()},
          {"council_id", u.council_id.str()},
          {"email", u.email},
          {"display_name", u.display_name},
          {"roles", std::move(roles)},
          {"disabled", u.disabled},
          {"has_password", u.password_hash.has_value()},
          {"two_step", u.totp_enabled},
          {"person_id", u.person_id.empty() ? json::value() : json::value(u.person_id)},
          {"created_at", FormatTimestamp(u.created_at)}};
}

json::object TokenJson(const ApiToken& t) {
  json::array roles;
  for (Role r : t.roles) roles.emplace_back(RoleName(r));
  json::object out{{"id", t.token_id},
                   {"user_id", t.user_id.str()},
                   {"name", t.name},
                   {"roles", std::move(roles)},
                   {"created_at", FormatTimestamp(t.created_at)}};
  out["revoked_at"] = t.revoked_at ? json::value(FormatTimestamp(*t.revoked_at)) : json::value();
  return out;
}

json::object GrantJson(const AccessGrant& g) {
  json::array scopes;
  for (GrantScope s : g.scopes) scopes.emplace_back(GrantScopeName(s));
  json::object out{{"id", g.grant_id},
                   {"person_id", g.person_id.str()},
                   {"grantee_user_id", g.grantee.str()},
                   {"scopes", std::move(scopes)},
                   {"ends_on", FormatIsoDate(g.ends_on)},
                   {"granted_by_user_id", g.granted_by.str()},
                   {"reason", g.reason},
                   {"created_at", FormatTimestamp(g.created_at)}};
  out["revoked_at"] = g.revoked_at ? json::value(FormatTimestamp(*g.revoked_at)) : json::value();
  return out;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

std::vector<std::string> StringArray(const json::object& o, const char* name,
                                     std::vector<FieldError>* errors) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    errors->push_back({name, std::string("Send ") + name + " as a list"});
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      errors->push_back({name, std::string("Each of ") + name + " must be text"});
      return out;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

}  // namespace

void RegisterAccountsApi(Router& router, app::Accounts& accounts, const ServiceOptions& options) {
  const bool secure = options.tls;

  router.Add("GET", "/api/session", "session.get", Action::kOwnAccount,
             [](const Request& request, const PathParams&) {
               // Resolved by HttpService before the handler; none when signed in by API token.
               const auto& who = request.session;
               if (!who) {
                 return ProblemFromError(
                     Error{ErrorCode::kUnauthenticated, "Sign in with a session to see it", {}});
               }
               return JsonResponse(200, {{"user", UserJson(who->user)},
                                         {"csrf_token", who->session.csrf_token},
                                         {"must_set_up_totp", who->must_set_up_totp}});
             });

  router.Add("POST", "/api/session", "session.create", Action::kPublic,
             [&accounts, secure](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields fields(std::get<json::object>(body));
               app::SignInRequest wanted{fields.String("council"), fields.String("email"),
                                         fields.String("password"), fields.String("code")};
               auto errors = fields.Finish();
               if (wanted.email.empty()) errors.push_back({"email", "Enter your email address"});
               if (wanted.password.empty()) errors.push_back({"password", "Enter your password"});
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto signed_in = accounts.SignIn(request.ctx, wanted);
               if (!signed_in) return ProblemFromError(signed_in.error());
               Response r = JsonResponse(201, {{"user", UserJson(signed_in->user)},
                                               {"csrf_token", signed_in->csrf_token}});
               r.SetHeader("Set-Cookie", SessionCookieHeader(signed_in->cookie_value, secure));
               return r;
             });

  router.Add("DELETE", "/api/session", "session.delete", Action::kOwnAccount,
             [&accounts, secure](const Request& request, const PathParams&) {
               if (auto s = accounts.SignOut(request.ctx, request.session_cookie); !s) {
                 return ProblemFromError(s.error());
               }
               Response r = NoContent();
               r.SetHeader("Set-Cookie", ClearSessionCookieHeader(secure));
               return r;
             });

  router.Add("POST", "/api/account/password", "account.password", Action::kOwnAccount,
             [&accounts](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields fields(std::get<json::object>(body));
               const auto current = fields.String("current_password");
               const auto next = fields.String("new_password");
               if (auto errors = fields.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto s = accounts.ChangePassword(request.ctx, request.session_cookie, current, next);
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("POST", "/api/account/totp", "account.totp.begin", Action::kOwnAccount,
             [&accounts](const Request& request, const PathParams&) {
               auto setup = accounts.BeginTotpSetup(request.ctx);
               if (!setup) return ProblemFromError(setup.error());
               return JsonResponse(201, {{"secret", setup->secret}, {"uri", setup->uri}});
             });

  router.Add("POST", "/api/account/totp/confirm", "account.totp.confirm", Action::kOwnAccount,
             [&accounts](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields fields(std::get<json::object>(body));
               const auto code = fields.String("code");
               if (auto errors = fields.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto s = accounts.ConfirmTotp(request.ctx, code);
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("POST", "/api/set-password", "account.set-password", Action::kPublic,
             [&accounts](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields fields(std::get<json::object>(body));
               const auto council = fields.String("council");
               const auto token = fields.String("token");
               const auto password = fields.String("password");
               if (auto errors = fields.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto s = accounts.SetPasswordWithLink(request.ctx, council, token, password);
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("GET", "/api/councils/{council}/users", "users.list", Action::kUsersManage,
             [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto users = accounts.ListUsers(request.ctx, std::get<CouncilId>(council));
               if (!users) return ProblemFromError(users.error());
               json::array list;
               for (const auto& u : *users) list.push_back(UserJson(u));
               return JsonResponse(200, {{"users", std::move(list)}});
             });

  router.Add("POST", "/api/councils/{council}/users", "users.create", Action::kUsersManage,
             [&accounts](const Request& request, const PathParams& params) {
               auto council_id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council_id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               std::vector<FieldError> errors;
               app::NewUser wanted;
               wanted.email = fields.String("email");
               wanted.display_name = fields.String("display_name");
               wanted.person_id = fields.String("person_id");
               fields.Known("roles");
               wanted.roles = StringArray(object, "roles", &errors);
               auto unknown = fields.Finish();
               errors.insert(errors.end(), unknown.begin(), unknown.end());
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               wanted.council_id = std::get<CouncilId>(council_id);
               auto added = accounts.AddUser(request.ctx, wanted);
               if (!added) return ProblemFromError(added.error());
               Response r = JsonResponse(201, {{"user", UserJson(added->user)},
                                               {"set_password_path", SetPasswordPath(*added)},
                                               {"set_password_expires_at",
                                                FormatTimestamp(added->password_link_expires_at)}});
               r.SetHeader("Location", "/api/councils/" + added->user.council_id.str() + "/users/" +
                                           added->user.id.str());
               return r;
             });

  router.Add("POST", "/api/councils/{council}/users/{user}/disable", "users.disable",
             Action::kUsersManage, [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto user = PathId<UserId>(params, "user");
               if (auto* problem = std::get_if<Response>(&user)) return *problem;
               auto s = accounts.DisableUser(request.ctx, std::get<CouncilId>(council),
                                             std::get<UserId>(user));
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("PUT", "/api/councils/{council}/users/{user}/roles", "users.roles",
             Action::kUsersManage, [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto user = PathId<UserId>(params, "user");
               if (auto* problem = std::get_if<Response>(&user)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               fields.Known("roles");
               std::vector<FieldError> errors = fields.Finish();
               auto roles = StringArray(object, "roles", &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto s = accounts.SetRoles(request.ctx, std::get<CouncilId>(council),
                                          std::get<UserId>(user), roles);
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("GET", "/api/councils/{council}/tokens", "tokens.list", Action::kUsersManage,
             [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto tokens = accounts.ListApiTokens(request.ctx, std::get<CouncilId>(council));
               if (!tokens) return ProblemFromError(tokens.error());
               json::array list;
               for (const auto& t : *tokens) list.push_back(TokenJson(t));
               return JsonResponse(200, {{"tokens", std::move(list)}});
             });

  router.Add("POST", "/api/councils/{council}/tokens", "tokens.create", Action::kUsersManage,
             [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               const auto user_text = fields.String("user_id");
               const auto name = fields.String("name");
               fields.Known("roles");
               std::vector<FieldError> errors = fields.Finish();
               auto roles = StringArray(object, "roles", &errors);
               auto user = UserId::Parse(user_text);
               if (!user) errors.push_back({"user_id", "Choose the user the token acts for"});
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto issued = accounts.CreateApiToken(request.ctx, std::get<CouncilId>(council),
                                                     *user, name, roles);
               if (!issued) return ProblemFromError(issued.error());
               json::object out = TokenJson(issued->token);
               out["value"] = issued->value;  // shown once
               return JsonResponse(201, out);
             });

  router.Add("DELETE", "/api/councils/{council}/tokens/{token}", "tokens.revoke",
             Action::kUsersManage, [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               auto s = accounts.RevokeApiToken(request.ctx, std::get<CouncilId>(council),
                                                params.at("token"));
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("GET", "/api/people/{person}/grants", "grants.list", Action::kGrantsRead,
             [&accounts](const Request& request, const PathParams& params) {
               auto person = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&person)) return *problem;
               auto grants = accounts.ListGrants(request.ctx, std::get<PersonId>(person));
               if (!grants) return ProblemFromError(grants.error());
               json::array list;
               for (const auto& v : *grants) {
                 json::object g = GrantJson(v.grant);
                 g["grantee_name"] = v.grantee_name;
                 g["grantee_email"] = v.grantee_email;
                 g["active"] = v.active;
                 list.push_back(std::move(g));
               }
               return JsonResponse(200, {{"grants", std::move(list)}});
             });

  router.Add("POST", "/api/people/{person}/grants", "grants.create", Action::kGrantsManage,
             [&accounts](const Request& request, const PathParams& params) {
               auto person = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&person)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               app::NewGrant wanted;
               wanted.grantee_email = fields.String("grantee_email");
               wanted.ends_on = fields.String("ends_on");
               wanted.reason = fields.String("reason");
               fields.Known("scopes");
               std::vector<FieldError> errors = fields.Finish();
               wanted.scopes = StringArray(object, "scopes", &errors);
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto grant = accounts.GrantAccess(request.ctx, std::get<PersonId>(person), wanted);
               if (!grant) return ProblemFromError(grant.error());
               return JsonResponse(201, GrantJson(*grant));
             });

  router.Add("DELETE", "/api/people/{person}/grants/{grant}", "grants.revoke",
             Action::kGrantsManage, [&accounts](const Request& request, const PathParams& params) {
               auto person = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&person)) return *problem;
               auto s = accounts.RevokeGrant(request.ctx, std::get<PersonId>(person),
                                             params.at("grant"));
               if (!s) return ProblemFromError(s.error());
               return NoContent();
             });

  router.Add("GET", "/api/me/people", "me.people", Action::kOwnAccount,
             [&accounts](const Request& request, const PathParams&) {
               auto people = accounts.PeopleIHelp(request.ctx);
               if (!people) return ProblemFromError(people.error());
               json::array out;
               for (const auto& p : *people) {
                 json::array scopes;
                 for (GrantScope scope : p.scopes)
                   scopes.push_back(json::string(GrantScopeName(scope)));
                 out.push_back({{"person_id", p.person.str()},
                                {"full_name", p.full_name},
                                {"scopes", scopes},
                                {"ends_on", FormatIsoDate(p.ends_on)}});
               }
               return JsonResponse(200, {{"people", out}});
             });

  router.Add("GET", "/api/me/record-views", "record-views.list", Action::kOwnAccount,
             [&accounts](const Request& request, const PathParams&) {
               auto views = accounts.RecordViews(request.ctx);
               if (!views) return ProblemFromError(views.error());
               json::array list;
               for (const auto& v : *views) {
                 list.push_back({{"at", FormatTimestamp(v.at)},
                                 {"who", v.who},
                                 {"roles", v.roles},
                                 {"action", v.action},
                                 {"outcome", v.outcome}});
               }
               return JsonResponse(200, {{"views", std::move(list)}});
             });

  router.Add("GET", "/api/councils/{council}/audit", "audit.search", Action::kAuditRead,
             [&accounts](const Request& request, const PathParams& params) {
               auto council = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&council)) return *problem;
               AuditQuery query;
               query.council_id = std::get<CouncilId>(council);
               if (auto v = request.QueryParam("actor"); !v.empty()) query.actor_user_id = v;
               if (auto v = request.QueryParam("person"); !v.empty()) query.subject_person_id = v;
               if (auto v = request.QueryParam("action"); !v.empty()) query.action = v;
               if (auto v = request.QueryParam("limit"); !v.empty()) {
                 query.limit = std::atoi(v.c_str());
               }
               auto found = accounts.SearchAudit(request.ctx, query);
               if (!found) return ProblemFromError(found.error());
               json::array entries;
               for (const auto& e : *found) {
                 entries.push_back({{"seq", e.seq},
                                    {"at", FormatTimestamp(e.at)},
                                    {"actor_user_id", e.actor_user_id},
                                    {"actor_roles", e.actor_roles},
                                    {"action", e.action},
                                    {"resource_type", e.resource_type},
                                    {"resource_id", e.resource_id},
                                    {"subject_person_id", e.subject_person_id},
                                    {"request_id", e.request_id},
                                    {"outcome", AuditOutcomeName(e.outcome)},
                                    {"summary", e.summary}});
               }
               return JsonResponse(200, {{"entries", std::move(entries)}});
             });
}

}  // namespace selfdirect::http
