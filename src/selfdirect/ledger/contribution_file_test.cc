#include "selfdirect/ledger/contribution_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

using ::testing::HasSubstr;

Date D(const char* text) { return ParseIsoDate(text).value(); }

const PersonId kMaya("01JD000000000000007K3P9QX2");
const PersonId kBen("01JD0000000000000000BEN0X1");
const std::string kSha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

StatementLine Line(std::int64_t row, std::int64_t pence, const char* reference,
                   const char* payee = "", const char* on = "2026-11-20") {
  StatementLine l;
  l.row = row;
  l.line = row + 1;
  l.date = D(on);
  l.amount = Pence(pence);
  l.reference = reference;
  l.payee = payee;
  return l;
}

std::map<std::string, FilePayer> Payers() {
  std::map<std::string, FilePayer> out;
  out[ContributionReference(kMaya)] = {
      kMaya, "Maya Okafor", {{LedgerAccountId("01JA0000000000000000RECV01"), Pence(4000)}}, {}};
  out[ContributionReference(kBen)] = {
      kBen,
      "Ben Adeyemi",
      {{LedgerAccountId("01JA0000000000000000RECV02"), Pence(2000)}},
      {{"form-1", D("2026-11-18"), Pence(1000), "",
        ParseTimestamp("2026-11-18T10:00:00.000Z").value()}}};
  return out;
}

TEST(ContributionReference, IsSdAndTheEndOfThePersonsIdAndIsFoundAsAWordInAnyCase) {
  EXPECT_EQ(ContributionReference(kMaya), "SD7K3P9QX2");
  EXPECT_EQ(ContributionReference(kMaya).size(), 10u);
  EXPECT_EQ(FindContributionReference(Line(1, 100, "SD7K3P9QX2")), "SD7K3P9QX2");
  EXPECT_EQ(FindContributionReference(Line(1, 100, "contrib sd-7k3p9qx2 nov")), "SD7K3P9QX2");
  EXPECT_EQ(FindContributionReference(Line(1, 100, "", "M OKAFOR SD 7K3P9QX2")), "SD7K3P9QX2");
  // Part of a longer word is not a reference.
  EXPECT_EQ(FindContributionReference(Line(1, 100, "XSD7K3P9QX2")), std::nullopt);
  EXPECT_EQ(FindContributionReference(Line(1, 100, "SD7K3P9QX21")), std::nullopt);
  EXPECT_EQ(FindContributionReference(Line(1, 100, "SD7K3P9")), std::nullopt);
  EXPECT_EQ(FindContributionReference(Line(1, 100, "")), std::nullopt);
}

TEST(MatchContributionFile, EachLineSaysWhatBecomesOfIt) {
  const std::string maya = ContributionReference(kMaya);
  const std::string ben = ContributionReference(kBen);
  const std::vector<StatementLine> lines = {
      Line(1, 1500, ("BGC " + maya).c_str()),        // recorded
      Line(2, -2500, "DD ELECTRIC"),                 // money out
      Line(3, 1000, "GIFT"),                         // no reference
      Line(4, 1000, "SDZZZZZZZZ"),                   // no one with it
      Line(5, 3000, maya.c_str()),                   // more than the £25.00 left
      Line(6, 2500, maya.c_str()),                   // the rest of what she owes
      Line(7, 1000, ben.c_str(), "", "2026-11-18"),  // like Ben's payment already recorded
      Line(8, 500, ben.c_str(), "", "2019-11-18"),   // too long ago
      Line(9, 500, ben.c_str()),                     // recorded
  };
  auto out = MatchContributionFile(lines, kSha, Payers(), {}, D("2026-11-22"));
  ASSERT_EQ(out.size(), lines.size());
  std::vector<FileLineOutcome> outcomes;
  for (const FileLine& f : out) outcomes.push_back(f.outcome);
  EXPECT_EQ(outcomes,
            (std::vector<FileLineOutcome>{
                FileLineOutcome::kRecord, FileLineOutcome::kMoneyOut, FileLineOutcome::kNoReference,
                FileLineOutcome::kUnknownReference, FileLineOutcome::kNotAccepted,
                FileLineOutcome::kRecord, FileLineOutcome::kNotAccepted,
                FileLineOutcome::kNotAccepted, FileLineOutcome::kRecord}));
  EXPECT_EQ(out[0].person, kMaya);
  EXPECT_EQ(out[0].payment_id, "bank-0123456789abcdef-1");
  EXPECT_EQ(out[0].payment_reference, "BGC " + maya);
  EXPECT_EQ(out[0].sentence, "£15.00 from Maya Okafor towards their contribution");
  EXPECT_THAT(out[3].sentence,
              HasSubstr("No one who owes a contribution has the reference SDZZZZZZZZ"));
  EXPECT_EQ(out[4].sentence,
            "More than the £25.00 they owe: record what they owe by hand and refund the rest");
  EXPECT_THAT(out[6].sentence, HasSubstr("£10.00 paid on 18 November 2026 is already recorded"));
  EXPECT_EQ(out[7].sentence, "The day they paid must be in the last 6 years: check the year");

  const CheckedPayment p = FileLinePayment(out[5]);
  EXPECT_EQ(p.payment_id, "bank-0123456789abcdef-6");
  EXPECT_EQ(p.amount, Pence(2500));
  EXPECT_EQ(p.paid_on, D("2026-11-20"));
  EXPECT_EQ(p.reference, maya);
}

TEST(MatchContributionFile, ALineRecordedBeforeIsNotRecordedAgain) {
  auto payers = Payers();
  const std::string maya = ContributionReference(kMaya);
  payers[maya].recorded.push_back({FileLinePaymentId(kSha, 1), D("2026-11-20"), Pence(1500), maya,
                                   ParseTimestamp("2026-11-21T10:00:00.000Z").value()});
  const std::vector<StatementLine> lines = {Line(1, 1500, maya.c_str())};
  auto out =
      MatchContributionFile(lines, kSha, payers, {FileLinePaymentId(kSha, 1)}, D("2026-11-22"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].outcome, FileLineOutcome::kAlreadyRecorded);
  EXPECT_EQ(out[0].person_name, "Maya Okafor");
  // Also when that line paid all they owed, so that they are no longer among the payers.
  auto settled =
      MatchContributionFile(lines, kSha, {}, {FileLinePaymentId(kSha, 1)}, D("2026-11-22"));
  EXPECT_EQ(settled[0].outcome, FileLineOutcome::kAlreadyRecorded);
  EXPECT_FALSE(settled[0].person.has_value());
  // Another file with the same line is another payment, asked about as one like it.
  auto other = MatchContributionFile(lines, std::string(64, 'f'), payers, {}, D("2026-11-22"));
  EXPECT_EQ(other[0].outcome, FileLineOutcome::kNotAccepted);
  EXPECT_THAT(other[0].sentence, HasSubstr("already recorded for them"));
}

}  // namespace
}  // namespace selfdirect::ledger
