// /finance/settings (administrators): how often payments are run, the total above which a run
// needs a second finance officer, and the provider invoice tolerance. The form shows the
// council's settings; saving sends all four, checked together, and nothing changes unless
// every one is right.
import '../main';
import { api } from '../api';
import { byId } from '../dom';
import { FormErrors } from '../forms';
import { SETTINGS_FIELDS, readSettingsForm, settingsForm, type FinanceSettings, type SettingsForm } from '../finance-settings-view';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';

const PATH = '/finance/settings';
const API = '/api/finance-settings';

function fill(form: SettingsForm): void {
  byId<HTMLInputElement>('payment-run-every-days').value = form.every;
  byId<HTMLInputElement>('approval-threshold').value = form.threshold;
  byId<HTMLInputElement>('invoice-tolerance-percent').value = form.percent;
  byId<HTMLInputElement>('invoice-tolerance-minimum').value = form.minimum;
}

function read(): SettingsForm {
  return {
    every: byId<HTMLInputElement>('payment-run-every-days').value,
    threshold: byId<HTMLInputElement>('approval-threshold').value,
    percent: byId<HTMLInputElement>('invoice-tolerance-percent').value,
    minimum: byId<HTMLInputElement>('invoice-tolerance-minimum').value,
  };
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: PATH, role: 'administrator' });
  if (!page) return;
  const loaded = await api<FinanceSettings>('GET', API);
  byId('loading').hidden = true;
  if (!loaded.ok) return showPageProblem(loaded.problem);
  const form = byId<HTMLFormElement>('settings-form');
  fill(settingsForm(loaded.data));
  form.hidden = false;
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const body = readSettingsForm(read());
    if ('problems' in body) {
      errors.show(validationProblem(body.problems), SETTINGS_FIELDS);
      return;
    }
    busy = true;
    try {
      const saved = await api<FinanceSettings>('PUT', API, body.body);
      if (!saved.ok) {
        showFormProblem(errors, saved.problem, SETTINGS_FIELDS, { linkOtherProblemsTo: 'payment-run-every-days' });
        return;
      }
      errors.clear();
      fill(settingsForm(saved.data));
      const every = saved.data.payment_run_every_days;
      showSuccess(byId('notification'), 'The finance settings are saved',
        `Payments are run every ${every === 1 ? 'day' : `${every} days`}: each run pays, in advance, what begins before the next.`);
    } finally {
      busy = false;
    }
  });
}

void main();
