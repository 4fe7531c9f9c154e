// What every page shares: the header shows who is logged in, with "Mijn overzicht"
// and "Uitloggen", or "Inloggen" and "Aanmelden"; the current page is marked.

import { KINDS } from './kinds.js';
import { currentAccount, firstName, logOut } from './session.js';

function markCurrent() {
  const path = location.pathname;
  for (const link of document.querySelectorAll('#nav-list a')) {
    link.removeAttribute('aria-current');
    const href = link.getAttribute('href');
    const current = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
    if (current) link.setAttribute('aria-current', 'page');
  }
}

// At once, and again when the header is refreshed for the account (refreshHeader).
markCurrent();

/** What "post something" means for each role: residents ask, volunteers offer. */
const POST_KIND = { volunteer: 'offer', organisation: 'vacancy' };

/** Shows the logged-in person (or Inloggen/Aanmelden) in the header. */
export async function refreshHeader() {
  const account = await currentAccount();
  for (const item of document.querySelectorAll('[data-session]')) {
    item.hidden = (item.dataset.session === 'account') !== Boolean(account);
  }
  // The werkbak is the Servicepunt's; its link shows for coordinators only.
  for (const item of document.querySelectorAll('[data-role]')) {
    item.hidden = account?.role !== item.dataset.role;
  }
  const name = document.getElementById('nav-name');
  if (name && account) name.textContent = firstName(account);
  const ask = document.querySelector('[data-nav="ask"]');
  const post = KINDS[POST_KIND[account?.role]];
  if (ask && post) [ask.href, ask.textContent] = [post.form, post.title];
  markCurrent();
}

document.getElementById('nav-logout')?.addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    await logOut();
  } finally {
    location.assign('/?uitgelogd=1');
  }
});

refreshHeader();
