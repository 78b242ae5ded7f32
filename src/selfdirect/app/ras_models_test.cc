#include "selfdirect/app/ras_models.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

class RasModelsTest : public ::testing::Test {
 protected:
  RasModelsTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        assessor_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})) {}

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }
  static Context Anyone() { return Context{Actor::Anonymous(), "req", ""}; }

  ras::RawAnswers Answers() {
    using K = ras::RawAnswer::Kind;
    return {{"washing", {K::kText, "c", false}},
            {"dressing", {K::kText, "b", false}},
            {"going_out", {K::kText, "b", false}},
            {"nights", {K::kNumber, "2", false}},
            {"age", {K::kNumber, "45", false}},
            {"living_setting", {K::kText, "supported_living", false}},
            {"has_unpaid_carer", {K::kYesNo, "", true}}};
  }

  testing::TestApp t_;
  Council council_;
  User admin_;
  User assessor_;
};

TEST_F(RasModelsTest, PublishedModelsArePublicAndEvaluateWithoutSigningIn) {
  ASSERT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  auto list = t_.ras().List(Anyone(), "E06000001");
  ASSERT_TRUE(list.has_value()) << list.error().message;
  ASSERT_EQ(list->versions.size(), 1u);
  EXPECT_EQ(list->versions[0].model_id, "small");
  EXPECT_EQ(list->versions[0].published_by_name, "Test admin@hartlepool.example");

  auto e = t_.ras().Evaluate(Anyone(), "E06000001", "small", 0, Answers());
  ASSERT_TRUE(e.has_value()) << e.error().message;
  EXPECT_EQ(e->amount_pence, 16665);
}

TEST_F(RasModelsTest, AnonymousCallersMustSayWhichCouncil) {
  auto list = t_.ras().List(Anyone(), "");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().fields.at(0).field, "council");
  EXPECT_EQ(t_.ras().List(Anyone(), "E99999999").error().code, ErrorCode::kNotFound);
}

TEST_F(RasModelsTest, RefusedAnswersAreNamedUnderAnswers) {
  ASSERT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  auto answers = Answers();
  answers.pop_back();
  auto e = t_.ras().Evaluate(Anyone(), "E06000001", "small", 0, answers);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().fields.at(0).field, "answers.has_unpaid_carer");
}

TEST_F(RasModelsTest, OnlyAdministratorsPublishAndOnlyCheckedNewerVersions) {
  EXPECT_EQ(t_.ras().Publish(As(assessor_), ras::testing::kSmallModel).error().code,
            ErrorCode::kPermissionDenied);
  auto broken = t_.ras().Publish(As(admin_), Replace(ras::testing::kSmallModel, "min(", "mn("));
  ASSERT_FALSE(broken.has_value());
  EXPECT_THAT(broken.error().fields.at(0).message, HasSubstr("There is no function \"mn\""));
  EXPECT_THAT(broken.error().fields.at(0).message, HasSubstr("line "));
  ASSERT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  auto again = t_.ras().Publish(As(admin_), ras::testing::kSmallModel);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_THAT(again.error().message, HasSubstr("give this one version 2 or higher"));
}

TEST_F(RasModelsTest, CheckComparesADraftWithTheCurrentVersion) {
  ASSERT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  std::string draft = Replace(ras::testing::kSmallModel, "version: 1", "version: 2");
  draft = Replace(draft, "value: 5.10", "value: 6.10");
  auto report = t_.ras().Check(As(admin_), draft);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_TRUE(report->problems.empty());
  ASSERT_EQ(report->examples.size(), 1u);
  EXPECT_FALSE(report->examples[0].passed);  // the example still says £166.65
  ASSERT_TRUE(report->current.has_value());
  EXPECT_EQ(report->current->record.version, 1);
  ASSERT_EQ(report->comparison.size(), 1u);  // the example both versions share, once
  EXPECT_EQ(report->comparison[0].current_pence, 16665);
  EXPECT_GT(report->comparison[0].new_pence, 16665);

  auto bad = t_.ras().Check(As(admin_), "not: [a, model");
  ASSERT_TRUE(bad.has_value());
  EXPECT_FALSE(bad->problems.empty());
  EXPECT_EQ(t_.ras().Check(As(assessor_), draft).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(RasModelsTest, PublishingIsAudited) {
  ASSERT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Audit().Search({council_.id});
    if (!found) return tl::unexpected(found.error());
    entries = std::move(*found);
    return Ok();
  }));
  EXPECT_THAT(entries,
              ::testing::Contains(::testing::Field(&AuditEntry::summary,
                                                   "published RAS model small version 1 (A small "
                                                   "test model)")));
}

}  // namespace
}  // namespace selfdirect::app
