#include "selfdirect/http/router.h"

#include <gtest/gtest.h>

#include <variant>

namespace selfdirect::http {
namespace {

Handler Named(std::string text) {
  return [text](const Request&, const PathParams&) {
    Response r;
    r.body = text;
    return r;
  };
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  router.Add("GET", "/api/councils", "councils.list", Action::kPublic, Named("list"));
  router.Add("GET", "/api/councils/{council}/schemes", "schemes.list", Action::kPublic,
             Named("schemes"));
  auto found = router.Find("GET", "/api/councils/01ABC/schemes");
  auto* match = std::get_if<Router::Match>(&found);
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->route->name, "schemes.list");
  EXPECT_EQ(match->params.at("council"), "01ABC");
}

TEST(Router, DistinguishesAMissingPathFromAWrongMethod) {
  Router router;
  router.Add("POST", "/api/councils", "councils.create", Action::kPublic, Named("create"));
  EXPECT_EQ(std::get<Router::Miss>(router.Find("DELETE", "/api/councils")),
            Router::Miss::kWrongMethod);
  EXPECT_EQ(std::get<Router::Miss>(router.Find("GET", "/api/nothing")), Router::Miss::kNoPath);
  EXPECT_EQ(std::get<Router::Miss>(router.Find("GET", "/api/councils/")), Router::Miss::kNoPath);
  EXPECT_EQ(router.MethodsFor("/api/councils"), std::vector<std::string>{"POST"});
}

TEST(Router, HeadIsServedByTheGetRoute) {
  Router router;
  router.Add("GET", "/healthz", "probe.health", Action::kPublic, Named("ok"));
  EXPECT_TRUE(std::holds_alternative<Router::Match>(router.Find("HEAD", "/healthz")));
}

TEST(Router, EmptyParameterDoesNotMatch) {
  Router router;
  router.Add("GET", "/api/councils/{council}", "councils.get", Action::kPublic, Named("get"));
  EXPECT_FALSE(std::holds_alternative<Router::Match>(router.Find("GET", "/api/councils/")));
}

TEST(Router, RefusesARouteWithoutAName) {
  Router router;
  EXPECT_THROW(router.Add("GET", "/x", "", Action::kPublic, Named("x")), std::logic_error);
}

}  // namespace
}  // namespace selfdirect::http
