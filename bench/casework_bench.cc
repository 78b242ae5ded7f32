// Casework through the API with 50,000 people in the database: the caseload queue and each step
// of a journey (add a person, eligibility, assessment, plan, submit, approve), in-process
// (HttpService::Handle, no socket), as p50 and p99 over many runs. Beside each, a baseline: the
// same data read or written with one plain SQL statement on the same database, which is the floor
// the store, JSON and policy layers add to.
//
// Targets (issue #5): queue listings p99 ≤ 50 ms, each journey step p99 ≤ 20 ms. (The PDF
// statement is a document, not a step; its figure is printed against the step target too.)
#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <functional>

#include "selfdirect/http/service.h"
#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect {
namespace {

namespace json = boost::json;
using Steady = std::chrono::steady_clock;

struct Timing {
  double p50_ms = 0;
  double p99_ms = 0;
};

Timing Measure(int runs, const std::function<void(int)>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    fn(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

class Bench {
 public:
  Bench() {
    council_ = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(council_, "admin@w.example", {"administrator"});
    const User approver = t_.AddUser(council_, "approver@w.example", {"approver"});
    t_.AddUser(council_, "sw@w.example", {"assessor"});
    service_ = std::make_unique<http::HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                                   metrics_, http::ServiceOptions{});
    app::Context as_admin{Actor{council_.id, admin.id, admin.roles}, "b", ""};
    if (!t_.ras().Publish(as_admin, ras::testing::kSmallModel)) std::abort();
    if (!t_.casework().SetApprovalLimit(as_admin, approver.id, "1000000")) std::abort();
    worker_ = SignIn("sw@w.example");
    approver_ = SignIn("approver@w.example");
  }

  // 50,000 people straight into the store in one transaction (as an import would).
  void Seed(int people) {
    auto s = t_.store().Write([&](store::Transaction& tx) -> Status {
      UlidGenerator ids(t_.clock());
      for (int i = 0; i < people; ++i) {
        casework::Person p;
        p.council = council_.id;
        p.id = PersonId(ids.Next());
        p.given_name = "Person";
        p.family_name = std::to_string(i);
        p.date_of_birth = *ParseIsoDate("1950-01-01");
        p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
        p.ethnicity = "Z";
        p.has_unpaid_carer = "not_known";
        p.created_at = t_.clock().Now();
        const auto stage = static_cast<casework::Stage>(i % 6);
        if (auto c = tx.Casework().CreatePerson(p, {stage, stage == casework::Stage::kActive});
            !c) {
          return c;
        }
        // People with a budget in place have a review due somewhere in the coming months or
        // the past one: about a quarter of them overdue.
        if (stage == casework::Stage::kActive) {
          if (auto d = tx.Casework().SetReviewDue(council_.id, p.id,
                                                  AddDays(t_.clock().Today(), i % 120 - 30));
              !d) {
            return d;
          }
        }
      }
      return Ok();
    });
    if (!s) {
      std::fprintf(stderr, "seed: %s\n", s.error().message.c_str());
      std::abort();
    }
  }

  struct Session {
    std::string cookie, csrf;
  };

  Session SignIn(const std::string& email) {
    auto r = Send("POST", "/api/session",
                  R"({"council":"E09000033","email":")" + email +
                      R"(","password":"correct horse battery staple"})",
                  nullptr);
    const std::string cookie = r.Header("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')),
            std::string(json::parse(r.body).at("csrf_token").as_string())};
  }

  http::Response Send(const std::string& method, const std::string& target, const std::string& body,
                      const Session* as) {
    http::Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.headers.emplace("Content-Type", "application/json");
    if (as != nullptr) {
      r.headers.emplace("Cookie", as->cookie);
      r.headers.emplace("X-CSRF-Token", as->csrf);
    }
    auto response = service_->Handle(r);
    if (response.status >= 300) {
      std::fprintf(stderr, "%s %s → %d %s\n", method.c_str(), target.c_str(), response.status,
                   response.body.c_str());
      std::abort();
    }
    return response;
  }

  testing::TestApp t_;
  http::Metrics metrics_;
  Council council_;
  std::unique_ptr<http::HttpService> service_;
  Session worker_, approver_;
};

std::string Outcomes() {
  std::string out = "[";
  int n = 0;
  for (const char* code :
       {"nutrition", "hygiene", "toilet", "clothing", "home_safety", "habitable_home",
        "relationships", "work_learning", "community", "caring_for_child"}) {
    out += std::string(n ? "," : "") + R"({"outcome":")" + code + R"(","achieved":)" +
           (n < 3 ? R"(false,"reason":"without_assistance"})" : "true}");
    ++n;
  }
  return out + "]";
}

// The floor for a step: one plain SQL statement on the same database file.
Timing SqlFloor(const std::string& path, const std::string& sql, int runs) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  auto t = Measure(runs, [&](int) {
    sqlite3_reset(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
    }
  });
  sqlite3_finalize(st);
  sqlite3_close(db);
  return t;
}

}  // namespace
}  // namespace selfdirect

int main() {
  using namespace selfdirect;
  Bench b;
  constexpr int kPeople = 50'000;
  const auto seed_start = Steady::now();
  b.Seed(kPeople);
  std::printf("seeded %d people in %.1f s\n", kPeople,
              std::chrono::duration<double>(Steady::now() - seed_start).count());
  constexpr int kRuns = 200;
  std::vector<std::string> ids;
  std::vector<std::string> plans;
  struct Row {
    const char* name;
    Timing t;
    Timing floor;
    double target;
  };
  std::vector<Row> rows;
  const std::string db = b.t_.dir().File("test.db");

  rows.push_back(
      {"GET /api/queues/caseload (50 of 50,000)",
       Measure(kRuns, [&](int) { b.Send("GET", "/api/queues/caseload", "", &b.worker_); }),
       SqlFloor(db,
                "SELECT * FROM people WHERE council_id = '" + b.council_.id.str() +
                    "' AND person_id > '' ORDER BY person_id LIMIT 50",
                kRuns),
       50});
  rows.push_back(
      {"GET /api/queues/caseload?stage=planning",
       Measure(kRuns,
               [&](int) { b.Send("GET", "/api/queues/caseload?stage=planning", "", &b.worker_); }),
       SqlFloor(db,
                "SELECT * FROM people WHERE council_id = '" + b.council_.id.str() +
                    "' AND stage = 'planning' AND person_id > '' ORDER BY person_id LIMIT 50",
                kRuns),
       50});
  rows.push_back(
      {"POST /api/people",
       Measure(
           kRuns,
           [&](int i) {
             auto r = b.Send(
                 "POST", "/api/people",
                 R"({"given_name":"Bench","family_name":")" + std::to_string(i) +
                     R"(","date_of_birth":"1948-03-27","contact":{"route_of_access":"community"}})",
                 &b.worker_);
             ids.emplace_back(json::parse(r.body).at("id").as_string());
           }),
       {},
       20});
  rows.push_back(
      {"POST /api/people/{id}/eligibility",
       Measure(
           kRuns,
           [&](int i) {
             b.Send(
                 "POST", "/api/people/" + ids[static_cast<std::size_t>(i)] + "/eligibility",
                 R"({"kind":"adult","needs_arise_from_condition":true,"significant_impact_on_wellbeing":true,"outcomes":)" +
                     Outcomes() + "}",
                 &b.worker_);
           }),
       {},
       20});
  rows.push_back(
      {"POST /api/people/{id}/assessments",
       Measure(
           kRuns,
           [&](int i) {
             b.Send(
                 "POST", "/api/people/" + ids[static_cast<std::size_t>(i)] + "/assessments",
                 R"({"model":"small","completed_by":"self","answers":{"washing":"c","dressing":"b","going_out":"b","nights":2,"age":78,"living_setting":"supported_living","has_unpaid_carer":true}})",
                 &b.worker_);
           }),
       {},
       20});
  const std::string plan =
      R"({"outcomes":[{"id":"o1","words":"Up in time"}],"items":[{"what":"Help","supplier":"personal_assistant","unit":"hour","unit_price":"20.00","quantity":"10","frequency":"per_week","route":"direct_payment","outcomes":["o1"]}]})";
  rows.push_back({"POST /api/people/{id}/plans",
                  Measure(kRuns,
                          [&](int i) {
                            auto r =
                                b.Send("POST",
                                       "/api/people/" + ids[static_cast<std::size_t>(i)] + "/plans",
                                       plan, &b.worker_);
                            plans.emplace_back(json::parse(r.body).at("id").as_string());
                          }),
                  {},
                  20});
  rows.push_back({"POST /api/plans/{id}/submit",
                  Measure(kRuns,
                          [&](int i) {
                            b.Send("POST",
                                   "/api/plans/" + plans[static_cast<std::size_t>(i)] + "/submit",
                                   R"({"revision":1})", &b.worker_);
                          }),
                  {},
                  20});
  rows.push_back(
      {"GET /api/queues/awaiting-sign-off (200 plans)",
       Measure(20, [&](int) { b.Send("GET", "/api/queues/awaiting-sign-off", "", &b.approver_); }),
       {},
       50});
  rows.push_back(
      {"POST /api/plans/{id}/decision (approve)",
       Measure(
           kRuns,
           [&](int i) {
             b.Send(
                 "POST", "/api/plans/" + plans[static_cast<std::size_t>(i)] + "/decision",
                 R"({"decision":"approve","variance_category":"market_prices","variance_words":"Local rates","revision":2})",
                 &b.approver_);
           }),
       {},
       20});
  rows.push_back(
      {"GET /api/queues/reviews-due (50 of ~2,000)",
       Measure(kRuns, [&](int) { b.Send("GET", "/api/queues/reviews-due", "", &b.worker_); }),
       SqlFloor(db,
                "SELECT * FROM people WHERE council_id = '" + b.council_.id.str() +
                    "' AND review_due <> '' AND review_due <= '2026-12-20' ORDER BY review_due, "
                    "person_id LIMIT 50",
                kRuns),
       50});
  rows.push_back(
      {"GET /api/queues/overdue-reviews (50 of ~2,000)",
       Measure(kRuns, [&](int) { b.Send("GET", "/api/queues/overdue-reviews", "", &b.worker_); }),
       {},
       50});
  rows.push_back({"GET /api/people/{id}/budget",
                  Measure(kRuns,
                          [&](int i) {
                            b.Send("GET",
                                   "/api/people/" + ids[static_cast<std::size_t>(i)] + "/budget",
                                   "", &b.worker_);
                          }),
                  {},
                  20});
  rows.push_back({"GET /api/people/{id}/budget/statement.pdf",
                  Measure(kRuns,
                          [&](int i) {
                            b.Send("GET",
                                   "/api/people/" + ids[static_cast<std::size_t>(i)] +
                                       "/budget/statement.pdf",
                                   "", &b.worker_);
                          }),
                  {},
                  20});
  rows.push_back(
      {"POST /api/people/{id}/reviews",
       Measure(
           kRuns,
           [&](int i) {
             b.Send(
                 "POST", "/api/people/" + ids[static_cast<std::size_t>(i)] + "/reviews",
                 R"({"reason":"planned","method":"in_person","result":"continue","outcomes":[{"outcome":"o1","rating":"achieved"}]})",
                 &b.worker_);
           }),
       {},
       20});
  rows.push_back({"GET /api/people/{id}",
                  Measure(kRuns,
                          [&](int i) {
                            b.Send("GET", "/api/people/" + ids[static_cast<std::size_t>(i)], "",
                                   &b.worker_);
                          }),
                  SqlFloor(db,
                           "SELECT * FROM people WHERE council_id = '" + b.council_.id.str() +
                               "' AND person_id = '" + ids.front() + "'",
                           kRuns),
                  20});

  std::printf("\n%-48s %9s %9s %9s %13s %8s\n", "step (50,000 people)", "p50 ms", "p99 ms",
              "target", "SQL floor p99", "ratio");
  for (const Row& r : rows) {
    if (r.floor.p99_ms > 0) {
      std::printf("%-48s %9.2f %9.2f %8.0f  %13.3f %7.1fx\n", r.name, r.t.p50_ms, r.t.p99_ms,
                  r.target, r.floor.p99_ms, r.t.p99_ms / r.floor.p99_ms);
    } else {
      std::printf("%-48s %9.2f %9.2f %8.0f  %13s %8s\n", r.name, r.t.p50_ms, r.t.p99_ms, r.target,
                  "-", "-");
    }
  }
  return 0;
}
