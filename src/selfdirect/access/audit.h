// The audit log: an append-only, tamper-evident record of every write and every read of a
// person's data.
//
// Entries are numbered per council (seq 1, 2, 3, …). Each carries the SHA-256 of its own
// content and of the previous entry's hash, so editing, deleting or reordering any entry breaks
// the chain from that point; VerifyChain names the first broken entry.
//
//   AuditEntry e = ...;                      // everything but seq, prev_hash and hash
//   SealEntry(e, previous);                  // fills seq, prev_hash and hash
//   ChainVerifier v; for (auto& e : entries) v.Add(e); v.first_break();
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"

namespace selfdirect {

enum class AuditOutcome { kAllowed, kDenied, kFailed };
const char* AuditOutcomeName(AuditOutcome outcome);  // "allowed", "denied", "failed"

struct AuditEntry {
  CouncilId council_id;
  std::int64_t seq = 0;
  Timestamp at;
  std::string actor_user_id;  // empty for anonymous or the system
  std::string actor_roles;    // comma-separated role names held at the time
  std::string action;         // ActionName, or a use case name ("users.create")
  std::string resource_type;  // "council", "scheme", "user", "person", …
  std::string resource_id;
  std::string subject_person_id;  // whose personal data this touched, if anyone's
  std::string request_id;
  AuditOutcome outcome = AuditOutcome::kAllowed;
  std::string summary;    // for writes: what changed, without secrets
  std::string prev_hash;  // hash of entry seq-1 (64 zeros for the first)
  std::string hash;       // SHA-256 over the content above and prev_hash, in hex
};

// The hash an entry should carry, from its content and prev_hash (seq included).
std::string ComputeAuditHash(const AuditEntry& entry);

// Makes `entry` the next link after `previous` (or the first of its council when none).
void SealEntry(AuditEntry& entry, const std::optional<AuditEntry>& previous);

inline const std::string kGenesisHash(64, '0');

struct ChainBreak {
  std::int64_t seq;    // the first entry that does not fit
  std::string reason;  // plain English: "entry 7 was changed after it was written"
};

// Checks entries of one council fed in seq order.
class ChainVerifier {
 public:
  void Add(const AuditEntry& entry);
  const std::optional<ChainBreak>& first_break() const { return break_; }
  std::int64_t checked() const { return checked_; }

 private:
  std::optional<ChainBreak> break_;
  std::int64_t checked_ = 0;
  std::int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
};

}  // namespace selfdirect
