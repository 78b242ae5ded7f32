#include "selfdirect/access/audit.h"

#include "selfdirect/access/credentials.h"

namespace selfdirect {
namespace {

// Length-prefixed fields, so that no two different entries serialise the same way.
void Put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

const char* AuditOutcomeName(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kAllowed:
      return "allowed";
    case AuditOutcome::kDenied:
      return "denied";
    case AuditOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

std::string ComputeAuditHash(const AuditEntry& e) {
  std::string canonical = "selfdirect-audit-v1;";
  Put(canonical, e.council_id.str());
  Put(canonical, std::to_string(e.seq));
  Put(canonical, FormatTimestamp(e.at));
  Put(canonical, e.actor_user_id);
  Put(canonical, e.actor_roles);
  Put(canonical, e.action);
  Put(canonical, e.resource_type);
  Put(canonical, e.resource_id);
  Put(canonical, e.subject_person_id);
  Put(canonical, e.request_id);
  Put(canonical, AuditOutcomeName(e.outcome));
  Put(canonical, e.summary);
  Put(canonical, e.prev_hash);
  return Sha256Hex(canonical);
}

void SealEntry(AuditEntry& entry, const std::optional<AuditEntry>& previous) {
  entry.seq = previous ? previous->seq + 1 : 1;
  entry.prev_hash = previous ? previous->hash : kGenesisHash;
  entry.hash = ComputeAuditHash(entry);
}

void ChainVerifier::Add(const AuditEntry& e) {
  if (break_) return;
  ++checked_;
  if (e.seq != last_seq_ + 1) {
    break_ = ChainBreak{e.seq, "entry " + std::to_string(last_seq_ + 1) +
                                   " is missing: the entry after " + std::to_string(last_seq_) +
                                   " is numbered " + std::to_string(e.seq)};
  } else if (e.prev_hash != last_hash_) {
    break_ = ChainBreak{e.seq, "entry " + std::to_string(e.seq) +
                                   " does not follow the entry before it (removed, reordered "
                                   "or replaced)"};
  } else if (ComputeAuditHash(e) != e.hash) {
    break_ =
        ChainBreak{e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written"};
  }
  last_seq_ = e.seq;
  last_hash_ = e.hash;
}

}  // namespace selfdirect
