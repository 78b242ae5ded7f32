#include "selfdirect/casework/codes.h"

namespace selfdirect::casework {
namespace {

constexpr Code kGender[] = {
    {"female", "Female", "Female"},
    {"male", "Male", "Male"},
    {"other", "They describe their gender another way", "Other"},
    {"not_known", "Not known", "Unknown"},
};

// NHS Data Dictionary ethnic categories (the letter is the national code).
constexpr Code kEthnicity[] = {
    {"A", "White: British", "White: English, Welsh, Scottish, Northern Irish or British"},
    {"B", "White: Irish", "White: Irish"},
    {"C", "White: any other White background", "White: Any other White background"},
    {"D", "Mixed: White and Black Caribbean", "Mixed: White and Black Caribbean"},
    {"E", "Mixed: White and Black African", "Mixed: White and Black African"},
    {"F", "Mixed: White and Asian", "Mixed: White and Asian"},
    {"G", "Mixed: any other mixed background",
     "Mixed: Any other Mixed or multiple ethnic background"},
    {"H", "Asian or Asian British: Indian", "Asian or Asian British: Indian"},
    {"J", "Asian or Asian British: Pakistani", "Asian or Asian British: Pakistani"},
    {"K", "Asian or Asian British: Bangladeshi", "Asian or Asian British: Bangladeshi"},
    {"L", "Asian or Asian British: any other Asian background",
     "Asian or Asian British: Any other Asian background"},
    {"M", "Black or Black British: Caribbean",
     "Black, Black British, Caribbean or African: Caribbean"},
    {"N", "Black or Black British: African", "Black, Black British, Caribbean or African: African"},
    {"P", "Black or Black British: any other Black background",
     "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean "
     "background"},
    {"R", "Other ethnic group: Chinese", "Asian or Asian British: Chinese"},
    {"S", "Other ethnic group: any other", "Other ethnic group: Any other ethnic group"},
    {"Z", "Not stated", "Not stated"},
};

constexpr Code kPrimarySupportReason[] = {
    {"physical_access_mobility", "Physical support: access and mobility only",
     "Physical support: Access and mobility only"},
    {"physical_personal_care", "Physical support: personal care",
     "Physical support: Personal care support"},
    {"sensory_visual", "Sensory support: sight", "Sensory support: Support for visual impairment"},
    {"sensory_hearing", "Sensory support: hearing",
     "Sensory support: Support for hearing impairment"},
    {"sensory_dual", "Sensory support: sight and hearing",
     "Sensory support: Support for dual impairment"},
    {"memory_cognition", "Support with memory and cognition", "Support with memory and cognition"},
    {"learning_disability", "Learning disability support", "Learning disability support"},
    {"mental_health", "Mental health support", "Mental health support"},
    {"social_substance_misuse", "Social support: substance misuse",
     "Social support: Substance misuse support"},
    {"social_asylum_seeker", "Social support: asylum seeker",
     "Social support: Asylum seeker support"},
    {"social_isolation_other", "Social support: social isolation or other",
     "Social support: Support for social isolation/other"},
    {"support_to_unpaid_carer", "Support to an unpaid carer",
     "Social support: Support to unpaid carer"},
    {"not_known", "Not known yet", "Unknown"},
};

constexpr Code kAccommodation[] = {
    {"owner_occupier", "Owns their home (or shared ownership)",
     "Owner occupier or shared ownership scheme"},
    {"tenant_social", "Rents from the council or a housing association",
     "Tenant - Local Authority/Arms Length Management Organisation/Registered Social "
     "Landlord/Housing Association"},
    {"tenant_private", "Rents from a private landlord", "Tenant - private landlord"},
    {"with_family", "Lives with family or friends",
     "Settled mainstream housing with family/friends (including flat-sharing)"},
    {"supported_accommodation", "Supported accommodation or supported living",
     "Supported accommodation/Supported lodgings/Supported group home"},
    {"shared_lives", "Shared Lives", "Shared Lives scheme"},
    {"sheltered_housing", "Sheltered or extra care housing",
     "Sheltered housing/extra care housing/other sheltered housing"},
    {"residential_care", "A care home", "Registered care home"},
    {"nursing_care", "A nursing home", "Registered nursing home"},
    {"homeless", "Homeless or in temporary accommodation", "Rough sleeper/Squatting"},
    {"other", "Somewhere else", "Other"},
    {"not_known", "Not known", "Unknown"},
};

constexpr Code kEmployment[] = {
    {"paid_16_plus", "Paid work, 16 or more hours a week", "Paid: 16 or more hours a week"},
    {"paid_under_16", "Paid work, under 16 hours a week", "Paid: Less than 16 hours a week"},
    {"seeking_work", "Not in paid work, looking for work", "Not in Paid Employment (seeking work)"},
    {"not_seeking_work", "Not in paid work, not looking",
     "Not in Paid Employment (not actively seeking work / retired)"},
    {"voluntary_work", "Voluntary work only", "Not in Paid Employment (voluntary work only)"},
    {"not_known", "Not known", "Unknown"},
};

constexpr Code kRouteOfAccess[] = {
    {"community", "From the community (the person, family or a professional)",
     "Community / Other route"},
    {"hospital_discharge", "Leaving hospital", "Discharge from Hospital"},
    {"hospital_diversion", "To keep them out of hospital", "Diversion from Hospital Services"},
    {"transition", "Moving from children's services", "Planned Entry (Transition)"},
    {"reablement_discharge", "After reablement", "Discharge from Reablement"},
    {"self_funder", "Was paying for their own care", "Self-Funder"},
    {"prison", "From prison", "Prison"},
    {"other_council", "From another council", "Transfer from Other LA"},
};

constexpr Code kContactOutcome[] = {
    {"information_advice", "Information and advice only",
     "NFA: Information and advice or signposting"},
    {"to_assessment", "Go on to an assessment", "Progress to assessment, review or reassessment"},
    {"to_reablement", "Go on to reablement", "Progress to reablement/ST-Max"},
    {"referred_nhs", "Referred to the NHS",
     "NFA: Referral to NHS services or NHS funded social care"},
    {"declined", "The person declined support", "NFA: Support declined"},
    {"other", "Something else", "NFA: Other"},
};

// Why a review is held. The return's Review Reason values come from the Release 2 workbook, which
// the project does not ship; "" until it does.
constexpr Code kReviewReason[] = {
    {"planned", "Planned review", ""},
    {"needs_changed", "The person's needs or circumstances changed", ""},
    {"person_asked", "The person or their family asked for one", ""},
    {"money_concern", "A concern about how the money is used", ""},
    {"safeguarding", "After a safeguarding concern", ""},
    {"hospital", "After a stay in hospital", ""},
};

constexpr Code kReviewMethod[] = {
    {"in_person", "In person", ""},
    {"phone_or_video", "By phone or video call", ""},
    {"self_review", "The person completed a self-review", ""},
    {"with_provider", "With the provider or support planner", ""},
};

// Why a case closes; the return's Event Outcome for the closing event.
constexpr Code kClosureReason[] = {
    {"died", "The person died", "NFA: Deceased"},
    {"moved_away", "Moved to another council's area",
     "NFA: Responsibility moved to another local authority"},
    {"declined", "The person no longer wants support", "NFA: Support declined"},
    {"needs_met_elsewhere", "Their needs are met another way (NHS, family, own means)",
     "NFA: Support ended for other reason"},
};

// How the person's contribution was decided (Care and Support (Charging and Assessment of
// Resources) Regulations 2014).
constexpr Code kContributionBasis[] = {
    {"financial_assessment", "A financial assessment of their income and savings", ""},
    {"not_charged", "Not charged (for example aftercare under section 117)", ""},
    {"full_cost", "Savings above the upper limit: they pay the full cost", ""},
    {"declined_assessment", "They chose not to have a financial assessment: full cost", ""},
};

// How an unpaid carer is related to the person they care for.
constexpr Code kCarerRelationship[] = {
    {"spouse_or_partner", "Husband, wife or partner", ""},
    {"parent", "Parent", ""},
    {"son_or_daughter", "Son or daughter", ""},
    {"other_relative", "Another relative", ""},
    {"friend_or_neighbour", "Friend or neighbour", ""},
    {"other", "Someone else", ""},
};

// Whether the carer has been offered a carer's assessment (Care Act 2014 s10).
constexpr Code kCarerAssessmentOffer[] = {
    {"not_yet_offered", "Not offered yet", ""},
    {"offered", "Offered: waiting for their answer", ""},
    {"accepted", "Accepted", ""},
    {"declined", "Declined", ""},
};

template <std::size_t N>
std::span<const Code> Span(const Code (&codes)[N]) {
  return std::span<const Code>(codes, N);
}

}  // namespace

std::span<const Code> Codes(CodeList list) {
  switch (list) {
    case CodeList::kGender:
      return Span(kGender);
    case CodeList::kEthnicity:
      return Span(kEthnicity);
    case CodeList::kPrimarySupportReason:
      return Span(kPrimarySupportReason);
    case CodeList::kAccommodation:
      return Span(kAccommodation);
    case CodeList::kEmployment:
      return Span(kEmployment);
    case CodeList::kRouteOfAccess:
      return Span(kRouteOfAccess);
    case CodeList::kContactOutcome:
      return Span(kContactOutcome);
    case CodeList::kReviewReason:
      return Span(kReviewReason);
    case CodeList::kReviewMethod:
      return Span(kReviewMethod);
    case CodeList::kClosureReason:
      return Span(kClosureReason);
    case CodeList::kContributionBasis:
      return Span(kContributionBasis);
    case CodeList::kCarerRelationship:
      return Span(kCarerRelationship);
    case CodeList::kCarerAssessmentOffer:
      return Span(kCarerAssessmentOffer);
  }
  return {};
}

const Code* FindCode(CodeList list, std::string_view code) {
  for (const Code& c : Codes(list)) {
    if (code == c.code) return &c;
  }
  return nullptr;
}

const char* LabelOf(CodeList list, std::string_view code) {
  const Code* c = FindCode(list, code);
  return c != nullptr ? c->label : "";
}

const char* CodeListName(CodeList list) {
  switch (list) {
    case CodeList::kGender:
      return "gender";
    case CodeList::kEthnicity:
      return "ethnicity";
    case CodeList::kPrimarySupportReason:
      return "primary support reason";
    case CodeList::kAccommodation:
      return "accommodation";
    case CodeList::kEmployment:
      return "employment";
    case CodeList::kRouteOfAccess:
      return "route of access";
    case CodeList::kContactOutcome:
      return "outcome";
    case CodeList::kReviewReason:
      return "review reason";
    case CodeList::kReviewMethod:
      return "review method";
    case CodeList::kClosureReason:
      return "closure reason";
    case CodeList::kContributionBasis:
      return "contribution basis";
    case CodeList::kCarerRelationship:
      return "carer relationship";
    case CodeList::kCarerAssessmentOffer:
      return "carer assessment offer";
  }
  return "";
}

}  // namespace selfdirect::casework
