// The authorization matrix: every registered route × every role × the actor's own council and
// another council, against the expected allow or deny. A route added without a row here fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
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

namespace selfdirect {
namespace {

using http::Request;
using http::Response;

// Who may use each route in their own council. "anyone" includes people not signed in;
// "signed-in" is every role. Another council's records are always hidden (404) from everyone.
const std::map<std::string, std::set<std::string>> kMatrix = {
    {"probe.health", {"anyone"}},
    {"probe.ready", {"anyone"}},
    {"probe.metrics", {"anyone"}},
    {"version.get", {"anyone"}},
    {"openapi.get", {"anyone"}},
    {"councils.list", {"anyone"}},
    {"councils.get", {"signed-in"}},
    {"schemes.list",
     {"support-planner", "assessor", "approver", "finance-officer", "commissioner",
      "safeguarding-lead", "analyst", "administrator", "auditor"}},
    {"schemes.create", {"administrator"}},
    // Teams: staff see them; administrators set them up; a person is moved between teams'
    // caseloads by their social worker or an administrator.
    {"teams.list",
     {"support-planner", "assessor", "approver", "finance-officer", "commissioner",
      "safeguarding-lead", "analyst", "administrator", "auditor"}},
    {"teams.create", {"administrator"}},
    {"teams.members.set", {"administrator"}},
    {"people.allocate", {"assessor", "administrator"}},
    {"session.get", {"signed-in"}},
    {"session.create", {"anyone"}},
    {"session.delete", {"signed-in"}},
    {"account.password", {"signed-in"}},
    {"account.set-password", {"anyone"}},
    {"account.totp.begin", {"signed-in"}},
    {"account.totp.confirm", {"signed-in"}},
    {"users.list", {"administrator"}},
    {"users.create", {"administrator"}},
    {"users.disable", {"administrator"}},
    {"users.roles", {"administrator"}},
    {"tokens.list", {"administrator"}},
    {"tokens.create", {"administrator"}},
    {"tokens.revoke", {"administrator"}},
    {"audit.search", {"auditor"}},
    // A person's record: the person (the budget holder, linked to it) and their social worker;
    // the representative holds a view grant. Everyone else is told it does not exist.
    {"grants.list", {"budget-holder", "assessor", "representative"}},
    {"grants.create", {"budget-holder", "assessor"}},
    {"grants.revoke", {"budget-holder", "assessor"}},
    {"record-views.list", {"signed-in"}},
    {"me.people", {"signed-in"}},
    // The published RAS is public; checking drafts is for administrators and analysts, and
    // publishing for administrators.
    {"ras-models.list", {"anyone"}},
    {"ras-models.get", {"anyone"}},
    {"ras.evaluate", {"anyone"}},
    {"ras-models.check", {"administrator", "analyst"}},
    {"ras-models.publish", {"administrator"}},
    // Casework: social workers record people and their cases; the record is seen by the
    // person, their social worker and whoever they have granted access.
    {"casework.codes", {"anyone"}},
    {"people.create", {"assessor"}},
    {"people.get",
     {"budget-holder", "assessor", "representative", "approver", "safeguarding-lead"}},
    {"eligibility.create", {"assessor"}},
    {"assessments.create", {"assessor"}},
    {"queues.get", {"assessor"}},
    // Plans: written by the person, their social worker, or with a "write plan" grant.
    {"plans.create", {"budget-holder", "assessor"}},
    {"plans.get", {"budget-holder", "assessor", "representative", "approver", "safeguarding-lead"}},
    {"plans.update", {"budget-holder", "assessor"}},
    {"plans.submit", {"budget-holder", "assessor"}},
    {"plans.decide", {"approver"}},
    {"approval-limits.set", {"administrator"}},
    // After sign-off: the budget statement is for the person, those they granted access, their
    // social worker, approvers, finance officers and (a concern being on record) the
    // safeguarding lead; reviews and closures are the social
    // worker's; the contribution is recorded by finance.
    {"budget.get",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"budget.statement-pdf",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"money.get",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"money.csv",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"reviews.create", {"assessor"}},
    {"contribution.create", {"finance-officer"}},
    {"case.close", {"assessor"}},
    {"carers.add", {"assessor"}},
    {"carers.end", {"assessor"}},
    // Safeguarding: anyone who may see the person's record may raise a concern about them; the
    // safeguarding lead reads and handles concerns, and sees the records they are about.
    {"safeguarding.codes", {"anyone"}},
    {"concerns.create",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"concerns.of-person", {"safeguarding-lead"}},
    {"concerns.queue", {"safeguarding-lead"}},
    {"concerns.get", {"safeguarding-lead"}},
    {"concerns.triage", {"safeguarding-lead"}},
    {"concerns.enquiry", {"safeguarding-lead"}},
    {"concerns.close", {"safeguarding-lead"}},
    // The council's ledger is kept by finance officers (budget holders will see their own
    // money through their record, later).
    {"ledger.accounts.create", {"finance-officer"}},
    {"ledger.accounts.get", {"finance-officer"}},
    {"ledger.accounts.transfers", {"finance-officer"}},
    {"ledger.transfers.create", {"finance-officer"}},
    {"ledger.check", {"finance-officer"}},
    // Payment runs and where people's money is paid: finance officers; the threshold above
    // which a run needs a second finance officer: administrators.
    {"payments.details.set", {"finance-officer"}},
    {"payments.final-account", {"finance-officer"}},
    {"payments.suspend", {"assessor"}},
    {"payments.restart", {"assessor"}},
    {"payments.overpayment.recover", {"finance-officer"}},
    {"payments.details.get", {"finance-officer"}},
    {"contributions.paid.get", {"finance-officer"}},
    {"contributions.paid.record", {"finance-officer"}},
    {"contributions.file.read", {"finance-officer"}},
    {"finance-settings.get", {"finance-officer", "administrator"}},
    {"finance-settings.set", {"administrator"}},
    {"payment-runs.preview", {"finance-officer"}},
    {"payment-runs.start", {"finance-officer"}},
    {"payment-runs.list", {"finance-officer"}},
    {"payment-runs.get", {"finance-officer"}},
    {"payment-runs.approve", {"finance-officer"}},
    {"payment-runs.reject", {"finance-officer"}},
    {"payment-runs.release", {"finance-officer"}},
    {"payment-runs.file", {"finance-officer"}},
    {"payment-runs.payments", {"finance-officer"}},
    {"payment-runs.report", {"finance-officer"}},
    // Statement import: finance officers add formats and import statements; an import's lines
    // are read by whoever may read the person's budget, and re-categorised by the person,
    // someone with a manage-money or write-plan grant, or a finance officer.
    {"statement-formats.list", {"finance-officer"}},
    {"statement-formats.create", {"finance-officer"}},
    {"statements.import", {"finance-officer"}},
    {"statements.list", {"finance-officer"}},
    {"statements.reconcile", {"finance-officer"}},
    {"statements.get",
     {"budget-holder", "assessor", "representative", "approver", "finance-officer",
      "safeguarding-lead"}},
    {"statements.recategorise", {"budget-holder", "finance-officer"}},
    // Monitoring: finance officers run the checks and decide surplus recoveries; alerts are
    // listed and acknowledged by the staff they are routed to (the use case narrows the list).
    {"monitoring.run", {"finance-officer"}},
    {"alerts.list", {"support-planner", "assessor", "finance-officer", "safeguarding-lead"}},
    {"alerts.update", {"support-planner", "assessor", "finance-officer", "safeguarding-lead"}},
    {"surplus-proposals.list", {"finance-officer"}},
    {"surplus-proposals.decide", {"finance-officer"}},
    // Provider invoices for council-arranged services: finance officers record them, decide the
    // held ones and make the accounts-payable export.
    {"invoices.list", {"finance-officer"}},
    {"invoices.create", {"finance-officer"}},
    {"invoices.import", {"finance-officer"}},
    {"invoices.get", {"finance-officer"}},
    {"invoices.approve", {"finance-officer"}},
    {"invoices.reject", {"finance-officer"}},
    {"invoice-exports.create", {"finance-officer"}},
    {"invoice-exports.file", {"finance-officer"}},
    // The finance overview: finance officers and commissioners read it (commissioners without
    // the names of people who owe contributions); finance officers set the council's budget.
    {"finance-overview.get", {"finance-officer", "commissioner"}},
    {"finance-overview.csv", {"finance-officer", "commissioner"}},
    {"council-budgets.set", {"finance-officer"}},
    // The directory is public (self-funders use it too; it holds nothing about a person); the
    // provider register behind it is kept by commissioners.
    {"directory.codes", {"anyone"}},
    {"directory.search", {"anyone"}},
    {"directory.provider", {"anyone"}},
    {"providers.list", {"commissioner"}},
    {"providers.create", {"commissioner"}},
    {"providers.get", {"commissioner"}},
    {"providers.update", {"commissioner"}},
    {"providers.delete", {"commissioner"}},
    {"services.create", {"commissioner"}},
    {"services.update", {"commissioner"}},
    {"services.delete", {"commissioner"}},
    {"provider-documents.expiring", {"commissioner"}},
    {"approved-list.get", {"commissioner"}},
    {"approved-list.set", {"commissioner"}},
    {"market-shaping.get", {"commissioner"}},
    // Personal assistants: read by the person, anyone they granted access (here a view grant)
    // and their social worker; changed by the person, a manage-money or write-plan grant, or
    // their social worker. Commissioners see the workforce as aggregates only.
    {"personal-assistants.list", {"budget-holder", "assessor", "representative"}},
    {"personal-assistants.add", {"budget-holder", "assessor"}},
    {"personal-assistants.update", {"budget-holder", "assessor"}},
    {"personal-assistants.end", {"budget-holder", "assessor"}},
    {"employer-duties.set", {"budget-holder", "assessor"}},
    {"pa-workforce.get", {"commissioner"}},
    // Pooled budgets: the pool routes are for budget holders, the people who act for them and
    // social workers (finance officers read them), and the use case then looks for standing on
    // one of the pool's members (the matrix's pool does not exist: 404, not a denial). A
    // person's pools are read by the person, those they granted access, their social worker
    // and finance officers; the pools' money is moved by finance officers.
    {"pools.create", {"budget-holder", "representative", "support-planner", "assessor"}},
    {"pools.get",
     {"budget-holder", "representative", "support-planner", "assessor", "finance-officer"}},
    {"pools.consent", {"budget-holder", "representative", "support-planner", "assessor"}},
    {"pools.join", {"budget-holder", "representative", "support-planner", "assessor"}},
    {"pools.leave", {"budget-holder", "representative", "support-planner", "assessor"}},
    {"pools.statement",
     {"budget-holder", "representative", "support-planner", "assessor", "finance-officer"}},
    {"pools.collect", {"finance-officer"}},
    {"pools.all", {"finance-officer"}},
    {"pools.pay", {"finance-officer"}},
    {"pools.list", {"budget-holder", "assessor", "representative", "finance-officer"}},
    // Policy scenarios: pure computation on a synthetic council made in memory (no person's
    // data), for analysts and commissioners.
    {"scenario-examples.list", {"commissioner", "analyst"}},
    {"scenario-runs.create", {"commissioner", "analyst"}},
    {"scenario-runs.csv", {"commissioner", "analyst"}},
    {"scenario-runs.xlsx", {"commissioner", "analyst"}},
};

const PersonId kPersonHome("01JD00000000000000000PER51");
const PlanId kPlanHome("01JD0000000000000000PAN001");
const ConcernId kConcernHome("01JD0000000000000000C0NC01");
const StatementImportId kImportHome("01JD00000000000000000STMT1");

// Routes whose path names a council: for these, the other council's id is tried too.
bool CouncilScoped(const std::string& pattern) {
  return pattern.find("{council}") != std::string::npos;
}

// Routes on one person's record: someone with no standing gets 404, not 403.
bool PersonScoped(const std::string& pattern) {
  return pattern.find("{person}") != std::string::npos ||
         pattern.find("{plan}") != std::string::npos ||  // a plan is part of a person's record
         pattern.find("{import}") != std::string::npos;  // so is an imported statement
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  AccessMatrixTest() {
    home_ = t_.AddCouncil("E09000033", "Home");
    other_ = t_.AddCouncil("E08000025", "Other");
    target_home_ = t_.AddUser(home_, "target@home.example", {"analyst"});
    target_other_ = t_.AddUser(other_, "target@other.example", {"analyst"});
    token_home_ = t_.accounts()
                      .CreateApiToken(app::Context::Operator("t"), home_.id, target_home_.id,
                                      "Reporting", {"analyst"})
                      .value()
                      .token.token_id;
    token_other_ = t_.accounts()
                       .CreateApiToken(app::Context::Operator("t"), other_.id, target_other_.id,
                                       "Reporting", {"analyst"})
                       .value()
                       .token.token_id;
    // The home person's record, with a draft plan, so routes on a plan have one to find.
    EXPECT_TRUE(t_.store().Write([&](store::Transaction& tx) -> Status {
      casework::Person p;
      p.council = home_.id;
      p.id = kPersonHome;
      p.given_name = "Ada";
      p.family_name = "Okafor";
      p.date_of_birth = *ParseIsoDate("1948-03-27");
      p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
      p.ethnicity = "Z";
      p.has_unpaid_carer = "not_known";
      p.created_at = t_.clock().Now();
      if (auto c = tx.Casework().CreatePerson(p, {casework::Stage::kPlanning, false}); !c) return c;
      casework::PlanVersion plan;
      plan.council = home_.id;
      plan.id = kPlanHome;
      plan.person = kPersonHome;
      plan.content.outcomes = {{"o1", "Go out more"}};
      plan.created_at = plan.updated_at = t_.clock().Now();
      if (auto c = tx.Casework().CreatePlan(plan); !c) return c;
      // A concern about the home person, so the safeguarding lead stands to their record.
      auto concern = casework::ValidateNewConcern(
          {"neglect", "Left alone all day", false, "", "", ""}, kPersonHome);
      if (!concern) return tl::unexpected(concern.error());
      concern->council = home_.id;
      concern->id = kConcernHome;
      concern->raised_at = t_.clock().Now();
      if (auto c = tx.Safeguarding().CreateConcern(*concern); !c) return c;
      // A statement imported into the home person's account, with one line.
      ledger::Account card;
      card.council = home_.id;
      card.id = LedgerAccountId("01JD0000000000000000ACCT09");
      card.type = ledger::AccountType::kDirectPaymentHolding;
      card.owner = {ledger::OwnerKind::kPerson, kPersonHome.str()};
      card.name = "Ada's card";
      card.created_at = t_.clock().Now();
      if (auto c = tx.Ledger().CreateAccount(card); !c) return c;
      if (auto c = tx.Statements().AddFormat(
              {home_.id, "Bank", "format: x", {}, t_.clock().Now(), UserId()});
          !c) {
        return c;
      }
      ledger::StatementImport import;
      import.council = home_.id;
      import.id = kImportHome;
      import.account = card.id;
      import.person = kPersonHome;
      import.format_name = "Bank";
      import.file_sha256 = std::string(64, '0');
      import.imported_at = t_.clock().Now();
      import.lines = 1;
      ledger::StoredStatementLine line;
      line.line = {.row = 2, .line = 2, .date = *ParseIsoDate("2026-11-02"), .payee = "SHOP"};
      line.match.category = ledger::LineCategory::kNoMoneyMoved;
      return tx.Statements().AddImport(import, std::span(&line, 1));
    }));
    service_ = std::make_unique<http::HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                                   metrics_, http::ServiceOptions{});
    http::RegisterSafeguardingApi(service_->mutable_router(), t_.safeguarding());
    http::RegisterLedgerApi(service_->mutable_router(), t_.ledger());
    http::RegisterPaymentsApi(service_->mutable_router(), t_.payments());
    http::RegisterStatementsApi(service_->mutable_router(), t_.statements());
    http::RegisterMoneyApi(service_->mutable_router(), t_.money());
    http::RegisterMonitoringApi(service_->mutable_router(), t_.monitoring());
    http::RegisterInvoicesApi(service_->mutable_router(), t_.invoices());
    http::RegisterFinanceOverviewApi(service_->mutable_router(), t_.finance_overview());
    http::RegisterMarketApi(service_->mutable_router(), t_.market());
    http::RegisterPersonalAssistantsApi(service_->mutable_router(), t_.personal_assistants());
    http::RegisterPoolsApi(service_->mutable_router(), t_.pools());
    http::RegisterScenariosApi(service_->mutable_router(), scenarios_, t_.app().clock());
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  Session SignInAs(const std::string& role) {
    const std::string email = role + "@home.example";
    if (role == "budget-holder") {
      auto added = t_.accounts().AddUser(app::Context::Operator("t"),
                                         {home_.id, email, "Holder", {role}, kPersonHome.str()});
      EXPECT_TRUE(added) << added.error().message;
      EXPECT_TRUE(t_.accounts().SetPasswordWithLink({}, home_.code, added->password_link_token,
                                                    "correct horse battery staple"));
    } else {
      t_.AddUser(home_, email, {role});
    }
    Request r;
    r.method = "POST";
    r.target = "/api/session";
    r.headers.emplace("Content-Type", "application/json");
    r.body = R"({"council":"E09000033","email":")" + email +
             R"(","password":"correct horse battery staple"})";
    auto response = service_->Handle(r);
    EXPECT_EQ(response.status, 201) << response.body;
    auto body = boost::json::parse(response.body).as_object();
    const auto cookie = response.Header("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), std::string(body.at("csrf_token").as_string())};
  }

  std::string Fill(const std::string& pattern, bool other) {
    std::string path = pattern;
    auto put = [&](const std::string& name, const std::string& value) {
      const auto at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    put("council", (other ? other_ : home_).id.str());
    put("user", (other ? target_other_ : target_home_).id.str());
    put("token", other ? token_other_ : token_home_);
    put("person", kPersonHome.str());
    put("grant", "01JD0000000000000000000G01");
    put("model", "small");
    put("queue", "caseload");
    put("plan", kPlanHome.str());
    put("concern", kConcernHome.str());
    put("version", "current");
    put("team", "01JD00000000000000000TEAM1");
    put("carer", "01JD0000000000000000CARER1");
    put("account", "01JD0000000000000000ACCT01");
    put("run", "01JD00000000000000000RN001");
    put("suspension", "1");
    put("import", kImportHome.str());
    put("alert", "01JD0000000000000000A1ERT1");
    put("proposal", "01JD000000000000000PR0P0S1");
    put("invoice", "01JD0000000000000000NV0001");
    put("export", "01JD0000000000000000EXP001");
    put("year", "2026");
    put("provider", "01JD0000000000000000PRV001");
    put("service", "01JD0000000000000000SRV001");
    put("assistant", "01JD000000000000000000PA01");
    put("pool", "01JD000000000000000000P001");
    return path;
  }

  // A body that passes the shape checks, so that an allowed request is not refused for its form.
  std::string BodyFor(const std::string& route) const {
    if (route == "tokens.create") {
      return R"({"user_id":")" + target_home_.id.str() +
             R"(","name":"Export","roles":["analyst"]})";
    }
    if (route == "schemes.create") return R"({"name":"Scheme","kind":"carers"})";
    if (route == "users.create") {
      return R"({"email":"made@home.example","display_name":"Made","roles":["analyst"]})";
    }
    if (route == "users.roles") return R"({"roles":["analyst"]})";
    if (route == "account.totp.confirm") return R"({"code":"000000"})";
    if (route == "grants.create") {
      return R"({"grantee_email":"representative@home.example","scopes":["view"],)"
             R"("ends_on":"2027-03-31","reason":"asked at review"})";
    }
    if (route == "account.password") {
      return R"({"current_password":"wrong","new_password":"purple kettle river"})";
    }
    if (route == "session.create") {
      return R"({"council":"E09000033","email":"target@home.example",)"
             R"("password":"correct horse battery staple"})";
    }
    if (route == "people.create") {
      return R"({"given_name":"Ada","family_name":"Okafor","date_of_birth":"1948-03-27",)"
             R"("contact":{"route_of_access":"community"}})";
    }
    if (route == "plans.update" || route == "plans.submit") return R"({"revision":1})";
    if (route == "plans.decide") return R"({"decision":"refer","comments":"x","revision":1})";
    if (route == "approval-limits.set") return R"({"limit":"25000"})";
    if (route == "teams.create") return R"({"name":"Matrix team"})";
    if (route == "teams.members.set") return R"({"member":true})";
    if (route == "people.allocate") return R"({"team_id":"01JD00000000000000000TEAM1"})";
    // Bodies that reach the use case but are refused there, so that nothing changes.
    if (route == "reviews.create") return R"({"outcomes":[]})";
    if (route == "contribution.create") return R"({"basis":"guess"})";
    if (route == "case.close") return R"({"reason":"not-a-reason"})";
    if (route == "carers.add") return R"({"relationship":"not-a-relationship"})";
    if (route == "concerns.create") {
      return R"({"category":"financial","what_happened":"Money missing","immediate_risk":false})";
    }
    if (route == "concerns.triage") {
      return R"({"decision":"section_42_enquiry","reasons":"x","revision":1})";
    }
    if (route == "concerns.enquiry") return R"({"led_by":"Sam","revision":2})";
    if (route == "concerns.close") {
      return R"({"risk":"reduced","actions_taken":"x","outcomes_met":"fully",)"
             R"("persons_view":"y","revision":3})";
    }
    if (route == "ledger.accounts.create") {
      return R"({"type":"payee","owner_kind":"provider","owner_id":"acme","name":"Acme"})";
    }
    // Refused in the use case (no such accounts), so that nothing changes.
    if (route == "ledger.transfers.create") {
      return R"({"id":"matrix-1","debit_account_id":"01JD0000000000000000ACCT01",)"
             R"("credit_account_id":"01JD0000000000000000ACCT02","amount_pence":1,)"
             R"("code":"payment"})";
    }
    // Refused in the use case or by field checks, so that nothing changes.
    if (route == "payments.details.set") return R"({"route":"direct_payment"})";
    if (route == "payments.suspend") return R"({"from":"2026-12-01"})";
    if (route == "payments.restart") return R"({"to":"never"})";
    if (route == "payments.overpayment.recover") return R"({"recovery_id":"","reason":""})";
    if (route == "contributions.paid.record") {
      return R"({"payment_id":"matrix-1","amount_pence":0,"paid_on":"2026-11-20"})";
    }
    if (route == "finance-settings.set") return R"({"approval_threshold_pence":-1})";
    if (route == "payment-runs.start") return R"({"date":"2026-02-30"})";
    if (route == "payment-runs.reject") return R"({"reason":"Wrong date"})";
    // Refused in the use case (no such row; a format without YAML), so that nothing changes.
    if (route == "statements.recategorise") {
      return R"({"changes":[{"row":99,"category":"not_in_plan"}]})";
    }
    if (route == "statement-formats.create") return R"({"name":"Matrix","yaml":""})";
    if (route == "monitoring.run") return R"({"date":"2026-02-30"})";
    if (route == "alerts.update") return R"({"action":"acknowledge","notes":"Seen"})";
    if (route == "surplus-proposals.decide") return R"({"decision":"decline","reason":"No"})";
    // Refused by field checks or in the use case (no such invoice, nothing to export; the
    // file import is sent empty), so that nothing changes.
    if (route == "invoices.create") return R"({"provider":"Acorn Home Care"})";
    if (route == "invoices.approve" || route == "invoices.reject") return R"({"reason":"Checked"})";
    if (route == "council-budgets.set") return R"({"amount":"-1.00"})";
    // Refused by field checks, so that the register does not change.
    if (route == "providers.create" || route == "providers.update") return R"({"name":""})";
    if (route == "services.create" || route == "services.update") return R"({"price":"0"})";
    // Reaches the use case, which refuses it: the matrix's council has no adult scheme.
    if (route == "approved-list.set") return R"({"required":true})";
    // Refused by the use case's field checks (after the policy), or no such PA, so that
    // nothing changes.
    if (route == "personal-assistants.add") return R"({"name":"","hourly_rate":"0"})";
    if (route == "personal-assistants.update") return R"({"revision":1})";
    if (route == "personal-assistants.end") return R"({"ends_on":"2026-12-31","revision":1})";
    if (route == "employer-duties.set") return R"({"insurer":"Acme","revision":0})";
    // Refused by field checks, or no such pool, so that nothing changes.
    if (route == "pools.create") return R"({"name":""})";
    if (route == "pools.consent" || route == "pools.leave") {
      return R"({"person":"01JD00000000000000000PER51"})";
    }
    if (route == "pools.join") {
      return R"({"person":"01JD00000000000000000PER51","share":"1.00","consent":true})";
    }
    // Refused by the scenario's checks (people out of range), so that nothing runs.
    if (route == "scenario-runs.create" || route == "scenario-runs.csv" ||
        route == "scenario-runs.xlsx") {
      return R"({"scenario":"name: x","people":1})";
    }
    if (route == "pools.pay") return R"({"key":"m1","amount":"1.00","reference":"x"})";
    if (route == "plans.create") return R"({"outcomes":[{"id":"o1","words":"Go out"}]})";
    if (route == "eligibility.create") return R"({"kind":"adult","outcomes":[]})";
    if (route == "assessments.create") {
      return R"({"model":"small","completed_by":"self","answers":{}})";
    }
    if (route == "ras.evaluate") {
      return R"({"council":"E09000033","model":"small","answers":{}})";
    }
    if (route == "ras-models.check" || route == "ras-models.publish") return R"({"yaml":"x: 1"})";
    if (route == "account.set-password")
      return R"({"council":"E09000033","token":"x","password":"x"})";
    return "";
  }

  Response Call(const http::Route& route, const std::string& path, const Session* session) {
    Request r;
    r.method = route.method;
    r.target = path;
    r.body = BodyFor(route.name);
    if (!r.body.empty()) r.headers.emplace("Content-Type", "application/json");
    if (session) {
      r.headers.emplace("Cookie", session->cookie);
      r.headers.emplace("X-CSRF-Token", session->csrf);
    }
    return service_->Handle(r);
  }

  // A policy denial: 401, 403, or the 404 that pretends a record does not exist. (A 404 for a
  // record that really is missing, once the actor may look, is not a denial.)
  static bool Denied(const Response& r) {
    return r.status == 401 || r.status == 403 ||
           (r.status == 404 &&
            r.body.find("There is no record at this address") != std::string::npos);
  }

  testing::TestApp t_;
  http::Metrics metrics_;
  Council home_, other_;
  User target_home_, target_other_;
  std::string token_home_, token_other_;
  std::unique_ptr<http::HttpService> service_;
  app::Scenarios scenarios_;
};

TEST_F(AccessMatrixTest, EveryRouteIsInTheMatrix) {
  for (const auto& route : service_->router().routes()) {
    EXPECT_TRUE(kMatrix.count(route.name)) << "route " << route.name << " (" << route.method << " "
                                           << route.pattern << ") has no row in the matrix";
  }
}

TEST_F(AccessMatrixTest, EveryRoleGetsExactlyWhatTheMatrixSays) {
  std::map<std::string, Session> sessions;
  for (Role role : kAllRoles) sessions[RoleName(role)] = SignInAs(RoleName(role));
  // The budget holder has given their representative view access.
  const auto holder =
      t_.accounts()
          .FindUserByEmail(app::Context::Operator("t"), home_.code, "budget-holder@home.example")
          .value();
  ASSERT_TRUE(t_.accounts().GrantAccess(
      app::Context{Actor{home_.id, holder.id, holder.roles}, "t", ""}, kPersonHome,
      {"representative@home.example", {"view"}, "2027-03-31", ""}));

  for (const auto& route : service_->router().routes()) {
    if (route.name == "session.delete") continue;  // would end the session; tested separately
    const auto& allowed = kMatrix.at(route.name);
    const bool anyone = allowed.count("anyone") > 0;
    const bool signed_in = anyone || allowed.count("signed-in") > 0;

    // Not signed in.
    const auto anon = Call(route, Fill(route.pattern, false), nullptr);
    EXPECT_EQ(!Denied(anon), anyone)
        << "anonymous " << route.name << " → " << anon.status << " " << anon.body;
    if (!anyone) {
      EXPECT_EQ(anon.status, 401) << route.name;
    }

    for (Role role : kAllRoles) {
      const std::string name = RoleName(role);
      const bool expect = signed_in || allowed.count(name) > 0;
      const auto own = Call(route, Fill(route.pattern, false), &sessions[name]);
      if (expect) {
        EXPECT_FALSE(Denied(own)) << name << " " << route.name << " own council → " << own.status
                                  << " " << own.body;
      } else {
        // On a person's record, standing without the power is 403 (the person themselves, their
        // representative, staff who work on the council's cases or its money); no standing at
        // all, 404.
        const bool standing = role == Role::kRepresentative || role == Role::kBudgetHolder ||
                              role == Role::kApprover || role == Role::kAssessor ||
                              role == Role::kFinanceOfficer ||
                              role == Role::kSafeguardingLead;  // a concern is on record
        const int denial = PersonScoped(route.pattern) && !standing ? 404 : 403;
        EXPECT_EQ(own.status, denial)
            << name << " " << route.name << " own council → " << own.status << " " << own.body;
        EXPECT_TRUE(Denied(own)) << name << " " << route.name << ": " << own.body;
      }
      if (CouncilScoped(route.pattern)) {
        const auto other = Call(route, Fill(route.pattern, true), &sessions[name]);
        EXPECT_EQ(other.status, 404) << name << " " << route.name << " other council → "
                                     << other.status << " " << other.body;
        EXPECT_TRUE(Denied(other)) << name << " " << route.name << ": " << other.body;
      }
    }
  }
}

TEST_F(AccessMatrixTest, DenialsAreAudited) {
  const auto analyst = SignInAs("analyst");
  for (const auto& route : service_->router().routes()) {
    if (route.name == "users.list") {
      EXPECT_EQ(Call(route, Fill(route.pattern, false), &analyst).status, 403);
      EXPECT_EQ(Call(route, Fill(route.pattern, true), &analyst).status, 404);
    }
  }
  auto entries = t_.accounts().SearchAudit(app::Context::Operator("t"),
                                           {.council_id = home_.id, .action = "users.manage"});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  for (const auto& e : *entries) EXPECT_EQ(e.outcome, AuditOutcome::kDenied);
}

}  // namespace
}  // namespace selfdirect
