/**
 * The pure parts of the carers pages: the API's shapes, where each call goes, the add-a-carer
 * form read into what the server wants (with the problems found before sending, named as the
 * server names them), which element each server field belongs to, and how the record lists a
 * carer. No DOM, no fetch.
 *
 *   carerBody(answers)      // { ok: true, body } or { ok: false, errors: [...] }
 *   carerRows(carers)       // [name, what the record says] for the summary list, past carers last
 */
import { dateFromParts, dateInWords, type Code } from './casework-view';
import type { FieldProblem } from './problem';

/** An unpaid carer linked to a person (GET /api/people/{id}'s carers; POST …/carers). */
export interface Carer {
  id: string;
  person_id: string;
  carer_person_id: string | null;
  name: string;
  relationship: string;
  relationship_label: string;
  lives_with: boolean;
  phone: string;
  assessment_offer: string;
  assessment_offer_label: string;
  offered_on: string | null;
  description: string;
  created_at: string;
  ended_at: string | null;
}

/** Someone the person cares for (GET /api/people/{id}'s cares_for). */
export interface CaringFor {
  person_id: string;
  person_name: string;
  relationship: string;
  relationship_label: string;
}

/** The parts of GET /api/people/{id} the carers pages read. */
export interface PersonCarers {
  id: string;
  full_name: string;
  carers?: Carer[];
  cares_for?: CaringFor[];
}

export interface CarerCodes {
  carer_relationship: Code[];
  carer_assessment_offer: Code[];
}

export const carerApiPath = {
  add: (person: string): string => `/api/people/${encodeURIComponent(person)}/carers`,
  end: (person: string, carer: string): string =>
    `/api/people/${encodeURIComponent(person)}/carers/${encodeURIComponent(carer)}/end`,
};

export const carerPagePath = {
  add: (person: string): string => `/person/carer?person=${encodeURIComponent(person)}`,
  end: (person: string, carer: string): string =>
    `/person/carer?person=${encodeURIComponent(person)}&end=${encodeURIComponent(carer)}`,
};

export interface CarerAnswers {
  name: string;
  nhsNumber: string;
  relationship?: string;
  livesWith?: string;
  phone: string;
  assessmentOffer?: string;
  offeredOn: { day: string; month: string; year: string };
}

export type Built = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldProblem[] };

/** Reads the add-a-carer form; the server checks again (and the NHS number's check digit). */
export function carerBody(answers: CarerAnswers): Built {
  const errors: FieldProblem[] = [];
  const name = answers.name.trim();
  const nhs = answers.nhsNumber.replace(/\s+/g, '');
  if (!name && !nhs) errors.push({ field: 'name', message: 'Enter the carer’s name' });
  if (nhs && !/^\d{10}$/.test(nhs)) errors.push({ field: 'nhs_number', message: 'Enter the carer’s NHS number as 10 digits, like 485 777 3457, or leave it blank' });
  if (!answers.relationship) errors.push({ field: 'relationship', message: 'Select how the carer is related to the person' });
  if (!answers.livesWith) errors.push({ field: 'lives_with', message: 'Select whether the carer lives with the person' });
  if (!answers.assessmentOffer) errors.push({ field: 'assessment_offer', message: 'Select whether the carer has been offered a carer’s assessment' });
  let offeredOn = '';
  const { day, month, year } = answers.offeredOn;
  const dateTyped = Boolean(day.trim() || month.trim() || year.trim());
  if (answers.assessmentOffer && answers.assessmentOffer !== 'not_yet_offered') {
    const on = dateFromParts(day, month, year, 'date the assessment was offered');
    if (!on.ok) errors.push({ field: 'offered_on', message: on.message });
    else offeredOn = on.date;
  } else if (dateTyped && answers.assessmentOffer === 'not_yet_offered') {
    errors.push({ field: 'offered_on', message: 'Leave the date blank: the assessment has not been offered yet' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      nhs_number: nhs,
      relationship: answers.relationship,
      lives_with: answers.livesWith,
      phone: answers.phone.trim(),
      assessment_offer: answers.assessmentOffer,
      offered_on: offeredOn,
    },
  };
}

/** Where each server field is on the form. */
export const CARER_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  nhs_number: 'nhs-number',
  relationship: 'relationship',
  lives_with: 'lives-with',
  phone: 'phone',
  assessment_offer: 'assessment-offer',
  offered_on: 'offered-on-day',
};

/** What the record says of a carer's assessment: "Offered on 20 November 2026: accepted". */
export function assessmentWords(carer: Pick<Carer, 'assessment_offer' | 'assessment_offer_label' | 'offered_on'>): string {
  if (carer.assessment_offer === 'not_yet_offered' || !carer.offered_on) return 'Not offered a carer’s assessment yet';
  const when = `Offered a carer’s assessment on ${dateInWords(carer.offered_on)}`;
  switch (carer.assessment_offer) {
    case 'accepted':
      return `${when}: accepted`;
    case 'declined':
      return `${when}: declined`;
    default:
      return `${when}: waiting for their answer`;
  }
}

/** The carers still caring, in the order given (the server puts them first), then the past ones. */
export function currentAndPast(carers: readonly Carer[]): { current: Carer[]; past: Carer[] } {
  return { current: carers.filter((c) => !c.ended_at), past: carers.filter((c) => Boolean(c.ended_at)) };
}
