#include "selfdirect/ras/expression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::ras {
namespace {

std::unique_ptr<Expr> Parse(const std::string& text, Problems* problems) {
  return ParseExpression(text, ExpressionSource{{10, 5}, false}, problems);
}

std::string RoundTrip(const std::string& text) {
  Problems problems;
  auto e = Parse(text, &problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems[0].message);
  return e ? ExpressionText(*e) : "";
}

TEST(ParseExpression, FollowsPrecedenceAndAssociativity) {
  EXPECT_EQ(RoundTrip("1 + 2 * 3"), "1 + 2 * 3");
  EXPECT_EQ(RoundTrip("(1 + 2) * 3"), "(1 + 2) * 3");
  EXPECT_EQ(RoundTrip("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(RoundTrip("a - b - c"), "a - b - c");
  EXPECT_EQ(RoundTrip("-x ^ 2"), "-x ^ 2");
  EXPECT_EQ(RoundTrip("a < 3 and not b or c"), "a < 3 and not b or c");
  EXPECT_EQ(RoundTrip("(a or b) and c"), "(a or b) and c");
}

TEST(ParseExpression, ReadsConditionsMatchesAndCalls) {
  EXPECT_EQ(RoundTrip("if a > 1 then 2 elif b then 3 else 4"),
            "if a > 1 then 2 elif b then 3 else 4");
  EXPECT_EQ(RoundTrip("match s { \"x\": 1, 'y': 2, else: 3 }"),
            "match s { \"x\": 1, \"y\": 2, else: 3 }");
  EXPECT_EQ(RoundTrip("s in [\"a\", \"b\"]"), "s in [\"a\", \"b\"]");
  EXPECT_EQ(RoundTrip("min(a, b + 1, clamp(c, 0, 10))"), "min(a, b + 1, clamp(c, 0, 10))");
  EXPECT_EQ(RoundTrip("-4.35"), "-4.35");
}

TEST(ParseExpression, NamesTheColumnOfTheMistake) {
  Problems problems;
  EXPECT_EQ(Parse("a + * b", &problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.line, 10);
  EXPECT_EQ(problems[0].where.column, 9);  // the '*', 4 characters after column 5
  EXPECT_THAT(problems[0].message, testing::HasSubstr("\"*\""));
}

TEST(ParseExpression, CountsTheOpeningQuoteOfAQuotedScalar) {
  Problems problems;
  EXPECT_EQ(ParseExpression("a $ b", ExpressionSource{{3, 10}, true}, &problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.column, 13);
}

TEST(ParseExpression, ExplainsCommonSlips) {
  for (const auto& [text, words] : std::vector<std::pair<std::string, std::string>>{
           {"a = 1", "=="},
           {"if a then 1", "else"},
           {"\"open", "closing quote"},
           {"min(a, b", ")"},
           {"1.2345678", "six decimal places"},
           {"a b", "operator"},
           {"", "ends too soon"},
           {"match s { }", "at least one case"},
       }) {
    Problems problems;
    EXPECT_EQ(Parse(text, &problems), nullptr) << text;
    ASSERT_EQ(problems.size(), 1u) << text;
    EXPECT_THAT(problems[0].message, testing::HasSubstr(words)) << text;
  }
}

TEST(ParseExpression, RefusesDeepNestingWithoutCrashing) {
  Problems problems;
  const std::string deep = std::string(10'000, '(') + "1" + std::string(10'000, ')');
  EXPECT_EQ(Parse(deep, &problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, testing::HasSubstr("nests more than"));
  problems.clear();
  EXPECT_EQ(Parse(std::string(10'000, '-') + "1", &problems), nullptr);
  problems.clear();
  EXPECT_NE(Parse(std::string(10'000, 'n'), &problems), nullptr);  // one long name is fine
  problems.clear();
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_EQ(Parse(nots + "a", &problems), nullptr);
}

}  // namespace
}  // namespace selfdirect::ras
