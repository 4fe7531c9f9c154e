// Keyboard shortcuts for the werkbak: one-letter keys for frequent actions, and a
// `?` overlay (a <dialog>) that lists them. Keys never fire while someone types in
// a field, and never with Ctrl, Alt or Meta (the browser's and screen reader's own
// keys stay theirs). Styles: css/desk.css (.shortcuts-dialog, kbd).
//
//   import { useShortcuts } from '../shortcuts.js';
//   const keys = useShortcuts([
//     { key: 'j', label: 'Naar het volgende voorstel', run: () => … },
//   ]);
//   someContainer.append(keys.button());   // "Sneltoetsen" button that opens the overlay

import { el } from './dom.js';

/** Whether the event comes from somewhere one types (then keys are text, not commands). */
function typing(event) {
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  const input = target.closest('input');
  return Boolean(input) && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(input.type);
}

/**
 * Registers `shortcuts` ([{ key, label, run }]) on the document; `?` opens the
 * overlay. Answers `{ open(), button(), dialog }`.
 */
export function useShortcuts(shortcuts, { title = 'Sneltoetsen' } = {}) {
  const titleId = `shortcuts-title-${Math.random().toString(36).slice(2, 8)}`;
  const close = el('button', { type: 'button', class: 'button' }, 'Sluiten');
  const dialog = el('dialog', { class: 'shortcuts-dialog', 'aria-labelledby': titleId },
    el('h2', { id: titleId }, title),
    el('p', {}, 'Deze toetsen werken als u niet in een invulveld typt.'),
    el('dl', {},
      shortcuts.map((s) => [el('dt', {}, el('kbd', {}, s.key)), el('dd', {}, s.label)]),
      el('dt', {}, el('kbd', {}, '?')), el('dd', {}, 'Deze lijst tonen'),
      el('dt', {}, el('kbd', {}, 'Esc')), el('dd', {}, 'Deze lijst sluiten')),
    close);
  document.body.append(dialog);
  let opener = null;
  close.addEventListener('click', () => dialog.close());
  // The close event comes a moment after the dialog has closed: a key pressed right
  // after Esc (j, j, k) may already have moved the focus on, and it stays there.
  dialog.addEventListener('close', () => {
    const now = document.activeElement;
    if (!now || now === document.body || dialog.contains(now)) opener?.focus?.();
  });

  const open = () => {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    close.focus();
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (dialog.open || typing(event)) return;
    if (document.querySelector('dialog[open]')) return;
    if (event.key === '?') {
      event.preventDefault();
      open();
      return;
    }
    const found = shortcuts.find((s) => s.key === event.key);
    if (found) {
      event.preventDefault();
      found.run(event);
    }
  });

  return {
    dialog,
    open,
    /** A button that opens the overlay (for those who do not know about `?`). */
    button: () => {
      const b = el('button', { type: 'button', class: 'button', 'aria-keyshortcuts': '?' }, 'Sneltoetsen (?)');
      b.addEventListener('click', open);
      return b;
    },
  };
}
