// Loading a synthetic demo council (simulate/council.h) into an empty database through the
// same use cases staff use: the council and its adult social care scheme, the points-and-price
// RAS model, users for each role with known demo passwords, two locality teams, and every
// person's case from first contact to sign-off, reviews and closure, each step at its own
// moment; and the local market: providers and services in the directory that plans buy from,
// and the personal assistants that direct payments employ.
//
//   DemoCouncilOptions options{.people = 5000, .seed = 7, .as_of = *ParseIsoDate("2026-11-23")};
//   Result<DemoCouncilReport> report = LoadDemoCouncil(store, options);
//   for (const DemoSignIn& s : report->sign_ins) ...     // print them once
//
// The same seed and as-of date give the same records, ids and audit log byte for byte: the
// loader keeps its own fixed clock (moved to each step's moment, in time order) and draws ids
// from a stream of the seed. Only what is random by design differs: password hashes (their
// salt) and one-time password links.
//
// Everything is written in ONE transaction: a failure leaves the database as it was.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/access/credentials.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/result.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The demo council's code and name.
inline constexpr std::string_view kDemoCouncilCode = "E06000999";
inline constexpr std::string_view kDemoCouncilName = "Demoshire Council (synthetic demo data)";

// The RAS model the demo council publishes: models/points-price.yaml, built into the binary.
std::string_view DemoRasModel();

struct DemoCouncilOptions {
  std::int64_t people = 5000;
  std::uint64_t seed = 1;
  Date as_of{};   // the council's "today"; cases run over the `years` before it
  int years = 3;  // 1 to 10
  // The demo users' passwords are printed for anyone to read, so the minimum strength of hash
  // is enough; the moderate one would take seconds for each user.
  HashStrength hash_strength = HashStrength::kMinimum;
  // Called now and then while cases are written: steps done of all steps.
  std::function<void(std::int64_t done, std::int64_t total)> on_progress;
};

// One demo sign-in, to print once.
struct DemoSignIn {
  std::string role;  // "Social worker"
  std::string email;
  std::string password;
  std::string finds;  // what they will find: "the North team's caseload"
};

struct DemoCouncilReport {
  Council council;
  std::vector<DemoSignIn> sign_ins;
  std::int64_t people = 0;
  std::int64_t signed_off = 0;         // a budget in place
  std::int64_t closed = 0;             // had a budget; the case has closed since
  std::int64_t awaiting_sign_off = 0;  // submitted, not yet decided
  std::int64_t planning = 0;           // writing a plan (or returned to them)
  std::int64_t in_assessment = 0;      // eligible or at contact, not yet assessed
  std::int64_t not_eligible = 0;
  std::int64_t no_further_action = 0;  // information and advice, declined, referred on
  std::int64_t steps = 0;              // use cases run for the cases
  std::int64_t reviews = 0;            // reviews held
  std::int64_t providers = 0;          // in the directory
  std::int64_t services = 0;
  std::int64_t payment_runs = 0;  // every four weeks, released
  // Overpayments a run listed that a finance officer recovered (or credited back) before the next
  // run.
  std::int64_t overpayments_decided = 0;
  std::int64_t statements = 0;     // card statements imported
  std::int64_t alerts = 0;         // raised by the monitoring run on the last day
  std::int64_t contributions = 0;  // financial assessments recorded
  std::int64_t concerns = 0;       // safeguarding concerns raised by social workers
  std::int64_t pools = 0;          // pooled budgets proposed (and started)
  std::int64_t invoices = 0;       // provider invoices recorded for council-arranged support
  std::int64_t invoices_held = 0;  // of them, held for a finance officer's decision at the end
  std::int64_t contribution_payments = 0;  // contributions paid in, from the council's bank file
  std::int64_t bank_lines_for_you = 0;     // lines of those files left for a finance officer
};

// Why the database cannot take the demo council, in plain English, or "" when it can (it has
// no council at all). Reads only.
Result<std::string> WhyNotEmpty(store::Store& store);

// Generates and writes the demo council. kInvalidArgument (field "people") for a number of
// people out of range; kFailedPrecondition, with WhyNotEmpty's words, when the database already
// has a council; kInternal when a generated record is refused (a bug: nothing is written).
Result<DemoCouncilReport> LoadDemoCouncil(store::Store& store, const DemoCouncilOptions& options);

}  // namespace selfdirect::app
