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
