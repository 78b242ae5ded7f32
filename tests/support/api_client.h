// A test's client of the HTTP service, without a socket: JSON requests, signed in with a
// session's cookie and CSRF token when one is given. For the API tests in src/selfdirect/http.
//
//   const testing::ApiSession finance = testing::SignInTo(*service_, "E09000033", email);
//   Response r = testing::SendTo(*service_, &finance, "GET", "/api/payment-runs");
//   boost::json::object body = testing::BodyOf(r);
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>

#include "selfdirect/http/service.h"

namespace selfdirect::testing {

// What a signed-in browser sends back: the session cookie ("name=value") and the CSRF token.
struct ApiSession {
  std::string cookie;
  std::string csrf;
};

// One request, with `as`'s cookie and token when given (nullptr: signed out).
inline http::Response SendTo(http::HttpService& service, const ApiSession* as, std::string method,
                             std::string target, std::string body = "",
                             std::string type = "application/json") {
  http::Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  r.headers.emplace("Content-Type", std::move(type));
  if (as != nullptr) {
    r.headers.emplace("Cookie", as->cookie);
    r.headers.emplace("X-CSRF-Token", as->csrf);
  }
  return service.Handle(r);
}

inline boost::json::object BodyOf(const http::Response& r) {
  return boost::json::parse(r.body).as_object();
}

// Signs `email` in to the council with this code, with the password every test user has.
inline ApiSession SignInTo(http::HttpService& service, const std::string& council_code,
                           const std::string& email) {
  auto r = SendTo(service, nullptr, "POST", "/api/session",
                  R"({"council":")" + council_code + R"(","email":")" + email +
                      R"(","password":"correct horse battery staple"})");
  EXPECT_EQ(r.status, 201) << r.body;
  const std::string cookie = r.Header("Set-Cookie");
  return {cookie.substr(0, cookie.find(';')),
          std::string(boost::json::parse(r.body).at("csrf_token").as_string())};
}

}  // namespace selfdirect::testing
