#include "selfdirect/access/totp.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

const std::vector<std::uint8_t> kRfcKey = [] {
  const std::string k = "12345678901234567890";
  return std::vector<std::uint8_t>(k.begin(), k.end());
}();

TEST(Totp, MatchesTheRfc6238TestVectors) {
  EXPECT_EQ(TotpCode(kRfcKey, 59, 8), "94287082");
  EXPECT_EQ(TotpCode(kRfcKey, 1111111109, 8), "07081804");
  EXPECT_EQ(TotpCode(kRfcKey, 1111111111, 8), "14050471");
  EXPECT_EQ(TotpCode(kRfcKey, 1234567890, 8), "89005924");
  EXPECT_EQ(TotpCode(kRfcKey, 2000000000, 8), "69279037");
  EXPECT_EQ(TotpCode(kRfcKey, 20000000000, 8), "65353130");
}

TEST(Totp, Base32RoundTripsTheSecret) {
  // "12345678901234567890" in base 32
  EXPECT_EQ(DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").value(), kRfcKey);
  const auto secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(DecodeBase32(secret)->size(), 20u);
  EXPECT_FALSE(DecodeBase32("not base32!"));
}

TEST(Totp, AcceptsTheCurrentStepAndOneEitherSideButEachCodeOnlyOnce) {
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const Timestamp now{std::chrono::seconds(1111111111)};
  const std::string code = TotpCode(kRfcKey, 1111111111);
  auto step = VerifyTotp(secret, code, now, 0);
  ASSERT_TRUE(step);
  EXPECT_EQ(*step, 1111111111 / 30);
  EXPECT_FALSE(VerifyTotp(secret, code, now, *step)) << "replayed";
  EXPECT_TRUE(VerifyTotp(secret, TotpCode(kRfcKey, 1111111111 - 30), now, 0));
  EXPECT_TRUE(VerifyTotp(secret, TotpCode(kRfcKey, 1111111111 + 30), now, 0));
  EXPECT_FALSE(VerifyTotp(secret, TotpCode(kRfcKey, 1111111111 + 90), now, 0));
  EXPECT_TRUE(VerifyTotp(secret, code.substr(0, 3) + " " + code.substr(3), now, 0));
  EXPECT_FALSE(VerifyTotp(secret, "12345", now, 0));
  EXPECT_FALSE(VerifyTotp(secret, "abcdef", now, 0));
}

TEST(Totp, UriIsWhatAuthenticatorAppsRead) {
  EXPECT_EQ(TotpUri("selfdirect (Westminster)", "ada@example.org", "ABC"),
            "otpauth://totp/selfdirect%20%28Westminster%29:ada@example.org?secret=ABC&issuer="
            "selfdirect%20%28Westminster%29&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace selfdirect
