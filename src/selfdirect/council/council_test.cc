#include "selfdirect/council/council.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

TEST(Council, ValidateNewCouncil_AcceptsAnOnsCodeAndAName) {
  EXPECT_TRUE(ValidateNewCouncil({"E09000033", "Westminster City Council"}).has_value());
}

TEST(Council, ValidateNewCouncil_NamesEveryBadField) {
  auto r = ValidateNewCouncil({"e9000033", "  "});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(r.error().fields,
              ElementsAre(Field(&FieldError::field, "code"), Field(&FieldError::field, "name")));
}

TEST(Scheme, ValidateNewScheme_FillsInTypicalDefaults) {
  auto r = ValidateNewScheme({.name = " Adult personal budgets ", .kind = "adult-social-care"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->name, "Adult personal budgets");
  EXPECT_EQ(r->settings, SchemeSettings{});
  EXPECT_EQ(r->settings.payment_interval, Period::kFourWeekly);
  EXPECT_EQ(r->settings.surplus_threshold_weeks, 8);
}

TEST(Scheme, ValidateNewScheme_ReadsEachSetting) {
  auto r = ValidateNewScheme({.name = "Carers",
                              .kind = "carers",
                              .weeks_per_year = "365/7",
                              .payment_interval = "monthly",
                              .surplus_threshold_weeks = 6,
                              .first_review_weeks = 6,
                              .review_interval_months = 6});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, SchemeKind::kCarers);
  EXPECT_EQ(r->settings.weeks_per_year, (WeeksPerYear{365, 7}));
  EXPECT_EQ(r->settings.payment_interval, Period::kMonthly);
  EXPECT_EQ(r->settings.review_interval_months, 6);
}

TEST(Scheme, ValidateNewScheme_EmployerSettingsDefaultToNoDbsAndAThirtyDayReminder) {
  auto defaults = ValidateNewScheme({.name = "Adults", .kind = "adult-social-care"});
  ASSERT_TRUE(defaults);
  EXPECT_FALSE(defaults->settings.pa_dbs_required);
  EXPECT_EQ(defaults->settings.pa_insurance_reminder_days, 30);
  auto set = ValidateNewScheme({.name = "Adults",
                                .kind = "adult-social-care",
                                .pa_dbs_required = true,
                                .pa_insurance_reminder_days = 60});
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->settings.pa_dbs_required);
  EXPECT_EQ(set->settings.pa_insurance_reminder_days, 60);
  auto bad = ValidateNewScheme(
      {.name = "Adults", .kind = "adult-social-care", .pa_insurance_reminder_days = 0});
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "settings.pa_insurance_reminder_days");
}

TEST(Scheme, ValidateNewScheme_ReportsAllProblemsAtOnce) {
  auto r = ValidateNewScheme({.name = "bad\nname",
                              .kind = "pocket-money",
                              .weeks_per_year = "60",
                              .payment_interval = "fortnightly",
                              .surplus_threshold_weeks = 0,
                              .first_review_weeks = 100,
                              .review_interval_months = 13});
  ASSERT_FALSE(r);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields,
              ElementsAre("name", "kind", "settings.weeks_per_year", "settings.payment_interval",
                          "settings.surplus_threshold_weeks", "settings.first_review_weeks",
                          "settings.review_interval_months"));
}

}  // namespace
}  // namespace selfdirect
