// The steps a caller may take on a match (POST /api/v1/matches/{id}/{action}),
// as the API allows them: whoever handles the match (the Servicepunt, or the
// organisation whose vacancy it is) introduces, confirms, declines and ends; the
// two parties may only decline. A step that needs a reason asks for it first.

import { api } from './api.js';
import { el } from './dom.js';
import { busy, showErrors } from './forms.js';
import { OUTCOMES, onVacancy } from './words.js';

/** The statuses each step starts from (as in the API's match lifecycle). */
const FROM = {
  introduce: ['suggested', 'responded'],
  confirm: ['introduced'],
  decline: ['suggested', 'responded', 'introduced'],
  end: ['active'],
};

/**
 * The steps `viewer` may take now. `viewer.handler`: the Servicepunt or the
 * vacancy's organisation (the API says so in `yours_to_handle`); otherwise
 * a party, who may only decline.
 */
export function allowedSteps(match, viewer) {
  const steps = viewer.handler ? ['introduce', 'confirm', 'decline', 'end'] : ['decline'];
  return steps.filter((step) => FROM[step].includes(match.status));
}

let counter = 0;

/** What introducing does, for the Servicepunt or for the vacancy's own organisation. */
function introduceText(match, viewer) {
  if (!onVacancy(match)) {
    return 'Stel de vrijwilliger en de aanvrager aan elkaar voor. Daarna zien zij elkaars contactgegevens.';
  }
  return viewer.coordinator
    ? 'Stel de vrijwilliger en de organisatie aan elkaar voor. Daarna zien zij elkaars contactgegevens.'
    : `Past het? Kies dan ‘Aan elkaar voorstellen’. Daarna zien u en ${viewer.otherName || 'de vrijwilliger'} elkaars contactgegevens.`;
}

/** Confirming may record until when the parties agreed to help (optional). */
function untilField(prefix, viewer) {
  const id = `${prefix}-until`;
  const question = viewer.coordinator
    ? 'Spreken zij af tot een bepaalde datum te helpen?'
    : 'Heeft u afgesproken tot een bepaalde datum?';
  return el('div', { class: 'field' },
    el('label', { for: id }, 'Afgesproken tot (niet verplicht)'),
    el('p', { class: 'hint', id: `${id}-hint` },
      `${question} Dan ziet het Servicepunt op tijd wanneer die periode afloopt.`),
    el('input', { type: 'date', id, name: 'until', 'aria-describedby': `${id}-hint` }));
}

function reasonField(prefix, label, hint) {
  const id = `${prefix}-reason`;
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    el('p', { class: 'hint', id: `${id}-hint` }, hint),
    el('textarea', { id, name: 'reason', rows: 3, maxlength: 1000, 'aria-describedby': `${id}-hint` }));
}

/** Ending a match on a request: does the resident still want help? */
const AFTER_END = {
  close: 'Afsluiten: er is geen hulp meer nodig',
  again: 'Weer online zetten: het Servicepunt zoekt een nieuwe vrijwilliger',
};

function afterEndField(prefix) {
  return el('fieldset', { id: `${prefix}-after` },
    el('legend', {}, 'Wat gebeurt er met de hulpvraag?'),
    Object.entries(AFTER_END).map(([value, words]) =>
      el('label', { class: 'check-option', for: `${prefix}-after-${value}` },
        el('input', { type: 'radio', name: 'after', value, id: `${prefix}-after-${value}` }),
        el('span', {}, words))));
}

function stepForm(match, step, viewer, onDone) {
  const prefix = `step-${step}-${++counter}`;
  const other = viewer.otherName || 'de ander';
  const fieldMap = {
    reason: `${prefix}-reason`, outcome: `${prefix}-succeeded`, agreed_until: `${prefix}-until`,
    search_again: `${prefix}-after-close`,
  };
  const asksAfter = step === 'end' && !onVacancy(match);
  let button;
  let fields = [];
  let intro = null;
  switch (step) {
    case 'introduce':
      intro = el('p', {}, introduceText(match, viewer));
      button = 'Aan elkaar voorstellen';
      break;
    case 'confirm':
      intro = el('p', {}, 'Was de kennismaking goed? Dan bevestigt u de koppeling.');
      button = 'Koppeling bevestigen';
      fields = [untilField(prefix, viewer)];
      break;
    case 'decline':
      if (viewer.volunteer) button = 'Ik trek mij terug';
      else button = match.origin === 'suggestion' ? 'Niet doorgaan met deze vrijwilliger' : 'Deze reactie afwijzen';
      fields = [reasonField(prefix, 'Waarom gaat het niet door?',
        `Schrijf het kort op. ${other} en het Servicepunt kunnen dit lezen.`)];
      break;
    case 'end':
      button = 'Koppeling afsluiten';
      fields = [
        el('fieldset', { id: `${prefix}-outcome` },
          el('legend', {}, 'Hoe is het gegaan?'),
          Object.entries(OUTCOMES).map(([outcome, words]) =>
            el('label', { class: 'check-option', for: `${prefix}-${outcome}` },
              el('input', { type: 'radio', name: 'outcome', value: outcome, id: `${prefix}-${outcome}` }),
              el('span', {}, words)))),
        reasonField(prefix, 'Toelichting (nodig als het niet gelukt is)',
          `Bijvoorbeeld waarom het is gestopt. ${other} en het Servicepunt kunnen dit lezen.`),
        asksAfter ? afterEndField(prefix) : null,
      ];
      break;
    default:
      return null;
  }
  const submit = el('button', { type: 'submit', class: `button ${step === 'decline' ? '' : 'button-primary'}`.trim() }, button);
  const form = el('form', { class: 'step-form', novalidate: true }, intro, fields, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    if (form.reason) body.reason = form.reason.value.trim() || undefined;
    if (form.until?.value) body.agreed_until = form.until.value;
    if (step === 'end') body.outcome = form.querySelector('input[name="outcome"]:checked')?.value;
    if (asksAfter) {
      const after = form.querySelector('input[name="after"]:checked')?.value;
      if (!after) {
        showErrors(form, { errors: { search_again: 'Kies wat er met de hulpvraag gebeurt.' } }, fieldMap);
        return;
      }
      body.search_again = after === 'again';
    }
    try {
      const updated = await busy(submit, () => api.post(`matches/${encodeURIComponent(match.id)}/${step}`, body));
      onDone(updated, step);
    } catch (err) {
      showErrors(form, err, fieldMap);
    }
  });
  // Steps that need words first open as a small form; the others are one button
  // (confirming shows its optional end date beside the button).
  if (step === 'decline' || step === 'end') {
    return el('details', { class: 'step' }, el('summary', {}, button), form);
  }
  return el('div', { class: 'step' }, form);
}

/**
 * The step forms for `match` (nothing when there are none). `onDone(updated, step)`
 * is called with the match as the API answers it after a step.
 */
export function stepsPanel(match, viewer, onDone) {
  const steps = allowedSteps(match, viewer);
  if (!steps.length) return null;
  return el('div', { class: 'steps' }, steps.map((step) => stepForm(match, step, viewer, onDone)));
}

/** What was done, for an announcement after a step. */
export const STEP_DONE = {
  introduce: 'U heeft hen aan elkaar voorgesteld.',
  confirm: 'De koppeling is bevestigd.',
  decline: 'De koppeling gaat niet door.',
  end: 'De koppeling is afgesloten.',
};

/** What a step did, said to whoever took it: a vacancy's organisation introduced itself. */
export function stepDoneText(step, viewer) {
  if (step === 'introduce' && viewer.handler && !viewer.coordinator) return 'U bent aan elkaar voorgesteld.';
  return STEP_DONE[step] || 'Gedaan.';
}
