// The OpenAPI document against the routes the server really registers. When one of these fails
// after you add, rename or remove a route, change src/selfdirect/http/openapi.json to match.
#include "selfdirect/http/openapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <regex>
#include <set>

#include "selfdirect/http/finance_overview_api.h"
#include "selfdirect/http/invoices_api.h"
#include "selfdirect/http/ledger_api.h"
#include "selfdirect/http/market_api.h"
#include "selfdirect/http/money_api.h"
#include "selfdirect/http/monitoring_api.h"
#include "selfdirect/http/payments_api.h"
#include "selfdirect/http/personal_assistants_api.h"
#include "selfdirect/http/pools_api.h"
#include "selfdirect/http/safeguarding_api.h"
#include "selfdirect/http/scenarios_api.h"
#include "selfdirect/http/service.h"
#include "selfdirect/http/statements_api.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;

constexpr const char* kSource = "src/selfdirect/http/openapi.json";

class OpenApiTest : public ::testing::Test {
 protected:
  OpenApiTest()
      : service_(t_.app(), t_.accounts(), t_.ras(), t_.casework(), metrics_, ServiceOptions{}) {
    // Registered beside the service's own routes, as `selfdirect serve` does.
    RegisterSafeguardingApi(service_.mutable_router(), t_.safeguarding());
    RegisterLedgerApi(service_.mutable_router(), t_.ledger());
    RegisterPaymentsApi(service_.mutable_router(), t_.payments());
    RegisterStatementsApi(service_.mutable_router(), t_.statements());
    RegisterMoneyApi(service_.mutable_router(), t_.money());
    RegisterMonitoringApi(service_.mutable_router(), t_.monitoring());
    RegisterInvoicesApi(service_.mutable_router(), t_.invoices());
    RegisterFinanceOverviewApi(service_.mutable_router(), t_.finance_overview());
    RegisterMarketApi(service_.mutable_router(), t_.market());
    RegisterPersonalAssistantsApi(service_.mutable_router(), t_.personal_assistants());
    RegisterPoolsApi(service_.mutable_router(), t_.pools());
    RegisterScenariosApi(service_.mutable_router(), scenarios_, t_.app().clock());
    std::error_code ec;
    document_ = json::parse(OpenApiDocument(), ec);
    parsed_ = !ec;
    parse_error_ = ec.message();
  }

  // Every registered /api route by "METHOD /path/{template}".
  std::map<std::string, const Route*> Registered() const {
    std::map<std::string, const Route*> out;
    for (const Route& route : service_.router().routes()) {
      if (route.pattern.starts_with("/api/")) out[route.method + " " + route.pattern] = &route;
    }
    return out;
  }

  // Every operation in the document by "METHOD /path/{template}".
  std::map<std::string, const json::object*> Documented() const {
    static const std::set<std::string> kMethods = {"get",   "put",     "post", "delete",
                                                   "patch", "options", "head", "trace"};
    std::map<std::string, const json::object*> out;
    for (const auto& [path, item] : document_.at("paths").as_object()) {
      for (const auto& [method, operation] : item.as_object()) {
        if (!kMethods.contains(std::string(method))) continue;
        std::string upper(method);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out[upper + " " + std::string(path)] = &operation.as_object();
      }
    }
    return out;
  }

  // Follows a local "$ref" ("#/components/parameters/council"); the value itself otherwise.
  const json::value* Resolve(const json::value& v) const {
    if (!v.is_object() || !v.as_object().contains("$ref")) return &v;
    const std::string ref(v.at("$ref").as_string());
    if (!ref.starts_with("#/")) return nullptr;
    const json::value* at = &document_;
    std::size_t begin = 2;
    while (begin <= ref.size()) {
      const std::size_t end = std::min(ref.find('/', begin), ref.size());
      const std::string key = ref.substr(begin, end - begin);
      if (!at->is_object() || !at->as_object().contains(key)) return nullptr;
      at = &at->as_object().at(key);
      begin = end + 1;
    }
    return at;
  }

  testing::TestApp t_;
  Metrics metrics_;
  app::Scenarios scenarios_;
  HttpService service_;
  json::value document_;
  bool parsed_ = false;
  std::string parse_error_;
};

TEST_F(OpenApiTest, TheDocumentIsOpenApi31Json) {
  ASSERT_TRUE(parsed_) << kSource << " is not valid JSON: " << parse_error_;
  EXPECT_EQ(document_.at("openapi").as_string(), "3.1.0");
  EXPECT_TRUE(document_.at("info").as_object().contains("title"));
  const auto& schemes = document_.at("components").at("securitySchemes").as_object();
  EXPECT_EQ(schemes.at("sessionCookie").at("in").as_string(), "cookie");
  EXPECT_EQ(schemes.at("sessionCookie").at("name").as_string(), kSessionCookie);
  EXPECT_EQ(schemes.at("csrfToken").at("name").as_string(), "X-CSRF-Token");
  EXPECT_EQ(schemes.at("bearerToken").at("scheme").as_string(), "bearer");
}

TEST_F(OpenApiTest, EveryRegisteredApiRouteIsDocumentedAndNothingElse) {
  ASSERT_TRUE(parsed_) << parse_error_;
  const auto registered = Registered();
  const auto documented = Documented();
  for (const auto& [key, route] : registered) {
    EXPECT_TRUE(documented.contains(key))
        << key << " (route " << route->name << ") is registered but missing from " << kSource
        << ": add an operation for it (operationId \"" << route->name
        << "\", x-selfdirect-action \"" << ActionName(route->action) << "\")";
  }
  for (const auto& [key, operation] : documented) {
    EXPECT_TRUE(registered.contains(key))
        << key << " is in " << kSource
        << " but no such route is registered: remove it, or correct its method or path template";
  }
}

TEST_F(OpenApiTest, EachOperationNamesItsRouteItsPolicyActionAndWhetherItIsPublic) {
  ASSERT_TRUE(parsed_) << parse_error_;
  const auto documented = Documented();
  for (const auto& [key, route] : Registered()) {
    const auto found = documented.find(key);
    if (found == documented.end()) continue;  // reported by the test above
    const json::object& operation = *found->second;
    EXPECT_EQ(std::string(operation.at("operationId").as_string()), route->name) << key;
    EXPECT_EQ(std::string(operation.at("x-selfdirect-action").as_string()),
              std::string(ActionName(route->action)))
        << key;
    // Public exactly when the one policy lets someone who is not signed in reach it.
    const bool needs_sign_in =
        Decide(Actor::Anonymous(), route->action, Resource::Deployment()).outcome ==
        Outcome::kUnauthenticated;
    const bool documented_public =
        operation.contains("security") && operation.at("security").as_array().empty();
    EXPECT_EQ(documented_public, !needs_sign_in)
        << key << ": security must be [] exactly when the route is open to anyone";
    EXPECT_TRUE(operation.at("responses").as_object().size() > 0) << key;
  }
}

TEST_F(OpenApiTest, EveryPathParameterIsDeclaredAndEveryReferenceResolves) {
  ASSERT_TRUE(parsed_) << parse_error_;
  const std::regex parameter(R"(\{([a-z_]+)\})");
  for (const auto& [key, operation] : Documented()) {
    const std::string path = key.substr(key.find(' ') + 1);
    std::set<std::string> declared;
    if (operation->contains("parameters")) {
      for (const json::value& p : operation->at("parameters").as_array()) {
        const json::value* resolved = Resolve(p);
        ASSERT_NE(resolved, nullptr) << key << ": a parameter's $ref does not resolve";
        if (resolved->at("in").as_string() == "path") {
          declared.insert(std::string(resolved->at("name").as_string()));
        }
      }
    }
    std::set<std::string> in_path;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter);
         it != std::sregex_iterator(); ++it) {
      in_path.insert((*it)[1].str());
    }
    EXPECT_EQ(declared, in_path) << key << ": declare each {name} in the path as an in: path "
                                 << "parameter, and no others";
  }
  // Every "$ref" anywhere in the document points at something that exists.
  std::vector<const json::value*> stack{&document_};
  int references = 0;
  while (!stack.empty()) {
    const json::value* v = stack.back();
    stack.pop_back();
    if (v->is_object()) {
      if (const auto* ref = v->as_object().if_contains("$ref")) {
        ++references;
        EXPECT_NE(Resolve(*v), nullptr) << "$ref " << ref->as_string() << " does not resolve";
      }
      for (const auto& [k, child] : v->as_object()) stack.push_back(&child);
    } else if (v->is_array()) {
      for (const auto& child : v->as_array()) stack.push_back(&child);
    }
  }
  EXPECT_GT(references, 50);
}

TEST_F(OpenApiTest, IsServedToAnyoneAtApiOpenapiJson) {
  Request request;
  request.method = "GET";
  request.target = "/api/openapi.json";
  const Response r = service_.Handle(request);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, OpenApiDocument());
}

}  // namespace
}  // namespace selfdirect::http
