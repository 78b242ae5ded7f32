#include "selfdirect/access/credentials.h"

#include <gtest/gtest.h>

#include <set>

namespace selfdirect {
namespace {

TEST(Passwords, TwelveCharactersAtLeastAndNoCompositionRules) {
  EXPECT_FALSE(CheckNewPassword("short", "a@b.example"));
  EXPECT_FALSE(CheckNewPassword("elevenchars", "a@b.example"));
  EXPECT_TRUE(CheckNewPassword("correct horse battery", "a@b.example"));  // spaces, no digits
  EXPECT_TRUE(CheckNewPassword("alllowercaseletters", "a@b.example"));
  // Counted in characters, not bytes: 12 accented letters pass, 11 do not.
  EXPECT_TRUE(CheckNewPassword("éééééééééééé", "a@b.example"));
  EXPECT_FALSE(CheckNewPassword("ééééééééééé", "a@b.example"));
}

TEST(Passwords, CommonPasswordsAreRefusedWhateverTheirCase) {
  EXPECT_TRUE(IsCommonPassword("123456789012"));
  EXPECT_TRUE(IsCommonPassword("PersonalBudget123"));
  auto r = CheckNewPassword("Password123456", "a@b.example");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.at(0).field, "password");
  EXPECT_NE(r.error().fields.at(0).message.find("too easy to guess"), std::string::npos);
  EXPECT_FALSE(IsCommonPassword("tangerine lamp ocean"));
}

TEST(Passwords, TheEmailAddressIsNotAPassword) {
  EXPECT_FALSE(CheckNewPassword("Jo.Bloggs@council.example", "jo.bloggs@council.example"));
}

TEST(Passwords, HashesVerifyAndAreSalted) {
  auto a = HashPassword("tangerine lamp ocean", HashStrength::kMinimum);
  auto b = HashPassword("tangerine lamp ocean", HashStrength::kMinimum);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("tangerine lamp ocean", *a));
  EXPECT_FALSE(VerifyPassword("tangerine lamp ocean!", *a));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
}

TEST(Secrets, AreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto s = NewSecret();
    EXPECT_EQ(s.size(), 43u);
    EXPECT_EQ(
        s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(SecretsEqual("same", "same"));
  EXPECT_FALSE(SecretsEqual("same", "sane"));
  EXPECT_FALSE(SecretsEqual("same", "same but longer"));
}

}  // namespace
}  // namespace selfdirect
