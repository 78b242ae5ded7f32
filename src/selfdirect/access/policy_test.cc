#include "selfdirect/access/policy.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

const CouncilId kHome("01JD0000000000000000000001");
const CouncilId kOther("01JD0000000000000000000002");

Actor With(std::vector<Role> roles) {
  return Actor{kHome, UserId("01JD00000000000000000000U1"), roles};
}

TEST(Policy, AnonymousMaySeePublicThingsOnly) {
  EXPECT_TRUE(Decide(Actor::Anonymous(), Action::kPublic, Resource::Deployment()).allowed());
  EXPECT_EQ(Decide(Actor::Anonymous(), Action::kOwnAccount, {}).outcome, Outcome::kUnauthenticated);
  EXPECT_EQ(Decide(Actor::Anonymous(), Action::kSchemesRead, Resource::Council(kHome)).outcome,
            Outcome::kUnauthenticated);
}

TEST(Policy, AnotherCouncilsRecordsAreHiddenEvenFromAdministrators) {
  const auto admin = With({Role::kAdministrator, Role::kAuditor});
  for (Action a : {Action::kSchemesRead, Action::kSchemesManage, Action::kUsersManage,
                   Action::kAuditRead, Action::kCouncilRead}) {
    EXPECT_EQ(Decide(admin, a, Resource::Council(kOther)).outcome, Outcome::kHidden)
        << ActionName(a);
    EXPECT_TRUE(Decide(admin, a, Resource::Council(kHome)).allowed()) << ActionName(a);
  }
}

TEST(Policy, OnlyAdministratorsManageSchemesAndUsers) {
  for (Role r : kAllRoles) {
    const bool admin = r == Role::kAdministrator;
    EXPECT_EQ(Decide(With({r}), Action::kSchemesManage, Resource::Council(kHome)).allowed(), admin)
        << RoleName(r);
    EXPECT_EQ(Decide(With({r}), Action::kUsersManage, Resource::Council(kHome)).allowed(), admin)
        << RoleName(r);
  }
}

TEST(Policy, OnlyAuditorsReadTheAuditLog) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(Decide(With({r}), Action::kAuditRead, Resource::Council(kHome)).allowed(),
              r == Role::kAuditor)
        << RoleName(r);
  }
}

TEST(Policy, BudgetHoldersAndRepresentativesDoNotSeeSchemeSettings) {
  EXPECT_EQ(
      Decide(With({Role::kBudgetHolder}), Action::kSchemesRead, Resource::Council(kHome)).outcome,
      Outcome::kForbidden);
  EXPECT_EQ(
      Decide(With({Role::kRepresentative}), Action::kSchemesRead, Resource::Council(kHome)).outcome,
      Outcome::kForbidden);
  EXPECT_TRUE(
      Decide(With({Role::kAssessor}), Action::kSchemesRead, Resource::Council(kHome)).allowed());
}

TEST(Policy, NobodyCreatesCouncilsThroughTheApi) {
  EXPECT_EQ(Decide(With({Role::kAdministrator}), Action::kCouncilsCreate, {}).outcome,
            Outcome::kForbidden);
}

TEST(Policy, DenialsMapToTheRightErrors) {
  EXPECT_EQ((Decision{Outcome::kUnauthenticated, ""}).AsError().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ((Decision{Outcome::kForbidden, ""}).AsError().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ((Decision{Outcome::kHidden, ""}).AsError().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace selfdirect

namespace selfdirect {
namespace {

const CouncilId kCouncil("01JD0000000000000000000001");
const PersonId kPerson("01JD0000000000000000000P01");

Decision OnPerson(std::vector<Role> roles, Action action, Relationship r) {
  return Decide(Actor{kCouncil, UserId("01JD00000000000000000000U1"), roles}, action,
                Resource::Person(kCouncil, kPerson, r));
}

TEST(PersonPolicy, StrangersAreToldTheRecordDoesNotExist) {
  for (Role role : kAllRoles) {
    for (Action a : {Action::kPersonView, Action::kGrantsManage, Action::kRecordViewsRead}) {
      EXPECT_EQ(OnPerson({role}, a, {}).outcome, Outcome::kHidden) << RoleName(role);
    }
  }
}

TEST(PersonPolicy, FinanceOfficersSeeTheMoneyButNotTheCaseRecord) {
  const Relationship council_person{.in_council = true};
  EXPECT_TRUE(OnPerson({Role::kFinanceOfficer}, Action::kBudgetRead, council_person).allowed());
  EXPECT_TRUE(
      OnPerson({Role::kFinanceOfficer}, Action::kContributionRecord, council_person).allowed());
  for (Action a :
       {Action::kPersonView, Action::kPersonWritePlan, Action::kCaseRecord, Action::kGrantsRead}) {
    EXPECT_EQ(OnPerson({Role::kFinanceOfficer}, a, council_person).outcome, Outcome::kForbidden)
        << ActionName(a);
  }
  // Nobody else records the contribution, not even the person's social worker.
  EXPECT_EQ(OnPerson({Role::kAssessor}, Action::kContributionRecord, {.in_caseload = true}).outcome,
            Outcome::kForbidden);
}

TEST(PersonPolicy, ThePersonSeesTheirRecordManagesAccessAndSeesWhoLooked) {
  const Relationship self{.self = true};
  for (Action a : {Action::kPersonView, Action::kPersonManageMoney, Action::kPersonWritePlan,
                   Action::kGrantsRead, Action::kGrantsManage, Action::kRecordViewsRead}) {
    EXPECT_TRUE(OnPerson({Role::kBudgetHolder}, a, self).allowed()) << ActionName(a);
  }
}

TEST(PersonPolicy, ARepresentativeGetsExactlyTheScopesGranted) {
  const Relationship viewer{.granted = {GrantScope::kView}};
  EXPECT_TRUE(OnPerson({Role::kRepresentative}, Action::kPersonView, viewer).allowed());
  EXPECT_EQ(OnPerson({Role::kRepresentative}, Action::kPersonManageMoney, viewer).outcome,
            Outcome::kForbidden);
  EXPECT_EQ(OnPerson({Role::kRepresentative}, Action::kGrantsManage, viewer).outcome,
            Outcome::kForbidden);
  EXPECT_EQ(OnPerson({Role::kRepresentative}, Action::kRecordViewsRead, viewer).outcome,
            Outcome::kForbidden);
  const Relationship money{.granted = {GrantScope::kManageMoney}};
  EXPECT_TRUE(OnPerson({Role::kRepresentative}, Action::kPersonManageMoney, money).allowed());
  EXPECT_TRUE(OnPerson({Role::kRepresentative}, Action::kPersonView, money).allowed());
}

TEST(PersonPolicy, CaseworkersReachTheirCaseloadOnly) {
  EXPECT_TRUE(OnPerson({Role::kAssessor}, Action::kGrantsManage, {.in_caseload = true}).allowed());
  EXPECT_EQ(OnPerson({Role::kAssessor}, Action::kPersonView, {}).outcome, Outcome::kHidden);
  // Caseload means nothing to a role that has no caseload.
  EXPECT_EQ(OnPerson({Role::kCommissioner}, Action::kPersonView, {.in_caseload = true}).outcome,
            Outcome::kHidden);
}

TEST(PersonPolicy, AnyoneWhoMaySeeTheRecordMayRaiseAConcern) {
  EXPECT_TRUE(OnPerson({Role::kBudgetHolder}, Action::kConcernRaise, {.self = true}).allowed());
  EXPECT_TRUE(
      OnPerson({Role::kRepresentative}, Action::kConcernRaise, {.granted = {GrantScope::kView}})
          .allowed());
  EXPECT_TRUE(OnPerson({Role::kAssessor}, Action::kConcernRaise, {.in_caseload = true}).allowed());
  EXPECT_EQ(OnPerson({Role::kFinanceOfficer}, Action::kConcernRaise, {}).outcome, Outcome::kHidden);
  // Raising a concern does not let its raiser read the concerns afterwards.
  EXPECT_EQ(OnPerson({Role::kAssessor}, Action::kPersonConcernsRead, {.in_caseload = true}).outcome,
            Outcome::kForbidden);
}

TEST(PersonPolicy, TheSafeguardingLeadSeesTheRecordsTheirConcernsAreAbout) {
  const Relationship concern{.concern_on_record = true};
  EXPECT_TRUE(OnPerson({Role::kSafeguardingLead}, Action::kPersonView, concern).allowed());
  EXPECT_TRUE(OnPerson({Role::kSafeguardingLead}, Action::kPersonConcernsRead, concern).allowed());
  EXPECT_EQ(OnPerson({Role::kSafeguardingLead}, Action::kPersonWritePlan, concern).outcome,
            Outcome::kForbidden);
  EXPECT_EQ(OnPerson({Role::kSafeguardingLead}, Action::kPersonView, {}).outcome, Outcome::kHidden);
  // A concern on record gives nothing to a role that does not handle concerns.
  EXPECT_EQ(OnPerson({Role::kCommissioner}, Action::kPersonView, concern).outcome,
            Outcome::kHidden);
}

TEST(Policy, OnlySafeguardingLeadsReadAndHandleConcerns) {
  for (Role role : kAllRoles) {
    const bool lead = role == Role::kSafeguardingLead;
    for (Action a : {Action::kConcernsRead, Action::kConcernsManage}) {
      const Decision d = Decide(With({role}), a, Resource::Council(kHome));
      EXPECT_EQ(d.allowed(), lead) << RoleName(role) << " " << ActionName(a);
      EXPECT_EQ(Decide(With({role}), a, Resource::Council(kOther)).outcome, Outcome::kHidden);
    }
  }
}

TEST(Policy, OnlyFinanceOfficersKeepAndReadTheLedger) {
  for (Role role : kAllRoles) {
    const bool finance = role == Role::kFinanceOfficer;
    for (Action a :
         {Action::kLedgerAccountsOpen, Action::kLedgerTransfersCreate, Action::kLedgerRead}) {
      const Decision d = Decide(With({role}), a, Resource::Council(kHome));
      EXPECT_EQ(d.allowed(), finance) << RoleName(role) << " " << ActionName(a);
      EXPECT_EQ(Decide(With({role}), a, Resource::Council(kOther)).outcome, Outcome::kHidden);
    }
  }
  EXPECT_EQ(Decide(Actor::Anonymous(), Action::kLedgerRead, Resource::Council(kHome)).outcome,
            Outcome::kUnauthenticated);
}

TEST(Policy, FinanceOfficersImportStatements) {
  for (Role role : kAllRoles) {
    const bool finance = role == Role::kFinanceOfficer;
    for (Action a : {Action::kStatementFormatsManage, Action::kStatementsImport,
                     Action::kContributionFileRead}) {
      EXPECT_EQ(Decide(With({role}), a, Resource::Council(kHome)).allowed(), finance)
          << RoleName(role) << " " << ActionName(a);
      EXPECT_EQ(Decide(With({role}), a, Resource::Council(kOther)).outcome, Outcome::kHidden);
    }
  }
}

TEST(Policy, FinanceOfficersHandleProviderInvoices) {
  for (Role role : kAllRoles) {
    const bool finance = role == Role::kFinanceOfficer;
    const Decision d = Decide(With({role}), Action::kInvoicesManage, Resource::Council(kHome));
    EXPECT_EQ(d.allowed(), finance) << RoleName(role);
    EXPECT_EQ(d.outcome, finance ? Outcome::kAllow : Outcome::kForbidden) << RoleName(role);
    EXPECT_EQ(Decide(With({role}), Action::kInvoicesManage, Resource::Council(kOther)).outcome,
              Outcome::kHidden);
  }
  EXPECT_EQ(Decide(Actor::Anonymous(), Action::kInvoicesManage, Resource::Council(kHome)).outcome,
            Outcome::kUnauthenticated);
  EXPECT_STREQ(ActionName(Action::kInvoicesManage), "invoices.manage");
}

TEST(Policy, FinanceOfficersAndCommissionersReadTheFinanceOverview_FinanceOfficersSetTheBudget) {
  for (Role role : kAllRoles) {
    const bool finance = role == Role::kFinanceOfficer;
    const bool reads = finance || role == Role::kCommissioner;
    EXPECT_EQ(
        Decide(With({role}), Action::kFinanceOverviewRead, Resource::Council(kHome)).allowed(),
        reads)
        << RoleName(role);
    EXPECT_EQ(
        Decide(With({role}), Action::kCouncilBudgetsManage, Resource::Council(kHome)).allowed(),
        finance)
        << RoleName(role);
    for (Action a : {Action::kFinanceOverviewRead, Action::kCouncilBudgetsManage}) {
      EXPECT_EQ(Decide(With({role}), a, Resource::Council(kOther)).outcome, Outcome::kHidden);
    }
  }
  EXPECT_EQ(
      Decide(Actor::Anonymous(), Action::kFinanceOverviewRead, Resource::Council(kHome)).outcome,
      Outcome::kUnauthenticated);
  EXPECT_STREQ(ActionName(Action::kFinanceOverviewRead), "finance-overview.read");
  EXPECT_STREQ(ActionName(Action::kCouncilBudgetsManage), "council-budgets.manage");
}

TEST(Policy, CommissionersKeepTheProviderRegister) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(Decide(With({role}), Action::kMarketManage, Resource::Council(kHome)).allowed(),
              role == Role::kCommissioner)
        << RoleName(role);
    EXPECT_EQ(Decide(With({role}), Action::kMarketManage, Resource::Council(kOther)).outcome,
              Outcome::kHidden);
  }
  EXPECT_EQ(Decide(Actor::Anonymous(), Action::kMarketManage, Resource::Council(kHome)).outcome,
            Outcome::kUnauthenticated);
  EXPECT_STREQ(ActionName(Action::kMarketManage), "market.manage");
}

TEST(Policy, TheHolderTheirGranteesAndFinanceRecategoriseStatementLines) {
  const PersonId person("01JD00000000000000000PER51");
  auto decide = [&](std::vector<Role> roles, Relationship r) {
    return Decide(With(std::move(roles)), Action::kStatementRecategorise,
                  Resource::Person(kHome, person, std::move(r)))
        .outcome;
  };
  EXPECT_EQ(decide({Role::kBudgetHolder}, {.self = true}), Outcome::kAllow);
  EXPECT_EQ(decide({Role::kFinanceOfficer}, {.in_council = true}), Outcome::kAllow);
  EXPECT_EQ(decide({Role::kRepresentative}, {.granted = {GrantScope::kManageMoney}}),
            Outcome::kAllow);
  EXPECT_EQ(decide({Role::kSupportPlanner}, {.granted = {GrantScope::kWritePlan}}),
            Outcome::kAllow);
  // A view grant lets them see the lines, not change them.
  EXPECT_EQ(decide({Role::kRepresentative}, {.granted = {GrantScope::kView}}), Outcome::kForbidden);
  EXPECT_EQ(decide({Role::kAssessor}, {.in_caseload = true, .in_council = true}),
            Outcome::kForbidden);
  EXPECT_EQ(decide({Role::kAnalyst}, {.in_council = true}), Outcome::kHidden);
}

}  // namespace
}  // namespace selfdirect
